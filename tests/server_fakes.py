"""A small in-memory Engine for the server tests (no index on disk needed).

It follows the engine contract closely enough for the HTTP layer: OR-ed
words with +required/-excluded, filters, facets, paging, date sort and
snippets with spans. Matching is plain case-insensitive substring search;
ranking quality is the real engines' business, not the server's.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from indexer.document import Document, Paragraph
from indexer.engines.base import FACETS, FacetValue, Hit, IndexStats, SearchResponse, Snippet, Snippets
from indexer.errors import EngineUnavailable
from indexer.query import Occur, SearchRequest, document_date_start


@dataclass
class FakeEngine:
    """Documents in a list; ``search`` scans them all."""

    documents: list[Document] = field(default_factory=list)
    name: str = "fake"
    built_at: str | None = "2026-01-01T00:00:00+00:00"
    closed: bool = False

    def search(self, request: SearchRequest) -> SearchResponse:
        scored = [(self._score(doc, request), doc) for doc in self.documents if self._allowed(doc, request)]
        matched = [(score, doc) for score, doc in scored if score > 0]
        if request.sort == "date":
            matched.sort(key=lambda item: (document_date_start(item[1].date) is not None, document_date_start(item[1].date) or 0), reverse=True)
        else:
            matched.sort(key=lambda item: (-item[0], item[1].id))
        page = matched[request.offset: request.offset + request.size]
        terms = request.query.highlight_terms
        hits = tuple(Hit(doc, float(score), _snippets(doc, terms)) for score, doc in page)
        return SearchResponse(len(matched), hits, _facets([doc for _, doc in matched]), 1.0)

    def get(self, doc_id: str) -> Document | None:
        return next((doc for doc in self.documents if doc.id == doc_id), None)

    def stats(self) -> IndexStats:
        languages = Counter(doc.language or "und" for doc in self.documents)
        untranslated = sum(1 for doc in self.documents if not doc.translated)
        return IndexStats(self.name, len(self.documents), self.built_at, "memory", dict(languages), untranslated)

    def new_build(self):
        raise NotImplementedError("the fake engine is read-only")

    def close(self) -> None:
        self.closed = True

    @staticmethod
    def _score(doc: Document, request: SearchRequest) -> int:
        haystack = " ".join([doc.title, doc.title_en or "", doc.text(), doc.english_text()]).lower()
        score = 0
        for clause in request.query.clauses:
            found = clause.text.lower() in haystack
            if clause.occur is Occur.MUST_NOT and found or clause.occur is Occur.MUST and not found:
                return 0
            score += found and clause.occur is not Occur.MUST_NOT
        return score

    @staticmethod
    def _allowed(doc: Document, request: SearchRequest) -> bool:
        f = request.filters
        start = document_date_start(doc.date)
        checks = (
            not f.languages or (doc.language or "und") in f.languages,
            not f.sources or (doc.source or "") in f.sources,
            not f.years or (doc.year or 0) in f.years,
            f.translated is None or doc.translated == f.translated,
            f.dates.start is None or (start is not None and start >= f.dates.start),
            f.dates.end is None or (start is not None and start <= f.dates.end),
        )
        return all(checks)


class BrokenEngine(FakeEngine):
    """An engine whose backend is down: every call raises EngineUnavailable."""

    def search(self, request: SearchRequest) -> SearchResponse:
        raise EngineUnavailable("the test engine is down")

    def get(self, doc_id: str) -> Document | None:
        raise EngineUnavailable("the test engine is down")

    def stats(self) -> IndexStats:
        raise EngineUnavailable("the test engine is down")


def _snippets(doc: Document, terms: list[str]) -> Snippets:
    def first(texts: list[str]) -> tuple[Snippet, ...]:
        for text in texts:
            spans = tuple(m.span() for t in terms for m in re.finditer(re.escape(t), text, re.IGNORECASE))
            if spans:
                return (Snippet(text, spans),)
        return ()

    originals = [p.text for p in doc.paragraphs if not p.is_english]
    english = [p.english for p in doc.paragraphs if p.english]
    return Snippets(first([doc.title, *originals]), first([doc.title_en or "", *english]))


def _facets(docs: list[Document]) -> dict[str, tuple[FacetValue, ...]]:
    values = {
        "language": Counter(doc.language or "und" for doc in docs),
        "source": Counter(doc.source or "" for doc in docs),
        "year": Counter(str(doc.year or 0) for doc in docs),
        "translated": Counter("yes" if doc.translated else "no" for doc in docs),
    }
    return {name: tuple(FacetValue(v, n) for v, n in values[name].most_common()) for name in FACETS}


def make_document(doc_id: str, title: str, paragraphs: list[tuple[str, str, str | None]], **meta) -> Document:
    """A Document from ``(language, text, english)`` triples; translator set for translations."""
    built = [
        Paragraph(text, language, english if language != "en" else text,
                  "argos/%s_en@1.9" % language if english and language != "en" else None)
        for language, text, english in paragraphs
    ]
    return Document(id=doc_id, path=f"{doc_id}.txt", source_sha256="0" * 64, title=title,
                    paragraphs=built, **meta)


HOSTILE_ID = "zz_hostile"
HOSTILE_TEXT = (
    "Hostile <script>alert('title')</script> report\n\n"
    "Nuctech scanners <script>alert(\"xss\")</script> and an \"attribute\" breaker: \"><img src=x onerror=alert(1)>\n\n"
    "Second paragraph mentions Huawei & <b>bold</b> claims.\n"
)


def seed_documents(folder) -> list[Document]:
    """Rough Documents from ``seeds/`` for the fake engine: title = first line,
    blank-line paragraphs, ``date YYYY-MM`` prefix, Dutch for Dutch-looking files.

    Every other document gets a stand-in translation so that both translated
    and untranslated documents exist, as after a real reindex with some models.
    """
    from pathlib import Path

    docs = []
    for number, path in enumerate(sorted(Path(folder).glob("*.txt"))):
        text = path.read_text(encoding="utf-8").strip()
        date = None
        match = re.match(r"date (\d{4}(?:-\d{2})?) ", text)
        if match:
            date, text = match.group(1), text[match.end():]
        blocks = [b.strip() for b in re.split(r"\n\s*\n|\n(?=[A-Z])", text) if b.strip()]
        language = "nl" if re.search(r"\b(het|de douane|van de)\b", text) else "de"
        translate = number % 2 == 0
        paragraphs = [(language, b, f"English of: {b}" if translate else None) for b in blocks[1:]]
        doc = make_document(path.stem, blocks[0], paragraphs, language=language, date=date,
                            source=("Handelsblatt" if number % 2 else "Reuters, Berlin"))
        if translate:
            doc.title_en, doc.title_translator = f"English of: {blocks[0]}", f"argos/{language}_en@1.9"
        docs.append(doc)
    return docs
