"""The OpenSearch engine: ``ClusterEngine`` through the official opensearch-py client.

Selected with an ``opensearch+http://host:9200`` or
``opensearch+https://host:9200`` engine URL; the part after ``opensearch+``
is the cluster's address. Index layout, queries, highlights, facets and the
alias swap are the Elasticsearch engine's (``cluster``); this module only
adapts the client. Supported servers: OpenSearch 2.x (tested on 2.19).
"""
from __future__ import annotations

from typing import Any

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import (
    AuthenticationException,
    AuthorizationException,
    ConnectionTimeout,
    NotFoundError,
    SSLError,
    TransportError,
)
from opensearchpy.exceptions import (
    ConnectionError as OpenSearchConnectionError,
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

SCHEME_PREFIX = "opensearch+"

# Checked in order: SSLError is a ConnectionError, and every one of them a TransportError.
_KINDS = (
    (SSLError, "tls"),
    ((OpenSearchConnectionError, ConnectionTimeout), "connect"),
    (AuthenticationException, "auth"),
    (AuthorizationException, "forbidden"),
)


def is_opensearch_url(engine: str) -> bool:
    """True when the engine setting names an OpenSearch cluster."""
    return engine.startswith((f"{SCHEME_PREFIX}http://", f"{SCHEME_PREFIX}https://"))


class OpenSearchEngine(ClusterEngine):
    """Search, get and build indices on an OpenSearch cluster."""

    name = "opensearch"

    def __init__(self, settings: Settings) -> None:
        address = ClusterAddress.parse(settings.engine.strip().removeprefix(SCHEME_PREFIX))
        super().__init__(settings, OpenSearchClient(address, settings))


class OpenSearchClient(SameSpelling):
    """``cluster.ClusterClient`` on opensearch-py (each method as documented there)."""

    product = "OpenSearch"
    service = "opensearch"
    supported = "an OpenSearch 2.x cluster"
    highlight_limit = "max_analyzer_offset"  # OpenSearch's spelling; it refuses Elasticsearch's
    helpers = helpers

    def __init__(self, address: ClusterAddress, settings: Settings) -> None:
        self.address = address
        self.raw = _client(address, settings)

    def classify(self, exc: Exception) -> Failure | None:
        """Sort an opensearch-py exception for ``translated_errors``."""
        found = failure_of(exc, _KINDS)
        if found is None and isinstance(exc, TransportError):  # an error answer from the server
            status = exc.status_code if isinstance(exc.status_code, int) else 0
            return api_failure(status, exc.info if isinstance(exc.info, dict) else {"error": exc.error})
        return found

    def health(self) -> dict[str, Any]:
        return self.raw.cluster.health()

    def create_index(self, name: str, body: dict[str, Any]) -> None:
        self.raw.indices.create(index=name, body=body)

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.raw.search(index=index, body=body)

    def get_source(self, index: str, doc_id: str, field: str) -> dict[str, Any] | None:
        try:
            found = self.raw.get(index=index, id=doc_id, params={"_source_includes": field})
        except NotFoundError as exc:
            if isinstance(exc.info, dict) and "error" in exc.info:  # the index is missing, not the document
                raise
            return None
        return found["_source"][field]

    def aliased(self, alias: str) -> list[str]:
        try:
            return list(self.raw.indices.get_alias(name=alias))
        except NotFoundError:
            return []

    def indices(self, pattern: str) -> list[str]:
        return list(self.raw.indices.get(index=pattern, params={"allow_no_indices": "true", "ignore_unavailable": "true"}))

    def mappings(self, index: str) -> dict[str, Any]:
        return self.raw.indices.get_mapping(index=index)

    def delete(self, names: list[str], missing_ok: bool = False) -> None:
        self.raw.indices.delete(index=",".join(names), params={"ignore_unavailable": str(missing_ok).lower()})

    def finish(self, index: str, meta: dict[str, Any]) -> None:
        self.raw.indices.put_settings(index=index, body={"index": {"refresh_interval": None}})
        self.raw.indices.put_mapping(index=index, body={"_meta": meta})
        self.raw.indices.refresh(index=index)

    def update_aliases(self, actions: list[dict[str, Any]]) -> None:
        self.raw.indices.update_aliases(body={"actions": actions})

    def put_settings(self, index: str, settings: dict[str, Any]) -> None:
        self.raw.indices.put_settings(index=index, body=settings)

    def clone_index(self, source: str, target: str) -> None:
        self.raw.indices.clone(index=source, target=target, params={"wait_for_active_shards": "1"})



def _client(address: ClusterAddress, settings: Settings) -> OpenSearch:
    """A client with credentials from the URL or the settings (never logged)."""
    quiet_transport_logs("opensearch")
    login = Credentials.of(address, settings)
    if login.api_key:
        raise EngineUnavailable(
            f"OpenSearch has no API keys: unset BABELSEARCH_ES_API_KEY and set BABELSEARCH_ES_USER and "
            f"BABELSEARCH_ES_PASSWORD for {address.url}"
        )
    options: dict[str, Any] = {"timeout": 30, "max_retries": 1, "retry_on_timeout": False}
    if login.user:
        options["http_auth"] = (login.user, login.password)
    if address.url.startswith("https://"):
        options.update(use_ssl=True, verify_certs=True)
        if login.ca_certs:
            options["ca_certs"] = login.ca_certs
    try:
        return OpenSearch([address.url], **options)
    except ValueError as exc:
        raise EngineUnavailable(f"cannot use the OpenSearch URL {address.url}: {exc}") from None
