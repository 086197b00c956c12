"""The search verb: the query is translated once, then the engine answers.

The CLI and the server call ``search``; the engine receives a query that
already carries its dictionary translation groups (``lexicon.expand``), and
the answer carries that query back, so callers can show how the query was
interpreted (``indexer.interpretation``).
"""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from .engines.base import Engine, SearchResponse
from .interpretation import interpretation_text
from .lexicon.expand import with_translations
from .query import ParsedQuery, SearchRequest

logger = logging.getLogger(__name__)


def search(engine: Engine, request: SearchRequest, data_dir: Path) -> SearchResponse:
    """``engine``'s answer to ``request``, its ``query`` the one actually run."""
    request = with_translations(request, Path(data_dir))
    logger.debug("query interpreted as: %s", interpretation_text(request.query))
    response = engine.search(request)
    return dataclasses.replace(response, query=request.query)


def interpret(query: ParsedQuery, data_dir: Path) -> ParsedQuery:
    """``query`` with its dictionary translations, as ``search`` would run it."""
    return with_translations(SearchRequest(query, facets=False), Path(data_dir)).query
