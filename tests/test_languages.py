"""One language table: adding a row reaches every consumer."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from indexer.languages import DEFAULT_LANGUAGES, LANGUAGES, language_name

ROOT = Path(__file__).resolve().parent.parent

# Adds Swedish to the table before anything else is imported, then asks each
# consumer what it knows about it.
PROBE = """
import json
from indexer import languages
languages.LANGUAGES["sv"] = languages.Language(
    "sv", "Swedish", "swedish", compounds=True,
    detection_words=frozenset("och att det som inte är för med har av till den på".split()),
    function_words=frozenset("och att det som".split()),
)
languages.DEFAULT_LANGUAGES = tuple(languages.LANGUAGES)
import tempfile
from indexer.document import Document, Paragraph
from indexer.engines import elastic_mapping, fields
from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.query import SearchRequest, parse_query
from indexer.language.detect import by_function_words
from indexer.languages import is_function_word, language_name, writes_compounds
from indexer.lexicon import expand
from indexer.settings import Settings
field = fields.original_field("sv")
text_fields = {f.name: f.analyzer for f in fields.TEXT_FIELDS}


def stemmed_hits(word):
    engine = EmbeddedEngine(tempfile.mkdtemp())
    build = engine.new_build()
    build.add([Document("s", "s.txt", "0" * 64, title="Nyheter", language="sv",
                        paragraphs=[Paragraph("Huset vid torget brann.", "sv")])])
    build.publish()
    request = SearchRequest(parse_query(word), translate=False)
    return [hit.document.id for hit in engine.search(request).hits]


print(json.dumps({
    "settings": "sv" in Settings().languages,
    "field": field,
    "analyzer": text_fields.get(field),
    "elasticsearch": elastic_mapping.index_body()["mappings"]["properties"][field]["analyzer"],
    "tantivy": stemmed_hits("husen"),
    "detector": by_function_words("det är inte och det som för med att den", tuple(languages.LANGUAGES)),
    "query_targets": "sv" in expand.TARGET_LANGUAGES,
    "name": language_name("sv"),
    "function_word": is_function_word("och", "sv"),
    "compounds": writes_compounds("sv"),
}))
"""


def test_adding_a_language_is_one_edit_that_every_consumer_reads():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "settings": True,
        "field": "text_sv",
        "analyzer": "swedish",
        "elasticsearch": "swedish",
        "tantivy": ["s"],  # "husen" finds "Huset" through the Swedish stemmer
        "detector": "sv",
        "query_targets": True,
        "name": "Swedish",
        "function_word": True,
        "compounds": True,
    }


def test_the_table_drives_the_defaults():
    assert DEFAULT_LANGUAGES == ("de", "nl", "en", "fr", "es", "it")
    assert all(lang.stemmer for lang in LANGUAGES.values())
    assert language_name("de") == "German" and language_name("und") == "unknown language"
    assert language_name("xx") == "xx"
