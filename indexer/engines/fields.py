"""The index layout, defined once for every backend.

Full-text fields and their analyzers, boosts, and the function that turns
a Document into field values. Engines translate ``ANALYZERS`` names into
their own analyzer definitions; nothing else about the layout is repeated
per backend.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..dates import date_sort_key, document_date_start
from ..document import Document
from ..language.cognates import COGNATE, cognate_text
from ..languages import ENGLISH, LANGUAGES, stemmers
from ..query import DateRange

# Snowball stemmer per language (from the language table); languages
# without one share ``text_other``.
STEMMED_LANGUAGES = stemmers()
NEUTRAL = "neutral"  # lowercase word tokens, no stemming
# Original-text languages whose analyzer drops function words (the lists of
# languages.py; Elasticsearch's built-in analyzers have their own).
# English keeps them: an English query of function words still finds text.
FILTERED_LANGUAGES = tuple(code for code, lang in LANGUAGES.items() if code != ENGLISH and lang.function_words)
OTHER_FIELD = "text_other"


@dataclass(frozen=True)
class TextField:
    """A full-text field: its analyzer and its weight in ranking."""

    name: str
    analyzer: str  # a STEMMED_LANGUAGES value or NEUTRAL
    boost: float
    original: bool  # holds original-language text (for "original" snippets)
    clause: bool = True  # searched for the query's own words (else only by translation groups)


def function_words(analyzer: str) -> frozenset[str]:
    """The function words an analyzer drops (none for most)."""
    for code in FILTERED_LANGUAGES:
        if STEMMED_LANGUAGES[code] == analyzer:
            return LANGUAGES[code].function_words
    return frozenset()


def original_field(language: str | None) -> str:
    """The field that holds original text in ``language``."""
    if language and language != ENGLISH and language in STEMMED_LANGUAGES:
        return f"text_{language}"
    return OTHER_FIELD


# Cross-language retrieval without a translation model. Weights were
# chosen on the tuning half of shared/clir-dev (20 articles, 80 query-language
# pairs) with bench/clir_quality.py --tune; fusion MRR@10 there: gloss boost
# 0.5 -> 0.907, 1.0 -> 0.946, 1.5 -> 0.933 (6 translations, weight 0.5).
GLOSS_FIELD = "gloss"  # retrieval-only dictionary glosses (Paragraph.gloss, Document.title_gloss)
GLOSS_BOOST = 1.0
# dis_max tie-breaker inside a TermGroup: 0 / 0.1 / 0.3 -> 0.946 / 0.946 / 0.940.
TRANSLATION_GROUP_TIE = 0.1  # how much further translations of one term add
# A translation found in the original title: 1.0 / 2.0 -> 0.937 / 0.946.
TRANSLATION_TITLE_BOOST = 2.0
# Retrieval-only word forms of original text (Paragraph.forms): lemmas and
# compound parts, so that a translation matches "Rechenzentren" through
# "zentrum"; searched by translation groups only, weighted next to the text.
FORMS_LANGUAGES = tuple(code for code, lang in LANGUAGES.items() if lang.compounds)
FORMS_BOOST = 0.5
COGNATE_FIELD = "cognate"  # cognate keys of original text (language/cognates.py)
TRANSLATION_PHRASE_SLOP = 2  # a multiword translation whose function words were stripped still matches


def forms_field(language: str) -> str:
    """The field that holds the word forms of original text in ``language``."""
    return f"forms_{language}"


TEXT_FIELDS: tuple[TextField, ...] = (
    TextField("title", NEUTRAL, 2.0, True),
    TextField("title_en", "english", 2.0, False),
    TextField("english", "english", 1.0, False),
    *(
        TextField(original_field(code), analyzer, 1.0, True)
        for code, analyzer in STEMMED_LANGUAGES.items()
        if code != ENGLISH
    ),
    TextField(OTHER_FIELD, NEUTRAL, 1.0, True),
    TextField(GLOSS_FIELD, "english", GLOSS_BOOST, False),
    *(TextField(forms_field(code), STEMMED_LANGUAGES[code], FORMS_BOOST, False, clause=False) for code in FORMS_LANGUAGES),
    TextField(COGNATE_FIELD, NEUTRAL, 1.0, False, clause=False),
)
CLAUSE_FIELDS = tuple(f for f in TEXT_FIELDS if f.clause)
TEXT_FIELD_NAMES = tuple(f.name for f in TEXT_FIELDS)
ORIGINAL_BODY_FIELDS = tuple(f.name for f in TEXT_FIELDS if f.original and f.name != "title")
ENGLISH_BODY_FIELD = "english"
KEYWORD_FIELDS = ("id", "language", "source", "translated")
TIE_BREAKER = 0.3  # how much non-best fields add to a word's score (dis_max)


def translation_fields(language: str) -> tuple[tuple[str, str, float], ...]:
    """(field, analyzer, boost) where translations into ``language`` are searched:
    the language's original-text field, the original title and the word
    forms; a cognate group (``language/cognates.py``) searches the cognate keys."""
    if language == COGNATE:
        return ((COGNATE_FIELD, NEUTRAL, 1.0),)
    analyzer = STEMMED_LANGUAGES.get(language, NEUTRAL)
    found = ((original_field(language), analyzer, 1.0), ("title", NEUTRAL, TRANSLATION_TITLE_BOOST))
    if language in FORMS_LANGUAGES:
        found += ((forms_field(language), analyzer, FORMS_BOOST),)
    return found


def document_fields(doc: Document) -> dict[str, Any]:
    """Field values to index for ``doc`` (the stored JSON is separate).

    Text fields map to lists of strings (one per paragraph); empty fields
    are left out. The date becomes ``date_sort``: YYYYMMDD of the first day
    of the known period, 0 when undated (so undated documents sort last on
    a descending date sort); every engine filters dates on it too.
    """
    values: dict[str, Any] = {name: [] for name in TEXT_FIELD_NAMES}
    if doc.title:
        values["title"].append(doc.title)
        if doc.language != ENGLISH:
            values[COGNATE_FIELD].append(cognate_text(doc.title))
    if doc.title_en:
        values["title_en"].append(doc.title_en)
    if doc.title_gloss:
        values[GLOSS_FIELD].append(doc.title_gloss)
    for paragraph in doc.paragraphs:
        if paragraph.english:
            values[ENGLISH_BODY_FIELD].append(paragraph.english)
        if paragraph.gloss:
            values[GLOSS_FIELD].append(paragraph.gloss)
        if not paragraph.is_english:
            values[original_field(paragraph.language)].append(paragraph.text)
            values[COGNATE_FIELD].append(cognate_text(paragraph.text))
            if paragraph.forms and paragraph.language in FORMS_LANGUAGES:
                values[forms_field(paragraph.language)].append(paragraph.forms)
    values = {name: texts for name, texts in values.items() if texts}
    start = document_date_start(doc.date)
    values.update(
        id=doc.id,
        language=doc.language or "und",
        source=doc.source or "",
        translated=translated_value(doc.translated),
        year=doc.year or 0,
        date_sort=date_sort_key(start) if start else 0,
    )
    return values


def translated_value(translated: bool) -> str:
    """How the ``translated`` keyword field spells a document's flag."""
    return "yes" if translated else "no"



def date_filter_bounds(dates: DateRange) -> tuple[int, int] | None:
    """Inclusive ``date_sort`` bounds of a date filter (the one field every
    engine filters and sorts dates on); None when the filter is open."""
    if not (dates.start or dates.end):
        return None
    low = date_sort_key(dates.start) if dates.start else 1  # 0 is "undated"
    high = date_sort_key(dates.end) if dates.end else 99_991_231
    return low, high
