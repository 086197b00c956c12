"""The Elasticsearch engine: ``ClusterEngine`` through the official 8.x client.

Everything but the client calls lives in ``cluster`` (shared with
OpenSearch). Supported servers: Elasticsearch 8.x and 9.x through the 8.x
client.
"""
from __future__ import annotations

from typing import Any

import elastic_transport
from elasticsearch import (
    ApiError,
    AuthenticationException,
    AuthorizationException,
    Elasticsearch,
    NotFoundError,
    UnsupportedProductError,
    helpers,
)

from ..errors import EngineUnavailable
from ..settings import Settings
from .cluster import ClusterEngine, SameSpelling
from .elastic_errors import (
    ClusterAddress,
    Credentials,
    Failure,
    api_failure,
    failure_of,
    quiet_transport_logs,
)

# Checked in order (TlsError is a ConnectionError), before any other ApiError.
_KINDS = (
    (elastic_transport.TlsError, "tls"),
    ((elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout), "connect"),
    (AuthenticationException, "auth"),
    (AuthorizationException, "forbidden"),
    (UnsupportedProductError, "product"),
)


def is_elasticsearch_url(engine: str) -> bool:
    """True when the engine setting names an Elasticsearch cluster."""
    return engine.startswith(("http://", "https://"))


class ElasticEngine(ClusterEngine):
    """Search, get and build indices on an Elasticsearch cluster."""

    name = "elasticsearch"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, ElasticClient(ClusterAddress.parse(settings.engine), settings))


class ElasticClient(SameSpelling):
    """``cluster.ClusterClient`` on the elasticsearch-py 8.x client (each method as documented there)."""

    product = "Elasticsearch"
    service = "elasticsearch"
    supported = "an Elasticsearch 8.x or 9.x cluster"
    highlight_limit = "max_analyzed_offset"
    helpers = helpers

    def __init__(self, address: ClusterAddress, settings: Settings) -> None:
        self.address = address
        self.raw = _client(address, settings)

    def classify(self, exc: Exception) -> Failure | None:
        """Sort an elasticsearch-py exception for ``translated_errors``."""
        found = failure_of(exc, _KINDS)
        if found is None and isinstance(exc, ApiError):  # an error answer from the server
            return api_failure(exc.status_code, exc.body)
        return found

    def health(self) -> dict[str, Any]:
        return self.raw.cluster.health().body

    def create_index(self, name: str, body: dict[str, Any]) -> None:
        self.raw.indices.create(index=name, **body)

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.raw.search(index=index, body=body).body

    def get_source(self, index: str, doc_id: str, field: str) -> dict[str, Any] | None:
        try:
            found = self.raw.get(index=index, id=doc_id, source_includes=[field])
        except NotFoundError as exc:
            if api_failure(exc.status_code, exc.body).error_type == "index_not_found_exception":
                raise
            return None
        return found["_source"][field]

    def aliased(self, alias: str) -> list[str]:
        try:
            return list(self.raw.indices.get_alias(name=alias).body)
        except NotFoundError:
            return []

    def indices(self, pattern: str) -> list[str]:
        return list(self.raw.indices.get(index=pattern, allow_no_indices=True, ignore_unavailable=True).body)

    def mappings(self, index: str) -> dict[str, Any]:
        return self.raw.indices.get_mapping(index=index).body

    def delete(self, names: list[str], missing_ok: bool = False) -> None:
        self.raw.indices.delete(index=",".join(names), ignore_unavailable=missing_ok)

    def finish(self, index: str, meta: dict[str, Any]) -> None:
        self.raw.indices.put_settings(index=index, settings={"index": {"refresh_interval": None}})
        self.raw.indices.put_mapping(index=index, meta=meta)
        self.raw.indices.refresh(index=index)

    def update_aliases(self, actions: list[dict[str, Any]]) -> None:
        self.raw.indices.update_aliases(actions=actions)

    def put_settings(self, index: str, settings: dict[str, Any]) -> None:
        self.raw.indices.put_settings(index=index, settings=settings)

    def clone_index(self, source: str, target: str) -> None:
        self.raw.indices.clone(index=source, target=target, wait_for_active_shards="1")



def _client(address: ClusterAddress, settings: Settings) -> Elasticsearch:
    """A client with credentials from the URL or the settings (never logged)."""
    quiet_transport_logs("elastic_transport.transport", "elastic_transport.node_pool")
    options: dict[str, Any] = {"request_timeout": 30, "max_retries": 1, "retry_on_timeout": False}
    login = Credentials.of(address, settings)
    if login.api_key:
        options["api_key"] = login.api_key
    elif login.user:
        options["basic_auth"] = (login.user, login.password)
    if login.ca_certs:
        options["ca_certs"] = login.ca_certs
    try:
        return Elasticsearch(address.url, **options)
    except ValueError as exc:
        raise EngineUnavailable(f"cannot use the Elasticsearch URL {address.url}: {exc}") from None
