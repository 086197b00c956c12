"""The engine contract every search backend fulfils, and its result types.

A backend builds a fresh index next to the live one, fills it in bulk and
publishes it atomically: until ``publish`` returns, searches see the
previous index, and a build that is killed or discarded leaves it in place.
Old builds are removed after publish. A running reader sees a newly
published index without a restart.

An update (``new_update``) is the same, starting from a copy of the live
index instead of an empty one: it tells which document versions the live
index holds (``fingerprints``), deletes and replaces documents, and
publishes the result atomically.

Contract tests: ``tests/test_engine_contract.py`` runs the same tests
against every backend.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Protocol

from ..document import Document
from ..query import ParsedQuery, SearchRequest
from ..ranking import DEFAULT_RANKING, Ranking

if TYPE_CHECKING:
    from .hits import HitDocument

FACETS = ("language", "source", "year", "translated")
# How many values each facet lists at most (most frequent first).
FACET_SIZES = {"language": 50, "source": 50, "year": 100, "translated": 2}
# Facet keys that mean "no value" (no source) and are never listed; undated
# documents (year 0) are listed as the year ``UNDATED``.
FACET_EMPTY_VALUES = ("",)
UNDATED = "undated"
SNIPPET_CHARS = 240  # longest highlighted fragment, per side of a hit


@dataclass(frozen=True)
class Snippet:
    """A fragment of stored text with highlighted character spans.

    Spans are ``(start, end)`` character offsets into ``text``. Presentation
    (HTML, terminal) escapes the text first and marks the spans after.
    """

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def marked(self, before: str, after: str, escape=lambda s: s) -> str:
        """``text`` with each span wrapped in ``before``/``after``; the text
        pieces pass through ``escape`` (e.g. ``html.escape``), markers do not."""
        out, cursor = [], 0
        for start, end in sorted(self.spans):
            if start < cursor:
                continue
            out += [escape(self.text[cursor:start]), before, escape(self.text[start:end]), after]
            cursor = end
        out.append(escape(self.text[cursor:]))
        return "".join(out)


def lead_text(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The start of ``text`` with whitespace collapsed, cut at a word before
    ``limit`` characters (then ending in " …"); "" for empty text."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text


def lead_snippet(lead: str) -> tuple[Snippet, ...]:
    """A ``lead_text``, unhighlighted: what a hit shows of a side with no
    match, so that it always shows some text of each side it has."""
    return (Snippet(lead),) if lead else ()


@dataclass(frozen=True)
class Snippets:
    """Best fragments from the original text and from the English text."""

    original: tuple[Snippet, ...] = ()
    english: tuple[Snippet, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One matching document, as much of it as a result shows.

    ``texts`` reads the document's whole original and English text when
    something needs more than the snippets (``results.hit_snippets``, for a
    side without a highlight); engines make it cheap and call it lazily.
    """

    document: HitDocument
    score: float
    snippets: Snippets = field(default_factory=Snippets)
    texts: Callable[[], tuple[str, str]] | None = field(default=None, compare=False, repr=False)

    def side_texts(self) -> tuple[str, str]:
        """``document_texts`` of the hit's document; ("", "") when the engine gave no reader."""
        return self.texts() if self.texts is not None else ("", "")


class Once:
    """``function()`` computed on the first call and remembered: a hit's
    lazy ``texts`` reader (cheaper to make than ``functools.cache``, which
    matters at one per hit)."""

    __slots__ = ("_function", "_value")

    def __init__(self, function: Callable[[], Any]) -> None:
        self._function: Callable[[], Any] | None = function
        self._value: Any = None

    def __call__(self) -> Any:
        if self._function is not None:
            self._value, self._function = self._function(), None
        return self._value


def document_texts(doc: Document | None) -> tuple[str, str]:
    """The original text (every paragraph not written in English) and the
    English text of ``doc``, paragraphs joined by blank lines."""
    if doc is None:
        return "", ""
    return "\n\n".join(p.text for p in doc.paragraphs if not p.is_english), doc.english_text()


@dataclass(frozen=True)
class FacetValue:
    """A facet bucket: value and how many matching documents have it."""

    value: str
    count: int


def facet_aggregations() -> dict[str, Any]:
    """The facets as terms aggregations, in the JSON that both Tantivy's and
    Elasticsearch's aggregation APIs accept."""
    return {name: {"terms": {"field": name, "size": size}} for name, size in FACET_SIZES.items()}


def facets_from_aggregations(result: dict[str, Any]) -> dict[str, tuple[FacetValue, ...]]:
    """Facet values from the answer to ``facet_aggregations``, without 'no value' buckets."""
    facets = {}
    for name in FACET_SIZES:
        buckets = result.get(name, {}).get("buckets", [])
        facets[name] = tuple(
            FacetValue(_facet_key(name, b["key"]), int(b["doc_count"]))
            for b in buckets
            if str(b["key"]) not in FACET_EMPTY_VALUES
        )
    return facets


def _facet_key(name: str, key: Any) -> str:
    """A bucket key as a facet value: years as text, year 0 as ``UNDATED``."""
    if name == "year":
        return UNDATED if int(float(key)) == 0 else str(int(float(key)))
    return str(key)


@dataclass(frozen=True)
class SearchResponse:
    """One page of hits, the total match count and the facet counts;
    ``query`` is the query as run, with its translations (set by ``indexer.search``)."""

    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    took_ms: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # milliseconds per phase, where measured
    query: ParsedQuery | None = None


@dataclass(frozen=True)
class IndexStats:
    """What the published index holds."""

    engine: str
    documents: int
    built_at: str | None  # ISO timestamp of the publish, None when nothing is published
    location: str
    languages: dict[str, int] = field(default_factory=dict)
    untranslated_documents: int = 0
    updated_at: str | None = None  # ISO timestamp of the latest update since that full build


@dataclass
class BulkResult:
    """Outcome of ``IndexBuild.add``: how many went in, and which failed why."""

    added: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (doc id, reason)


class IndexBuild(Protocol):
    """A fresh index being filled; invisible to searches until published."""

    def add(self, documents: Iterable[Document]) -> BulkResult:
        """Add documents in bulk; per-document failures are returned, not raised."""
        ...

    def publish(self) -> None:
        """Make this build the live index atomically, then drop older builds."""
        ...

    def discard(self) -> None:
        """Throw the build away; the live index is untouched."""
        ...


class IndexUpdate(IndexBuild, Protocol):
    """A copy of the live index being changed; invisible to searches until published.

    ``add`` replaces any document with the same id.
    """

    def fingerprints(self) -> dict[str, str]:
        """``{id: source_sha256}`` of every document the copy holds."""
        ...

    def delete(self, ids: Iterable[str]) -> int:
        """Remove these documents (unknown ids are ignored); returns how many ids were given."""
        ...

    def indexed_since(self) -> float | None:
        """When the live index's build or latest update started (epoch seconds), or None.

        Every file it holds was read after this moment, so a file whose
        mtime and ctime are older still has the content that was indexed.
        """
        ...


class Engine(Protocol):
    """A search backend: embedded Tantivy or Elasticsearch."""

    name: str

    def new_build(self) -> IndexBuild:
        """Start a fresh index next to the live one. One build at a time:
        callers hold the pipeline's reindex lock (``indexer.locking``)."""
        ...

    def new_update(self) -> IndexUpdate:
        """Start changing a copy of the live index (IndexNotFound when none); callers
        hold the pipeline's reindex lock, as for a build."""
        ...

    def search(self, request: SearchRequest, ranking: Ranking = DEFAULT_RANKING) -> SearchResponse:
        """Answer a search on the live index (raises IndexNotFound if none).

        The query arrives as it is to be matched: dictionary translation
        groups are already attached (``indexer.search``); the engine renders
        clauses and groups with the weights of ``ranking`` and never looks
        anything up itself.
        """
        ...

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id, or None."""
        ...

    def stats(self) -> IndexStats:
        """Counts and build time of the live index."""
        ...

    def close(self) -> None:
        """Release files and connections."""
        ...
