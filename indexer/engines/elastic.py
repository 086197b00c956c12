"""The Elasticsearch engine: the Engine contract on an Elasticsearch cluster.

Layout: each build is a new physical index ``<alias>-<timestamp>``; the
alias (``Settings.es_index``, default ``babelsearch``) names the live one.
Publishing swaps the alias in one ``update_aliases`` call, then deletes the
older physical indices of this alias only, so several deployments can share
a cluster. A build that is discarded or killed never touches the alias.

Every cluster problem surfaces as ``EngineUnavailable`` with one message
that names the URL (without credentials) and what to do (see
``elastic_errors``). Supported servers: Elasticsearch 8.x and 9.x through the
8.x client.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from elasticsearch import Elasticsearch, NotFoundError, helpers

from ..document import Document
from ..errors import EngineUnavailable, IndexNotFound
from ..query import SearchRequest
from ..ranking import DEFAULT_RANKING, Ranking
from ..settings import Settings
from .base import BulkResult, IndexStats, SearchResponse
from .elastic_errors import ClusterAddress, translated_errors
from .elastic_mapping import STORED_FIELD, index_body, meta, source_for
from .elastic_query import parse_response, render_search

if TYPE_CHECKING:
    from .elastic_update import ElasticUpdate
from .fields import translated_value

log = logging.getLogger(__name__)

BULK_CHUNK = 500
_STAMP = "%Y%m%d%H%M%S%f"


class _QuietUnlessDebugging(logging.Filter):
    """The transport logs each failed attempt as a warning with a traceback;
    the engine reports the failure once, as EngineUnavailable. Show the
    transport's own records only when debug logging is on."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep errors always, everything else only under debug logging."""
        return record.levelno >= logging.ERROR or logging.getLogger().isEnabledFor(logging.DEBUG)


_QUIET = _QuietUnlessDebugging()


def _quiet_transport_logs() -> None:
    """Install the filter on the transport's loggers (once; called when a
    client is made, so importing this module changes no logging)."""
    for name in ("elastic_transport.transport", "elastic_transport.node_pool"):
        transport_logger = logging.getLogger(name)
        if _QUIET not in transport_logger.filters:
            transport_logger.addFilter(_QUIET)


def is_elasticsearch_url(engine: str) -> bool:
    """True when the engine setting names an Elasticsearch cluster."""
    return engine.startswith(("http://", "https://"))


class ElasticEngine:
    """Search, get and build indices on an Elasticsearch cluster."""

    name = "elasticsearch"

    def __init__(self, settings: Settings) -> None:
        self.address = ClusterAddress.parse(settings.engine)
        self.alias = settings.es_index
        self.client = _client(self.address, settings)

    def __repr__(self) -> str:
        return f"ElasticEngine({self.address.url!r}, alias={self.alias!r})"

    @property
    def location(self) -> str:
        """URL and alias, for stats and messages (never credentials)."""
        return f"{self.address.url} (alias {self.alias})"

    def new_build(self) -> "ElasticBuild":
        """Create a fresh physical index next to the live one (the caller
        holds the pipeline's reindex lock)."""
        with translated_errors(self.address, self.alias):
            self.check_health()
            index = self.new_index_name()
            self.client.indices.create(index=index, **index_body())
        log.info("building %s at %s", index, self.address.url)
        return ElasticBuild(self, index)

    def new_update(self) -> "ElasticUpdate":
        """Clone the live index to change it; the alias moves on publish."""
        from .elastic_update import start_update

        return start_update(self)

    def new_index_name(self) -> str:
        """A fresh physical index name for this alias: ``<alias>-<timestamp>``."""
        return f"{self.alias}-{dt.datetime.now(dt.timezone.utc).strftime(_STAMP)}"

    def check_health(self) -> None:
        """Raise EngineUnavailable when the cluster is red."""
        health = self.client.cluster.health()
        if health.get("status") == "red":
            raise EngineUnavailable(
                f"the Elasticsearch cluster at {self.address.url} is red (primary shards unassigned): "
                "check GET _cluster/health and the cluster's logs, then retry"
            )

    def search(self, request: SearchRequest, ranking: Ranking = DEFAULT_RANKING) -> SearchResponse:
        """Answer a search on the index behind the alias."""
        with translated_errors(self.address, self.alias, on_missing=self.not_published):
            response = self.client.search(index=self.alias, body=render_search(request, ranking))
        return parse_response(response.body, load=self.get)

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id, or None."""
        with translated_errors(self.address, self.alias, on_missing=self.not_published):
            try:
                found = self.client.get(index=self.alias, id=doc_id, source_includes=[STORED_FIELD])
            except NotFoundError as exc:
                if _is_missing_index(exc):
                    raise
                return None
        return Document.from_dict(found["_source"][STORED_FIELD])

    def stats(self) -> IndexStats:
        """Document count, languages, untranslated count and publish time."""
        with translated_errors(self.address, self.alias):
            current = self.live_indices()
            if not current:
                return IndexStats(self.name, 0, None, self.location)
            stamps = self.published_meta()
            counts = self.client.search(index=self.alias, body=_stats_body()).body
        languages = {b["key"]: b["doc_count"] for b in counts["aggregations"]["language"]["buckets"]}
        return IndexStats(
            engine=self.name,
            documents=int(counts["hits"]["total"]["value"]),
            built_at=stamps.get("built_at"),
            location=self.location,
            languages=languages,
            untranslated_documents=int(counts["aggregations"]["untranslated"]["doc_count"]),
            updated_at=stamps.get("updated_at"),
        )

    def published_meta(self) -> dict[str, Any]:
        """The live index's ``_meta.babelsearch`` (when built, when updated)."""
        mappings = self.client.indices.get_mapping(index=self.alias).body
        found: dict[str, Any] = {}
        for mapping in mappings.values():
            found.update(mapping["mappings"].get("_meta", {}).get("babelsearch", {}))
        return found

    def live_indices(self) -> list[str]:
        """Physical indices the alias points to (none before the first publish)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def own_indices(self) -> list[str]:
        """Every physical index built for this alias (live, old or unfinished)."""
        pattern = re.compile(rf"{re.escape(self.alias)}-\d{{20}}")
        found = self.client.indices.get(index=f"{self.alias}-*", allow_no_indices=True, ignore_unavailable=True)
        return sorted(name for name in found.body if pattern.fullmatch(name))

    def drop(self) -> None:
        """Delete every build of this alias, the live one too (tests, benchmarks)."""
        with translated_errors(self.address, self.alias):
            names = self.own_indices()
            if names:  # clusters refuse wildcard deletes, so name each index
                self.client.indices.delete(index=",".join(names))

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def not_published(self) -> IndexNotFound:
        return IndexNotFound(
            f"nothing is published under '{self.alias}' at {self.address.url}: run babelsearch reindex"
        )


class ElasticBuild:
    """A physical index being filled; the alias moves to it on publish."""

    def __init__(self, engine: ElasticEngine, index: str) -> None:
        self.engine = engine
        self.index = index
        self._published = False
        self._started = time.time()  # before any file of this build is read

    def add(self, documents: Iterable[Document]) -> BulkResult:
        """Bulk-index from the iterable; per-document failures are collected."""
        result = BulkResult()
        with translated_errors(self.engine.address, self.index):
            for ok, item in helpers.streaming_bulk(
                self.engine.client,
                self._actions(documents),
                chunk_size=BULK_CHUNK,
                raise_on_error=False,
                max_retries=2,
            ):
                if ok:
                    result.added += 1
                else:
                    result.failures.append(_failure(item))
        for doc_id, reason in result.failures:
            log.debug("not indexed: %s: %s", doc_id, reason)
        return result

    def _actions(self, documents: Iterable[Document]) -> Iterator[dict[str, Any]]:
        for doc in documents:
            yield {"_op_type": "index", "_index": self.index, "_id": doc.id, "_source": source_for(doc)}

    def publish(self) -> None:
        """Refresh, stamp, swap the alias atomically, then drop older builds."""
        with translated_errors(self.engine.address, self.engine.alias):
            self._swap_alias()
            stale = [name for name in self.engine.own_indices() if name != self.index]
            if stale:
                self.engine.client.indices.delete(index=",".join(stale))
        log.info("published %s as %s; removed %d older builds", self.index, self.engine.alias, len(stale))

    def _meta(self) -> dict[str, Any]:
        """The ``_meta`` stamped at publish: a full build, now."""
        return meta(dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), started=self._started)

    def _swap_alias(self) -> None:
        engine, client = self.engine, self.engine.client
        client.indices.put_settings(index=self.index, settings={"index": {"refresh_interval": None}})
        client.indices.put_mapping(index=self.index, meta=self._meta())
        client.indices.refresh(index=self.index)
        actions: list[dict[str, Any]] = [
            {"remove": {"index": old, "alias": engine.alias}} for old in engine.live_indices()
        ]
        actions.append({"add": {"index": self.index, "alias": engine.alias}})
        client.indices.update_aliases(actions=actions)  # one call: searches never see no index
        self._published = True

    def discard(self) -> None:
        """Delete the unfinished index; the alias stays where it was."""
        if not self._published:
            with translated_errors(self.engine.address, self.index):
                self.engine.client.indices.delete(index=self.index, ignore_unavailable=True)


def _client(address: ClusterAddress, settings: Settings) -> Elasticsearch:
    """A client with credentials from the URL or the settings (never logged)."""
    _quiet_transport_logs()
    options: dict[str, Any] = {"request_timeout": 30, "max_retries": 1, "retry_on_timeout": False}
    user = address.user or settings.es_user
    password = address.password or settings.es_password
    if settings.es_api_key:
        options["api_key"] = settings.es_api_key
    elif user:
        options["basic_auth"] = (user, password or "")
    if settings.es_ca_certs and address.url.startswith("https://"):
        if not Path(settings.es_ca_certs).is_file():
            raise EngineUnavailable(
                f"BABELSEARCH_ES_CA_CERTS names {settings.es_ca_certs}, which is not a file: "
                f"point it at the PEM CA certificate of {address.url}"
            )
        options["ca_certs"] = str(settings.es_ca_certs)
    try:
        return Elasticsearch(address.url, **options)
    except ValueError as exc:
        raise EngineUnavailable(f"cannot use the Elasticsearch URL {address.url}: {exc}") from None


def _stats_body() -> dict[str, Any]:
    return {
        "size": 0,
        "track_total_hits": True,
        "aggs": {
            "language": {"terms": {"field": "language", "size": 1000}},
            "untranslated": {"filter": {"term": {"translated": translated_value(False)}}},
        },
    }


def _failure(item: dict[str, Any]) -> tuple[str, str]:
    """(doc id, reason) from a failed bulk item."""
    detail = next(iter(item.values()), {})
    error = detail.get("error", {})
    if isinstance(error, dict):
        reason = f"{error.get('type', 'error')}: {error.get('reason', '')}".strip()
    else:
        reason = str(error)
    return str(detail.get("_id", "?")), reason


def _is_missing_index(exc: NotFoundError) -> bool:
    body = exc.body if isinstance(exc.body, dict) else {}
    return body.get("error", {}).get("type") == "index_not_found_exception" if body else False


