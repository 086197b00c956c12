"""Search backends behind one contract (see base.py); ``open_engine`` picks one."""
from __future__ import annotations

from ..settings import Settings
from .base import Engine


def open_engine(settings: Settings) -> Engine:
    """The engine named by ``settings.engine``: an Elasticsearch URL or embedded."""
    elastic = open_elasticsearch(settings)
    if elastic is not None:
        return elastic
    from .tantivy_engine import TantivyEngine  # the lead's embedded engine

    return TantivyEngine(settings)


def open_elasticsearch(settings: Settings) -> Engine | None:
    """An ElasticEngine when ``settings.engine`` is an http(s):// URL, else None."""
    from .elastic import ElasticEngine, is_elasticsearch_url

    if not is_elasticsearch_url(settings.engine):
        return None
    return ElasticEngine(settings)
