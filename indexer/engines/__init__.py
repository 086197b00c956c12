"""Search engines behind one contract (``base.Engine``)."""
from __future__ import annotations

from ..settings import Settings
from .base import Engine


def open_engine(settings: Settings) -> Engine:
    """The engine ``settings.engine`` names: ``embedded`` (default), an
    Elasticsearch URL (``http(s)://``) or an OpenSearch URL (``opensearch+http(s)://``)."""
    target = settings.engine.strip()
    if target in ("", "embedded", "tantivy"):
        from .tantivy_engine import EmbeddedEngine

        return EmbeddedEngine(settings.data_dir)
    if target.startswith("opensearch+"):
        from .opensearch import (  # each client loads only for its URL
            OpenSearchEngine,
            is_opensearch_url,
        )

        if is_opensearch_url(target):
            return OpenSearchEngine(settings)
    from .elastic import ElasticEngine, is_elasticsearch_url

    if is_elasticsearch_url(target):
        return ElasticEngine(settings)
    from ..errors import EngineUnavailable

    raise EngineUnavailable(
        f"unknown engine '{settings.engine_display}': use 'embedded', an Elasticsearch URL (http://host:9200) "
        "or an OpenSearch URL (opensearch+http://host:9200)"
    )
