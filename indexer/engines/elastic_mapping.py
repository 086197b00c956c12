"""The Elasticsearch index body, rendered from the neutral layout in fields.py.

Nothing here decides *which* fields exist or how they are weighted; it only
says how each neutral analyzer name and field kind is spelled in
Elasticsearch. The whole Document is kept under ``doc`` as a stored,
non-indexed object so that a hit or a get-by-id rebuilds it exactly.
"""
from __future__ import annotations

from typing import Any

from ..document import Document
from .fields import (
    KEYWORD_FIELDS,
    NEUTRAL,
    STEMMED_LANGUAGES,
    TEXT_FIELDS,
    document_fields,
)

MAPPING_VERSION = 2  # bump when the body below changes; stored in _meta
STORED_FIELD = "doc"

# Built-in Elasticsearch analyzers carry the same names as fields.py uses for
# Snowball languages; the language-neutral one is the standard analyzer.
_BUILTIN_ANALYZERS = frozenset(STEMMED_LANGUAGES.values())


def analyzer_name(neutral: str) -> str:
    """The Elasticsearch analyzer for a fields.py analyzer name."""
    if neutral == NEUTRAL:
        return "standard"
    if neutral not in _BUILTIN_ANALYZERS:
        raise ValueError(f"no Elasticsearch analyzer for '{neutral}'")
    return neutral


def index_body(built_at: str | None = None) -> dict[str, Any]:
    """Settings and mappings for a new physical index."""
    properties: dict[str, Any] = {
        f.name: {"type": "text", "analyzer": analyzer_name(f.analyzer)} for f in TEXT_FIELDS
    }
    properties.update({name: {"type": "keyword"} for name in KEYWORD_FIELDS})
    properties.update(
        year={"type": "integer"},
        date_sort={"type": "integer"},
    )
    properties[STORED_FIELD] = {"type": "object", "enabled": False}
    return {
        # Refreshing only at publish makes bulk loading cheaper; publish
        # restores the default interval.
        "settings": {"index": {"refresh_interval": "-1"}},
        "mappings": {
            "dynamic": "strict",
            "_meta": meta(built_at),
            "properties": properties,
        },
    }


def meta(built_at: str | None) -> dict[str, Any]:
    """The ``_meta`` block: who built the index, and when it was published."""
    return {"babelsearch": {"mapping_version": MAPPING_VERSION, "built_at": built_at}}


def source_for(doc: Document) -> dict[str, Any]:
    """The indexed ``_source`` of a document: field values plus the stored Document."""
    values = document_fields(doc)
    values = {name: value for name, value in values.items() if value is not None}
    values[STORED_FIELD] = doc.to_dict()
    return values
