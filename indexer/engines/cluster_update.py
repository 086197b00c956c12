"""Updates on Elasticsearch or OpenSearch: clone the live index, change the clone, swap the alias.

``_clone`` hard-links the live index's segments into a new physical index
(it needs the source write-blocked for a moment; searches keep answering).
Deletions and replacements go into the clone, and publishing swaps the
alias in one call exactly like a full build, so searches see either the
old index or the whole update, never half of it. A killed update leaves an
unpublished clone that the next build or update removes.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Iterable

from ..errors import EngineUnavailable
from .cluster import BULK_CHUNK, ClusterBuild, ClusterEngine
from .elastic_errors import translated_errors
from .elastic_mapping import STORED_FIELD, meta

log = logging.getLogger(__name__)

SCAN_PAGE = 1000


def start_update(engine: ClusterEngine) -> "ClusterUpdate":
    """Clone the live index (IndexNotFound when none); the caller holds the reindex lock."""
    with translated_errors(engine.client, engine.alias):
        live = engine.live_indices()
        if not live:
            raise engine.not_published()
        previous = engine.published_meta()
        index = engine.new_index_name()
        _clone(engine, live[0], index)
    log.info("updating %s (a clone of %s) at %s", index, live[0], engine.address.url)
    return ClusterUpdate(engine, index, previous)


def _clone(engine: ClusterEngine, source: str, target: str) -> None:
    """Clone ``source`` into ``target``; the source is writable again afterwards."""
    client = engine.client
    client.put_settings(source, {"index.blocks.write": True})
    try:
        client.clone_index(source, target)
    finally:
        client.put_settings(source, {"index.blocks.write": None})
    client.put_settings(target, {"index.blocks.write": None})
    client.refresh(target)


class ClusterUpdate(ClusterBuild):
    """A clone of the live index being changed; the alias moves to it on publish."""

    def __init__(self, engine: ClusterEngine, index: str, previous: dict[str, Any]) -> None:
        super().__init__(engine, index)
        self._previous = previous  # the live index's _meta

    def fingerprints(self) -> dict[str, str]:
        """``{id: source_sha256}`` of every document in the clone."""
        found: dict[str, str] = {}
        fields = [f"{STORED_FIELD}.id", f"{STORED_FIELD}.source_sha256"]
        with translated_errors(self.engine.client, self.index):
            for hit in self.engine.client.scan(self.index, fields, SCAN_PAGE):
                stored = hit["_source"].get(STORED_FIELD, {})
                found[str(stored.get("id", hit["_id"]))] = str(stored.get("source_sha256", ""))
        return found

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id; ids the clone does not hold are ignored."""
        actions = [{"_op_type": "delete", "_index": self.index, "_id": doc_id} for doc_id in ids]
        failed = []
        with translated_errors(self.engine.client, self.index):
            for ok, item in self.engine.client.bulk(actions, BULK_CHUNK):
                if not ok and item.get("delete", {}).get("status") != 404:
                    failed.append(str(item.get("delete", {}).get("_id")))
        if failed:  # a document that should be gone must not stay searchable
            raise EngineUnavailable(f"{self.engine.address.url} did not delete {len(failed)} documents "
                                    f"({', '.join(failed[:5])}); the live index is unchanged, retry the update")
        return len(actions)

    def indexed_since(self) -> float | None:
        """When the live index's build or latest update started."""
        started = self._previous.get("started")
        return float(started) if isinstance(started, (int, float)) else None

    def _meta(self) -> dict[str, Any]:
        """Keep the full build's time, stamp the update's."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        return meta(self._previous.get("built_at"), now, self._started)
