"""Test helpers for the server tests: a hostile document, a stand-in
translation stage, and an engine that is down (for the 503 paths)."""
from __future__ import annotations

from indexer.document import Document
from indexer.engines.base import IndexStats, SearchResponse
from indexer.errors import EngineUnavailable
from indexer.query import SearchRequest


class BrokenEngine:
    """An engine whose backend is down: every call raises EngineUnavailable."""

    name = "broken"

    def search(self, request: SearchRequest, ranking=None) -> SearchResponse:
        raise EngineUnavailable("the test engine is down")

    def get(self, doc_id: str) -> Document | None:
        raise EngineUnavailable("the test engine is down")

    def stats(self) -> IndexStats:
        raise EngineUnavailable("the test engine is down")

    def new_build(self):
        raise EngineUnavailable("the test engine is down")

    def close(self) -> None:
        pass


HOSTILE_ID = "zz_hostile"
HOSTILE_TEXT = (
    "Hostile <script>alert('title')</script> report\n\n"
    "Nuctech scanners <script>alert(\"xss\")</script> and an \"attribute\" breaker: \"><img src=x onerror=alert(1)>\n\n"
    "Second paragraph mentions Huawei & <b>bold</b> claims.\n"
)


STAND_IN_TRANSLATED = ("000_", "004_", HOSTILE_ID)
STAND_IN_TRANSLATOR = "standin/%s_en@0.1"


def stand_in_translation(prefixes: tuple[str, ...]):
    """A pipeline stage that "translates" documents whose id starts with one of
    ``prefixes``: English = "In English: " + original, with a stand-in translator
    id. Real translation needs Argos models the tests do not have; the server
    only cares that some documents have English and provenance and others not.
    """

    def stage(documents):
        for doc in documents:
            if doc.id.startswith(prefixes):
                for paragraph in doc.paragraphs:
                    if not paragraph.is_english and paragraph.language:
                        paragraph.english = f"In English: {paragraph.text}"
                        paragraph.translator = STAND_IN_TRANSLATOR % paragraph.language
                if doc.title and doc.language != "en":
                    doc.title_en = f"In English: {doc.title}"
                    doc.title_translator = STAND_IN_TRANSLATOR % (doc.language or "de")
            yield doc

    return stage
