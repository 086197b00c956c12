"""The Elasticsearch/OpenSearch index body, rendered from the neutral layout in fields.py.

Nothing here decides *which* fields exist or how they are weighted; it only
says how each neutral analyzer name and field kind is spelled in
Elasticsearch and OpenSearch. The whole Document is kept under ``doc`` as a
stored, non-indexed object so that a get-by-id rebuilds it exactly; its hit
summary (``hits.HitDocument``) under ``hit``, the only part of ``_source`` a
search reads.

Analyzers are the embedded engine's (``tantivy_schema.analyzer``), spelled
with analysis-common's building blocks: runs of letters and digits, tokens
of ``MAX_TOKEN_CHARS`` or more dropped, lowercase, the language table's
function words dropped where ``fields.function_words`` says so, then the
language's Snowball stemmer. They keep the stemmer's name (``german``,
``dutch``, …), shadowing the cluster's built-in language analyzers (light
stemmers with stop words), so that every engine matches and ranks the same
words (measured with bench/clir_quality.py).
"""
from __future__ import annotations

from typing import Any

from ..document import Document
from .fields import (
    KEYWORD_FIELDS,
    MAX_TOKEN_CHARS,
    NEUTRAL,
    STEMMED_LANGUAGES,
    TEXT_FIELDS,
    document_fields,
    function_words,
)
from .hits import HitDocument

MAPPING_VERSION = 4  # bump when the body below changes; stored in _meta
STORED_FIELD = "doc"
HIT_FIELD = "hit"


def analyzer_name(neutral: str) -> str:
    """The index analyzer for a fields.py analyzer name (the same name)."""
    if neutral != NEUTRAL and neutral not in STEMMED_LANGUAGES.values():
        raise ValueError(f"no Elasticsearch analyzer for '{neutral}'")
    return neutral


def analysis() -> dict[str, Any]:
    """The ``index.analysis`` settings: one analyzer per stemmer, plus the neutral one."""
    stemmers = sorted(set(STEMMED_LANGUAGES.values()))
    filters: dict[str, Any] = {"bs_long": {"type": "length", "max": MAX_TOKEN_CHARS - 1}}
    filters.update({f"bs_{name}_snowball": {"type": "snowball", "language": name.capitalize()} for name in stemmers})
    filters.update({f"bs_{name}_stop": {"type": "stop", "stopwords": sorted(function_words(name))}
                    for name in stemmers if function_words(name)})
    analyzers = {
        name: {"type": "custom", "tokenizer": "bs_words",
               "filter": ["bs_long", "lowercase", *([f"bs_{name}_stop"] if function_words(name) else []),
                          f"bs_{name}_snowball"]}
        for name in stemmers
    }
    analyzers[NEUTRAL] = {"type": "custom", "tokenizer": "bs_words", "filter": ["bs_long", "lowercase"]}
    return {
        "tokenizer": {"bs_words": {"type": "pattern", "pattern": r"[^\p{L}\p{N}]+"}},
        "filter": filters,
        "analyzer": analyzers,
    }


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
    properties[HIT_FIELD] = {"type": "object", "enabled": False}
    return {
        # Refreshing only at publish makes bulk loading cheaper; publish
        # restores the default interval.
        "settings": {"index": {"refresh_interval": "-1", "analysis": analysis()}},
        "mappings": {
            "dynamic": "strict",
            "_meta": meta(built_at),
            "properties": properties,
        },
    }


def meta(built_at: str | None, updated_at: str | None = None, started: float | None = None) -> dict[str, Any]:
    """The ``_meta`` block: who built the index, when it was fully built, when last updated,
    and when that build or update started reading files (epoch seconds)."""
    return {"babelsearch": {"mapping_version": MAPPING_VERSION, "built_at": built_at, "updated_at": updated_at,
                            "started": started}}


def source_for(doc: Document) -> dict[str, Any]:
    """The indexed ``_source`` of a document: field values plus the stored
    Document and its hit summary."""
    values = document_fields(doc)
    values = {name: value for name, value in values.items() if value is not None}
    values[STORED_FIELD] = doc.to_dict()
    values[HIT_FIELD] = HitDocument.of(doc).to_dict()
    return values
