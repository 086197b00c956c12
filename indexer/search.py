"""Search, the verb the CLI and the server call.

1. expand the query once: with a lexicon built, each English word gets its
   dictionary translations into the document languages (``lexicon.expand``);
2. let the engine rank, page, highlight and count facets, with the same
   ``Ranking`` weights that chose the translations.

Engines never look anything up themselves, so every engine searches the
same expanded query. The answer carries that expanded query back
(``SearchResponse.query``), so callers can show how the query was
interpreted (``indexer.interpretation``; ``-vv`` logs it).
"""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from .engines.base import Engine, SearchResponse
from .interpretation import interpretation_text
from .lexicon.expand import expand_request
from .query import ParsedQuery, SearchRequest
from .ranking import DEFAULT_RANKING, Ranking
from .settings import Settings

logger = logging.getLogger(__name__)


def search(engine: Engine, request: SearchRequest, settings: Settings,
           ranking: Ranking = DEFAULT_RANKING) -> SearchResponse:
    """Answer ``request`` on ``engine``, in every language the lexicon of
    ``settings.data_dir`` covers; the answer's ``query`` is the one run."""
    expanded = expand_request(request, settings.data_dir, ranking)
    logger.debug("query interpreted as: %s", interpretation_text(expanded.query))
    response = engine.search(expanded, ranking)
    return dataclasses.replace(response, query=expanded.query)


def interpret(query: ParsedQuery, data_dir: Path, ranking: Ranking = DEFAULT_RANKING) -> ParsedQuery:
    """``query`` with its dictionary translations, as ``search`` would run it."""
    return expand_request(SearchRequest(query, facets=False), Path(data_dir), ranking).query
