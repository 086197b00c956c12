"""The engine contract on a Lucene cluster: Elasticsearch or OpenSearch.

Both servers take the same index body (``elastic_mapping``), the same query
(``elastic_query``) and the same alias swap; only the Python client
differs. ``ClusterEngine`` holds everything the two share and talks to the
server through a thin ``ClusterClient`` adapter (``elastic.ElasticClient``,
``opensearch.OpenSearchClient``).

Layout: each build is a new physical index ``<alias>-<timestamp>``; the
alias (``Settings.es_index``, default ``babelsearch``) names the live one.
Publishing swaps the alias in one ``update_aliases`` call, then deletes the
older physical indices of this alias only, so several deployments can share
a cluster. A build that is discarded or killed never touches the alias.

Every cluster problem surfaces as ``EngineUnavailable`` with one message
that names the URL (without credentials) and what to do (see
``elastic_errors``).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import time
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Protocol

from ..document import Document
from ..errors import EngineUnavailable, IndexNotFound
from ..query import SearchRequest
from ..ranking import DEFAULT_RANKING, Ranking
from ..settings import Settings
from .base import BulkResult, IndexStats, SearchResponse
from .elastic_errors import Classifier, translated_errors
from .elastic_mapping import STORED_FIELD, index_body, meta, source_for
from .elastic_query import parse_response, render_search
from .fields import translated_value

if TYPE_CHECKING:
    from .cluster_update import ClusterUpdate

log = logging.getLogger(__name__)

BULK_CHUNK = 500
_STAMP = "%Y%m%d%H%M%S%f"


class ClusterClient(Classifier, Protocol):
    """The few calls the engine makes, in plain dicts, whatever the client library.

    Errors are the library's own; ``classify`` (from ``Classifier``) sorts
    them for ``translated_errors``.
    """

    highlight_limit: str  # the server's name of the highlighter's analysis limit (elastic_query)

    def health(self) -> dict[str, Any]:
        """``GET _cluster/health``."""
        ...

    def create_index(self, name: str, body: dict[str, Any]) -> None:
        """Create a physical index with settings and mappings."""
        ...

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        """Run a search body; the answer's JSON."""
        ...

    def get_source(self, index: str, doc_id: str, field: str) -> dict[str, Any] | None:
        """``field`` of a document's source; None for an unknown id (a missing index raises)."""
        ...

    def aliased(self, alias: str) -> list[str]:
        """Physical indices behind the alias; [] when the alias does not exist."""
        ...

    def indices(self, pattern: str) -> list[str]:
        """Names of the indices that match a wildcard pattern (none is fine)."""
        ...

    def mappings(self, index: str) -> dict[str, Any]:
        """``GET <index>/_mapping``: physical index name -> {"mappings": ...}."""
        ...

    def delete(self, names: list[str], missing_ok: bool = False) -> None:
        """Delete the named physical indices."""
        ...

    def finish(self, index: str, meta: dict[str, Any]) -> None:
        """Restore the default refresh interval, set ``_meta`` and refresh a build."""
        ...

    def update_aliases(self, actions: list[dict[str, Any]]) -> None:
        """Apply alias actions in one atomic call."""
        ...

    def put_settings(self, index: str, settings: dict[str, Any]) -> None:
        """Change index settings (a None value restores the default)."""
        ...

    def clone_index(self, source: str, target: str) -> None:
        """``_clone`` a write-blocked index, waiting for the target's primary."""
        ...

    def refresh(self, index: str) -> None:
        """Make everything written so far searchable."""
        ...

    def scan(self, index: str, fields: list[str], page: int) -> Iterator[dict[str, Any]]:
        """Every hit of the index with only ``fields`` of its source, ``page`` at a time."""
        ...

    def bulk(self, actions: Iterable[dict[str, Any]], chunk_size: int) -> Iterator[tuple[bool, dict[str, Any]]]:
        """Stream bulk actions; (ok, item) per document, failures not raised."""
        ...

    def close(self) -> None:
        """Close the connection pool."""
        ...


class SameSpelling:
    """The ``ClusterClient`` calls that elasticsearch-py and opensearch-py spell
    alike; an adapter sets ``raw`` (its client) and ``helpers`` (its library's
    bulk helpers module)."""

    raw: Any
    helpers: Any

    def refresh(self, index: str) -> None:
        """Make everything written so far searchable."""
        self.raw.indices.refresh(index=index)

    def scan(self, index: str, fields: list[str], page: int) -> Iterator[dict[str, Any]]:
        """Every hit of the index with only ``fields`` of its source, ``page`` at a time."""
        return self.helpers.scan(self.raw, index=index, query={"query": {"match_all": {}}}, _source=fields, size=page)

    def bulk(self, actions: Iterable[dict[str, Any]], chunk_size: int) -> Iterator[tuple[bool, dict[str, Any]]]:
        """Stream bulk actions; (ok, item) per document, failures not raised."""
        return self.helpers.streaming_bulk(self.raw, actions, chunk_size=chunk_size, raise_on_error=False,
                                           max_retries=2)

    def close(self) -> None:
        """Close the connection pool."""
        self.raw.close()


class ClusterEngine:
    """Search, get and build indices on an Elasticsearch or OpenSearch cluster."""

    name = "cluster"

    def __init__(self, settings: Settings, client: ClusterClient) -> None:
        self.client = client
        self.address = client.address
        self.alias = settings.es_index

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.address.url!r}, alias={self.alias!r})"

    @property
    def location(self) -> str:
        """URL and alias, for stats and messages (never credentials)."""
        return f"{self.address.url} (alias {self.alias})"

    def new_build(self) -> "ClusterBuild":
        """Create a fresh physical index next to the live one (the caller
        holds the pipeline's reindex lock)."""
        with translated_errors(self.client, self.alias):
            self.check_health()
            index = self.new_index_name()
            self.client.create_index(index, index_body())
        log.info("building %s at %s", index, self.address.url)
        return ClusterBuild(self, index)

    def new_update(self) -> "ClusterUpdate":
        """Clone the live index to change it; the alias moves on publish."""
        from .cluster_update import start_update

        return start_update(self)

    def new_index_name(self) -> str:
        """A fresh physical index name for this alias: ``<alias>-<timestamp>``."""
        return f"{self.alias}-{dt.datetime.now(dt.timezone.utc).strftime(_STAMP)}"

    def check_health(self) -> None:
        """Raise EngineUnavailable when the cluster is red."""
        health = self.client.health()
        if health.get("status") == "red":
            raise EngineUnavailable(
                f"the {self.client.product} cluster at {self.address.url} is red (primary shards unassigned): "
                "check GET _cluster/health and the cluster's logs, then retry"
            )

    def search(self, request: SearchRequest, ranking: Ranking = DEFAULT_RANKING) -> SearchResponse:
        """Answer a search on the index behind the alias."""
        with translated_errors(self.client, self.alias, on_missing=self.not_published):
            body = render_search(request, ranking, self.client.highlight_limit)
            response = self.client.search(self.alias, body)
        return parse_response(response, load=self.get)

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id, or None."""
        with translated_errors(self.client, self.alias, on_missing=self.not_published):
            found = self.client.get_source(self.alias, doc_id, STORED_FIELD)
        return None if found is None else Document.from_dict(found)

    def stats(self) -> IndexStats:
        """Document count, languages, untranslated count and publish time."""
        with translated_errors(self.client, self.alias):
            current = self.live_indices()
            if not current:
                return IndexStats(self.name, 0, None, self.location)
            stamps = self.published_meta()
            counts = self.client.search(self.alias, _stats_body())
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
        found: dict[str, Any] = {}
        for mapping in self.client.mappings(self.alias).values():
            found.update(mapping["mappings"].get("_meta", {}).get("babelsearch", {}))
        return found

    def live_indices(self) -> list[str]:
        """Physical indices the alias points to (none before the first publish)."""
        return sorted(self.client.aliased(self.alias))

    def own_indices(self) -> list[str]:
        """Every physical index built for this alias (live, old or unfinished)."""
        pattern = re.compile(rf"{re.escape(self.alias)}-\d{{20}}")
        return sorted(name for name in self.client.indices(f"{self.alias}-*") if pattern.fullmatch(name))

    def drop(self) -> None:
        """Delete every build of this alias, the live one too (tests, benchmarks)."""
        with translated_errors(self.client, self.alias):
            names = self.own_indices()
            if names:  # clusters refuse wildcard deletes, so name each index
                self.client.delete(names)

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def not_published(self) -> IndexNotFound:
        """The error for an alias with nothing behind it yet."""
        return IndexNotFound(
            f"nothing is published under '{self.alias}' at {self.address.url}: run babelsearch reindex"
        )


class ClusterBuild:
    """A physical index being filled; the alias moves to it on publish."""

    def __init__(self, engine: ClusterEngine, index: str) -> None:
        self.engine = engine
        self.index = index
        self._published = False
        self._started = time.time()  # before any file of this build is read

    def add(self, documents: Iterable[Document]) -> BulkResult:
        """Bulk-index from the iterable; per-document failures are collected."""
        result = BulkResult()
        with translated_errors(self.engine.client, self.index):
            for ok, item in self.engine.client.bulk(self._actions(documents), BULK_CHUNK):
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
        with translated_errors(self.engine.client, self.engine.alias):
            self._swap_alias()
            stale = [name for name in self.engine.own_indices() if name != self.index]
            if stale:
                self.engine.client.delete(stale)
        log.info("published %s as %s; removed %d older builds", self.index, self.engine.alias, len(stale))

    def _meta(self) -> dict[str, Any]:
        """The ``_meta`` stamped at publish: a full build, now."""
        return meta(dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), started=self._started)

    def _swap_alias(self) -> None:
        engine, client = self.engine, self.engine.client
        client.finish(self.index, self._meta())
        actions: list[dict[str, Any]] = [
            {"remove": {"index": old, "alias": engine.alias}} for old in engine.live_indices()
        ]
        actions.append({"add": {"index": self.index, "alias": engine.alias}})
        client.update_aliases(actions)  # one call: searches never see no index
        self._published = True

    def discard(self) -> None:
        """Delete the unfinished index; the alias stays where it was."""
        if not self._published:
            with translated_errors(self.engine.client, self.index):
                self.engine.client.delete([self.index], missing_ok=True)


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

