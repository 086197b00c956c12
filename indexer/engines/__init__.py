"""Search engines behind one contract (``base.Engine``)."""
from __future__ import annotations

from ..settings import Settings
from .base import Engine


def open_engine(settings: Settings) -> Engine:
    """The engine ``settings.engine`` names: ``embedded`` (default) or a URL."""
    target = settings.engine.strip()
    if target in ("", "embedded", "tantivy"):
        from .tantivy_engine import EmbeddedEngine

        return EmbeddedEngine(settings.data_dir)
    elastic = open_elasticsearch(settings)
    if elastic is not None:
        return elastic
    from ..errors import EngineUnavailable

    raise EngineUnavailable(f"unknown engine '{target}': use 'embedded' or an Elasticsearch URL (http://host:9200)")


def open_elasticsearch(settings: Settings) -> Engine | None:
    """An ElasticEngine when ``settings.engine`` is an http(s):// URL, else None."""
    from .elastic import ElasticEngine, is_elasticsearch_url

    if not is_elasticsearch_url(settings.engine.strip()):
        return None
    return ElasticEngine(settings)
