"""Updates of the embedded index: change a copy of the live build, then publish it.

Tantivy never rewrites a segment file: a commit adds new files and
replaces ``meta.json`` atomically. So the copy is made of hard links (no
data is copied; a plain copy where links are not possible), changes go
into new segments of the copy, and publishing it is the same atomic
``CURRENT`` switch as a full build. Searches answer from the live build
until then; a killed update leaves the live build as it was, and its
copy is removed by the next build or update.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any, Iterable

import tantivy

from ..document import Document
from ..errors import IndexNotFound
from .base import BulkResult
from .tantivy_engine import (
    BUILD_INFO,
    FINGERPRINTS,
    EmbeddedBuild,
    now_iso,
    open_index,
    read_info,
)
from .tantivy_schema import STORED_DOCUMENT

logger = logging.getLogger(__name__)

_LOCK_PREFIX = ".tantivy-"  # Tantivy's lock files belong to one directory each
_REWRITTEN = (BUILD_INFO, FINGERPRINTS)  # written afresh at publish: never linked (a write would reach the live build)


class EmbeddedUpdate(EmbeddedBuild):
    """A hard-linked copy of the live build, changed in place, published atomically."""

    def _start(self) -> Any:
        live = self._directory.current()
        if live is None:
            raise IndexNotFound(f"no index in {self._directory.root} to update: run 'babelsearch reindex' first")
        self._previous = read_info(live[0])
        link_tree(live[0], self.path)
        index = open_index(self.path, create=False)
        self._fingerprints = _read_fingerprints(live[0]) or _stored_fingerprints(index)
        return index

    def fingerprints(self) -> dict[str, str]:
        """``{id: source_sha256}`` of every document in the copy."""
        return dict(self._fingerprints)

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id (the ``id`` field is untokenised)."""
        count = 0
        for doc_id in ids:
            self._writer.delete_documents_by_term("id", doc_id)
            self._fingerprints.pop(doc_id, None)
            count += 1
        return count

    def add(self, documents: Iterable[Document]) -> BulkResult:
        """Add documents, replacing any stored version with the same id."""
        return super().add(self._replacing(documents))

    def _replacing(self, documents: Iterable[Document]) -> Iterable[Document]:
        for doc in documents:
            self._writer.delete_documents_by_term("id", doc.id)
            self._fingerprints.pop(doc.id, None)
            yield doc

    def indexed_since(self) -> float | None:
        """When the live build (or its latest update) started."""
        started = self._previous.get("started")
        return float(started) if isinstance(started, (int, float)) else None

    def _build_info(self) -> dict[str, Any]:
        self._index.reload()
        return {
            "built_at": self._previous.get("built_at"),
            "updated_at": now_iso(),
            "documents": self._index.searcher().num_docs,
            "started": self._started,
        }


def _read_fingerprints(build: Path) -> dict[str, str] | None:
    """The fingerprints a publish wrote, or None (a build from before they existed)."""
    try:
        found = json.loads((build / FINGERPRINTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _stored_fingerprints(index: Any) -> dict[str, str]:
    """Fingerprints read from every stored document (slower; for older builds)."""
    searcher = index.searcher()
    found: dict[str, str] = {}
    for _score, address in searcher.search(tantivy.Query.all_query(), max(searcher.num_docs, 1)).hits:
        stored = json.loads(searcher.doc(address)[STORED_DOCUMENT][0])
        found[stored["id"]] = stored.get("source_sha256", "")
    return found


def link_tree(source: Path, target: Path) -> None:
    """Fill ``target`` with hard links to the files of ``source`` (copies where linking fails)."""
    for path in source.iterdir():
        if not path.is_file() or path.name.startswith(_LOCK_PREFIX) or path.name in _REWRITTEN:
            continue
        try:
            os.link(path, target / path.name)
        except OSError:
            shutil.copy2(path, target / path.name)

