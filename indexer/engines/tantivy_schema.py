"""Tantivy rendering of the index layout in ``fields.py``: schema and analyzers."""
from __future__ import annotations

import functools
from typing import Any

import tantivy

from ..document import Document
from .base import SNIPPET_CHARS
from .fields import (
    ENGLISH_BODY_FIELD,
    KEYWORD_FIELDS,
    MAX_TOKEN_CHARS,
    NEUTRAL,
    ORIGINAL_BODY_FIELDS,
    STEMMED_LANGUAGES,
    TEXT_FIELDS,
    document_fields,
    function_words,
)
from .hits import HitDocument
from .tantivy_fragments import cut, pack

# Fields snippets come from, with their analyzers.
BODY_ANALYZERS = {f.name: f.analyzer for f in TEXT_FIELDS if f.name in (*ORIGINAL_BODY_FIELDS, ENGLISH_BODY_FIELD)}
STORED_DOCUMENT = "document"  # the whole Document as JSON, for get-by-id
STORED_HIT = "hit"  # its HitDocument as JSON, all a search hit reads
STORED_FRAGMENTS = "fragment_cuts"  # body field -> its snippet fragments (tantivy_fragments.cut, .pack)


def tokenizer_name(analyzer: str) -> str:
    """The name an analyzer is registered under in the index."""
    return f"bs_{analyzer}"


@functools.lru_cache(maxsize=None)
def analyzer(name: str) -> Any:
    """A Tantivy TextAnalyzer: word tokens, lowercase, Snowball stemming; the
    original-text languages (``FILTERED_LANGUAGES``) drop their function words
    first, as Elasticsearch's language analyzers do, so that ``sich`` is
    never found for ``Sicherheit`` (whose stem it is)."""
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
    )
    words = function_words(name)
    if words:
        builder = builder.filter(tantivy.Filter.custom_stopword(sorted(words)))
    if name != NEUTRAL:
        builder = builder.filter(tantivy.Filter.stemmer(name))
    return builder.build()


def register_analyzers(index: Any) -> None:
    """Make every analyzer of the layout known to ``index``."""
    for name in {*STEMMED_LANGUAGES.values(), NEUTRAL}:
        index.register_tokenizer(tokenizer_name(name), analyzer(name))


@functools.lru_cache(maxsize=1)
def build_schema() -> Any:
    """The Tantivy schema: text fields from TEXT_FIELDS plus filter fields."""
    builder = tantivy.SchemaBuilder()
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, stored=name == "id", tokenizer_name="raw", fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("date_sort", indexed=True, fast=True)
    for text_field in TEXT_FIELDS:
        builder.add_text_field(
            text_field.name,
            stored=text_field.name in BODY_ANALYZERS,  # what snippets read; the rest is in the stored JSON
            tokenizer_name=tokenizer_name(text_field.analyzer),
            index_option="position",
        )
    builder.add_bytes_field(STORED_DOCUMENT, stored=True, indexed=False)
    builder.add_bytes_field(STORED_HIT, stored=True, indexed=False)
    builder.add_bytes_field(STORED_FRAGMENTS, stored=True, indexed=False)
    return builder.build()


def to_tantivy(doc: Document) -> Any:
    """The Tantivy document for ``doc``: fields, plus the stored JSON of the
    document, of its hit summary and of its body fields' snippet fragments."""
    values = document_fields(doc)
    values[STORED_DOCUMENT] = doc.to_json().encode("utf-8")
    values[STORED_HIT] = HitDocument.of(doc).to_json().encode("utf-8")
    fragments = {
        name: cut(" ".join(values[name]), analyzer(analyzer_name), SNIPPET_CHARS)
        for name, analyzer_name in BODY_ANALYZERS.items()
        if name in values
    }
    values[STORED_FRAGMENTS] = pack(fragments)
    return tantivy.Document(**values)
