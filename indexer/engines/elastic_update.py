"""Updates on Elasticsearch: clone the live index, change the clone, swap the alias.

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

from elasticsearch import helpers

from ..errors import EngineUnavailable
from .elastic import BULK_CHUNK, ElasticBuild, ElasticEngine
from .elastic_errors import translated_errors
from .elastic_mapping import STORED_FIELD, meta

log = logging.getLogger(__name__)

SCAN_PAGE = 1000


def start_update(engine: ElasticEngine) -> "ElasticUpdate":
    """Clone the live index (IndexNotFound when none); the caller holds the reindex lock."""
    with translated_errors(engine.address, engine.alias):
        live = engine.live_indices()
        if not live:
            raise engine.not_published()
        previous = engine.published_meta()
        index = engine.new_index_name()
        _clone(engine, live[0], index)
    log.info("updating %s (a clone of %s) at %s", index, live[0], engine.address.url)
    return ElasticUpdate(engine, index, previous)


def _clone(engine: ElasticEngine, source: str, target: str) -> None:
    """Clone ``source`` into ``target``; the source is writable again afterwards."""
    client = engine.client
    client.indices.put_settings(index=source, settings={"index.blocks.write": True})
    try:
        client.indices.clone(index=source, target=target, wait_for_active_shards="1")
    finally:
        client.indices.put_settings(index=source, settings={"index.blocks.write": None})
    client.indices.put_settings(index=target, settings={"index.blocks.write": None})
    client.indices.refresh(index=target)


class ElasticUpdate(ElasticBuild):
    """A clone of the live index being changed; the alias moves to it on publish."""

    def __init__(self, engine: ElasticEngine, index: str, previous: dict[str, Any]) -> None:
        super().__init__(engine, index)
        self._previous = previous  # the live index's _meta

    def fingerprints(self) -> dict[str, str]:
        """``{id: source_sha256}`` of every document in the clone."""
        found: dict[str, str] = {}
        fields = [f"{STORED_FIELD}.id", f"{STORED_FIELD}.source_sha256"]
        with translated_errors(self.engine.address, self.index):
            for hit in helpers.scan(self.engine.client, index=self.index, query={"query": {"match_all": {}}},
                                    _source=fields, size=SCAN_PAGE):
                stored = hit["_source"].get(STORED_FIELD, {})
                found[str(stored.get("id", hit["_id"]))] = str(stored.get("source_sha256", ""))
        return found

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id; ids the clone does not hold are ignored."""
        actions = [{"_op_type": "delete", "_index": self.index, "_id": doc_id} for doc_id in ids]
        failed = []
        with translated_errors(self.engine.address, self.index):
            for ok, item in helpers.streaming_bulk(self.engine.client, actions, chunk_size=BULK_CHUNK,
                                                   raise_on_error=False, max_retries=2):
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
