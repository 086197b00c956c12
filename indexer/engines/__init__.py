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
    from .elastic import (  # the client loads only for a URL
        ElasticEngine,
        is_elasticsearch_url,
    )

    if is_elasticsearch_url(target):
        return ElasticEngine(settings)
    from ..errors import EngineUnavailable

    raise EngineUnavailable(
        f"unknown engine '{settings.engine_display}': use 'embedded' or an Elasticsearch URL (http://host:9200)"
    )
