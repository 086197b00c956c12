"""The embedded engine: Tantivy indexes on disk under ``DATA/index``.

No server to run. Builds are published atomically through
``ondisk.BuildDirectory``; readers notice a new ``CURRENT`` with one
``stat`` per search and switch without a restart.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import tantivy

from ..document import Document
from ..errors import EngineUnavailable, IndexNotFound
from ..query import Filters, SearchRequest
from ..ranking import DEFAULT_RANKING, Ranking
from .base import (
    FACET_SIZES,
    BulkResult,
    FacetValue,
    Hit,
    IndexStats,
    Once,
    SearchResponse,
    document_texts,
    facet_aggregations,
    facets_from_aggregations,
)
from .fields import ENGLISH_BODY_FIELD, ORIGINAL_BODY_FIELDS
from .hits import HitDocument
from .ondisk import BuildDirectory
from .tantivy_query import filter_queries, render
from .tantivy_schema import (
    STORED_DOCUMENT,
    STORED_HIT,
    build_schema,
    register_analyzers,
    to_tantivy,
)
from .tantivy_snippets import SnippetMaker

if TYPE_CHECKING:
    from .tantivy_update import EmbeddedUpdate

logger = logging.getLogger(__name__)

BUILD_INFO = "babelsearch-build.json"
FINGERPRINTS = "babelsearch-fingerprints.json"  # {id: source_sha256}, read by updates
WRITER_HEAP = 256 * 1024 * 1024


class EmbeddedBuild:
    """A Tantivy index being written in its own build folder."""

    def __init__(self, directory: BuildDirectory) -> None:
        self._directory = directory
        self._fingerprints: dict[str, str] = {}
        self._started = time.time()  # before any file of this build is read
        self.path = directory.new_build()
        self._index = self._start()
        self._writer = self._index.writer(heap_size=WRITER_HEAP, num_threads=1)
        self._count = 0
        self._published = False

    def _start(self) -> Any:
        """The index this build writes: a new, empty one."""
        return open_index(self.path, create=True)

    def add(self, documents: Iterable[Document]) -> BulkResult:
        """Add documents; a document Tantivy refuses is reported, not fatal."""
        result = BulkResult()
        for doc in documents:
            try:
                self._writer.add_document(to_tantivy(doc))
            except (ValueError, TypeError, OverflowError) as exc:
                result.failures.append((doc.id, str(exc)))
                continue
            self._fingerprints[doc.id] = doc.source_sha256
            result.added += 1
        self._count += result.added
        return result

    def publish(self) -> None:
        """Commit, record build info, switch CURRENT, drop older builds."""
        self._writer.commit()
        self._writer.wait_merging_threads()
        (self.path / BUILD_INFO).write_text(json.dumps(self._build_info()), encoding="utf-8")
        (self.path / FINGERPRINTS).write_text(json.dumps(self._fingerprints), encoding="utf-8")
        self._directory.publish(self.path)
        self._published = True  # from here on this build is the live index
        self._directory.remove_stale()

    def _build_info(self) -> dict[str, Any]:
        """What ``stats`` reads back: when this build was made, how many documents."""
        return {"built_at": now_iso(), "documents": self._count, "started": self._started}

    def discard(self) -> None:
        """Forget this build; the live index is untouched.

        After a publish that switched CURRENT (even if cleaning up old
        builds then failed) the build is live and stays.
        """
        if not self._published:
            try:
                self._writer.rollback()
            except (ValueError, RuntimeError):
                pass  # the writer was already committed or consumed
            shutil.rmtree(self.path, ignore_errors=True)


class EmbeddedEngine:
    """Engine protocol on Tantivy (see ``base.Engine``)."""

    name = "embedded"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.directory = BuildDirectory(Path(data_dir) / "index")
        self._lock = threading.Lock()
        self._version: int | None = None
        self._index: Any = None
        self._searcher: Any = None
        self._info: dict[str, Any] = {}

    def new_build(self) -> EmbeddedBuild:
        """Start a fresh build (the caller holds the pipeline's reindex lock)."""
        return EmbeddedBuild(self.directory)

    def new_update(self) -> "EmbeddedUpdate":
        """Start changing a copy of the live build (IndexNotFound when none)."""
        from .tantivy_update import EmbeddedUpdate

        return EmbeddedUpdate(self.directory)

    def search(self, request: SearchRequest, ranking: Ranking = DEFAULT_RANKING) -> SearchResponse:
        """Rank, page, highlight and count facets on the live index.

        With facets, the aggregation pass that counts the facets also gives
        the total (every document has a ``translated`` value) unless that
        facet is filtered, and the page then comes from a top-k search that
        need not count; a hit reads only its stored summary and stored
        snippet fragments (the whole document only if ``Hit.whole`` is asked).
        ``timings`` says what each phase cost (query, facets, engine, snippets).
        """
        clock = _Clock()
        searcher, schema = self._current()
        query = render(request.query, request.filters, schema, ranking)
        clock.lap("query")
        facets: dict[str, tuple[FacetValue, ...]] = {}
        total = None
        if request.facets:
            facets, total = _facets_for(searcher, request, schema, query, ranking)
        clock.lap("facets")
        order = {"order_by_field": "date_sort"} if request.sort == "date" else {}
        result = searcher.search(query, request.size, count=total is None, offset=request.offset, **order)
        stored = [searcher.doc(address) for _, address in result.hits]
        docs = [HitDocument.from_json(fields[STORED_HIT][0]) for fields in stored]
        clock.lap("engine")
        snippets = SnippetMaker(searcher, query, schema, request.query, ranking).page(stored, docs)
        scores = [float(key) if request.sort == "relevance" else 0.0 for key, _ in result.hits]
        hits = tuple(
            Hit(doc, score, snippet, texts=Once(lambda fields=fields: _side_texts(fields)))
            for doc, score, snippet, fields in zip(docs, scores, snippets, stored)
        )
        clock.lap("snippets")
        total = result.count if total is None else total
        return SearchResponse(total, hits, facets, round(clock.total, 2), clock.laps)

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id, or None."""
        searcher, schema = self._current()
        result = searcher.search(tantivy.Query.term_query(schema, "id", doc_id), 1)
        if not result.hits:
            return None
        stored = searcher.doc(result.hits[0][1])
        return Document.from_json(stored[STORED_DOCUMENT][0].decode("utf-8"))

    def stats(self) -> IndexStats:
        """Document count, build time and language counts of the live index."""
        location = str(self.directory.root)
        try:
            searcher, schema = self._current()
        except IndexNotFound:
            return IndexStats(self.name, 0, None, location)
        languages = {v.value: v.count for v in _facets(searcher, tantivy.Query.all_query())["language"]}
        untranslated = searcher.search(
            filter_queries(Filters(translated=False), schema)[0], 1, count=True
        ).count
        return IndexStats(
            self.name, searcher.num_docs, self._info.get("built_at"), location, languages, untranslated,
            self._info.get("updated_at"),
        )

    def close(self) -> None:
        """Drop the open searcher."""
        with self._lock:
            self._index = self._searcher = None
            self._version = None

    def _current(self) -> tuple[Any, Any]:
        """The searcher of the live build, reopened when CURRENT changed."""
        version = self.directory.pointer_version()
        with self._lock:
            if version is None:
                raise IndexNotFound(f"no index in {self.directory.root}: run 'babelsearch reindex' first")
            if version != self._version:
                self._open_live(version)
            return self._searcher, self._index.schema

    def _open_live(self, version: int) -> None:
        """Open the build CURRENT names; retry once if a newer publish removed it meanwhile."""
        for attempt in (1, 2):
            live = self.directory.current()
            if live is None:
                raise IndexNotFound(f"no index in {self.directory.root}: run 'babelsearch reindex' first")
            try:
                self._index = open_index(live[0], create=False)
                self._searcher = self._index.searcher()
            except (ValueError, OSError) as exc:
                if attempt == 2:
                    hint = "; it was built by another babelsearch version: run 'babelsearch reindex'" \
                        if "schema does not match" in str(exc) else ""
                    raise EngineUnavailable(f"cannot open the index in {self.directory.root}: {exc}{hint}") from exc
                version = self.directory.pointer_version() or version
                continue
            self._info = read_info(live[0])
            self._version = version
            logger.info("opened index build %s", live[0].name)
            return


def now_iso() -> str:
    """The current UTC time as an ISO timestamp (seconds)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def open_index(path: Path, create: bool) -> Any:
    """The Tantivy index in ``path`` (a new one with ``create``), analyzers registered."""
    index = tantivy.Index(build_schema(), path=str(path), reuse=not create)
    register_analyzers(index)
    return index


def read_info(path: Path) -> dict[str, Any]:
    """The build info a publish wrote into ``path`` ({} when missing or unreadable)."""
    try:
        return json.loads((path / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class _Clock:
    """Milliseconds per phase of one search."""

    def __init__(self) -> None:
        self.started = self._last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round((now - self._last) * 1000, 3)
        self._last = now

    @property
    def total(self) -> float:
        return (self._last - self.started) * 1000


def _matched_total(aggregation: dict[str, Any]) -> int:
    """How many documents matched: the ``translated`` facet counts each one once."""
    translated = aggregation.get("translated", {})
    return sum(int(b["doc_count"]) for b in translated.get("buckets", [])) + int(
        translated.get("sum_other_doc_count", 0)
    )


def _facets(searcher: Any, query: Any) -> dict[str, tuple[FacetValue, ...]]:
    return facets_from_aggregations(searcher.aggregate(query, facet_aggregations()))


def _facets_for(searcher: Any, request: SearchRequest, schema: Any, query: Any,
                ranking: Ranking) -> tuple[dict[str, tuple[FacetValue, ...]], int | None]:
    """Facet counts where each facet ignores its own selection, so that the
    values not chosen keep their counts (multi-select, OR within a facet):
    one aggregation for the facets without a selection, one per selected facet;
    and the total of ``query`` when the ``translated`` facet was counted on it."""
    shared = [name for name in FACET_SIZES if not request.filters.selected(name)]
    aggregations = facet_aggregations()
    result = searcher.aggregate(query, {name: aggregations[name] for name in shared}) if shared else {}
    total = _matched_total(result) if "translated" in shared else None
    for name in FACET_SIZES:
        if name not in shared:
            own = render(request.query, request.filters.without(name), schema, ranking)
            result.update(searcher.aggregate(own, {name: aggregations[name]}))
    return facets_from_aggregations(result), total


def _side_texts(fields: Any) -> tuple[str, str]:
    """``base.document_texts`` from the stored body fields: exact when the
    original text is all in one field (one language); otherwise (its order
    across fields is not stored there) from the stored document."""
    originals = [values for name in ORIGINAL_BODY_FIELDS if (values := fields.get_all(name))]
    if len(originals) <= 1:
        return "\n\n".join(originals[0] if originals else ()), "\n\n".join(fields.get_all(ENGLISH_BODY_FIELD))
    return document_texts(Document.from_json(fields[STORED_DOCUMENT][0].decode("utf-8")))
