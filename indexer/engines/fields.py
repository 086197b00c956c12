"""The index layout, defined once for every backend.

Full-text fields and their analyzers and roles (a ``Ranking`` gives each
role its weight), and the function that turns
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
from ..languages import ENGLISH, LANGUAGES, is_function_word, stemmers
from ..query import Clause, DateRange
from ..ranking import Ranking

# Snowball stemmer per language (from the language table); languages
# without one share ``text_other``.
STEMMED_LANGUAGES = stemmers()
NEUTRAL = "neutral"  # lowercase word tokens, no stemming
MAX_TOKEN_CHARS = 60  # every engine's analyzers drop longer tokens (URLs, base64, glued junk)
# Original-text languages whose analyzer drops their function words (the
# language table's lists; Elasticsearch's built-in analyzers have their own),
# so that "sich" is never found for "Sicherheit", whose stem it is. English
# keeps them: an English query of function words still finds English text.
FILTERED_LANGUAGES = tuple(code for code, lang in LANGUAGES.items() if code != ENGLISH and lang.function_words)
# Word forms (Segment.forms: lemmas and compound parts) are indexed for
# the languages that write compounds as one word.
FORMS_LANGUAGES = tuple(code for code, lang in LANGUAGES.items() if lang.compounds)
COGNATE_FIELD = "cognate"  # cognate keys of original text (language/cognates.py)
TRANSLATION_PHRASE_SLOP = 2  # a multiword translation whose function words were stripped still matches
OTHER_FIELD = "text_other"


@dataclass(frozen=True)
class TextField:
    """A full-text field: its analyzer and its weight in ranking."""

    name: str
    analyzer: str  # a STEMMED_LANGUAGES value or NEUTRAL
    role: str  # "title", "body", "gloss", "forms" or "cognate": which Ranking weight applies
    original: bool  # holds original-language text (for "original" snippets)

    def boost(self, ranking: Ranking) -> float:
        """This field's weight under ``ranking``."""
        if self.role == "title":
            return ranking.title_boost
        if self.role == "forms":
            return ranking.forms_boost
        return ranking.gloss_boost if self.role == "gloss" else 1.0

    @property
    def clause(self) -> bool:
        """Searched for the query's own words (forms and cognate keys are
        searched by translation groups only)."""
        return self.role not in ("forms", "cognate")


def function_words(analyzer: str) -> frozenset[str]:
    """The function words an analyzer drops (none for most)."""
    for code in FILTERED_LANGUAGES:
        if STEMMED_LANGUAGES[code] == analyzer:
            return LANGUAGES[code].function_words
    return frozenset()


def forms_field(language: str) -> str:
    """The field that holds the word forms of original text in ``language``."""
    return f"forms_{language}"


def original_field(language: str | None) -> str:
    """The field that holds original text in ``language``."""
    if language and language != ENGLISH and language in STEMMED_LANGUAGES:
        return f"text_{language}"
    return OTHER_FIELD


GLOSS_FIELD = "gloss"  # retrieval-only dictionary glosses (Paragraph.gloss, Document.title_gloss)

TEXT_FIELDS: tuple[TextField, ...] = (
    TextField("title", NEUTRAL, "title", True),
    TextField("title_en", "english", "title", False),
    TextField("english", "english", "body", False),
    *(
        TextField(original_field(code), analyzer, "body", True)
        for code, analyzer in STEMMED_LANGUAGES.items()
        if code != ENGLISH
    ),
    TextField(OTHER_FIELD, NEUTRAL, "body", True),
    TextField(GLOSS_FIELD, "english", "gloss", False),
    *(TextField(forms_field(code), STEMMED_LANGUAGES[code], "forms", False) for code in FORMS_LANGUAGES),
    TextField(COGNATE_FIELD, NEUTRAL, "cognate", False),
)
CLAUSE_FIELDS = tuple(f for f in TEXT_FIELDS if f.clause)
TEXT_FIELD_NAMES = tuple(f.name for f in TEXT_FIELDS)
ORIGINAL_BODY_FIELDS = tuple(f.name for f in TEXT_FIELDS if f.original and f.name != "title")
ENGLISH_BODY_FIELD = "english"
ENGLISH_TEXT_FIELDS = ("title_en", ENGLISH_BODY_FIELD)  # English text: translations and English paragraphs
# ``source_key`` is the source casefolded: filters match sources in any case,
# facets still show ``source`` as written.
KEYWORD_FIELDS = ("id", "language", "source", "source_key", "translated")
TITLE_FIELD_NAMES = ("title", "title_en")


def clause_fields(clause: Clause) -> tuple[TextField, ...]:
    """The text fields a clause searches: all, or the titles for ``title:``.

    A clause of English function words ("the", "of", "in the") searches
    English text only: in German and Dutch text and in the glosses (which
    carry none) they would match only an English quote, a name or what
    is left of "up-to-date", as rare and so strongly weighted terms, and
    a function word is never a match in original text (issue 14). A word
    in capitals is an acronym ("US", "IT", "WHO") and searches everywhere.
    """
    found = CLAUSE_FIELDS if clause.field is None else tuple(f for f in CLAUSE_FIELDS if f.name in TITLE_FIELD_NAMES)
    if clause.words and all(_english_function_word(word) for word in clause.words):
        return tuple(f for f in found if f.name in ENGLISH_TEXT_FIELDS)
    return found


def _english_function_word(word: str) -> bool:
    """True for an English function word as typed; not for an acronym in capitals."""
    return not (len(word) > 1 and word.isupper()) and is_function_word(word.lower(), ENGLISH)


def translation_fields(language: str, ranking: Ranking, field: str | None = None) -> tuple[tuple[str, str, float], ...]:
    """(field, analyzer, boost) where translations into ``language`` are searched:
    the language's original-text field, the original title and the word
    forms (only the title for a ``title:`` clause); a cognate group
    (``language/cognates.py``) searches the cognate keys."""
    title = ("title", NEUTRAL, ranking.translated_title_boost)
    if field is not None:
        return (title,)
    if language == COGNATE:
        return ((COGNATE_FIELD, NEUTRAL, 1.0),)
    analyzer = STEMMED_LANGUAGES.get(language, NEUTRAL)
    found = ((original_field(language), analyzer, 1.0), title)
    if language in FORMS_LANGUAGES:
        found += ((forms_field(language), analyzer, ranking.forms_boost),)
    return found


def source_key(source: str) -> str:
    """How ``source_key`` spells a source: casefolded, spaces collapsed."""
    return " ".join(source.split()).casefold()


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
        language = doc.title_language
        if language != ENGLISH:
            values[COGNATE_FIELD].append(cognate_text(doc.title))
        if doc.heading.forms and language in FORMS_LANGUAGES:
            values[forms_field(language)].append(doc.heading.forms)
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
        source_key=source_key(doc.source or ""),
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
