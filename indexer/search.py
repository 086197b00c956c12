"""Search, the verb the CLI and the server call.

1. expand the query once: with a lexicon built, each English word gets its
   dictionary translations into the document languages (``lexicon.expand``);
2. let the engine rank, page, highlight and count facets, with the same
   ``Ranking`` weights that chose the translations.

Engines never look anything up themselves, so every engine searches the
same expanded query.
"""
from __future__ import annotations

from .engines.base import Engine, SearchResponse
from .lexicon.expand import expand_request
from .query import SearchRequest
from .ranking import DEFAULT_RANKING, Ranking
from .settings import Settings


def search(engine: Engine, request: SearchRequest, settings: Settings,
           ranking: Ranking = DEFAULT_RANKING) -> SearchResponse:
    """Answer ``request`` on ``engine``, in every language the lexicon of
    ``settings.data_dir`` covers."""
    return engine.search(expand_request(request, settings.data_dir, ranking), ranking)
