"""The backend-neutral search request: query syntax, filters, paging.

A user query is parsed once into ``Clause`` objects; each engine renders
the same clauses into its own query objects. Syntax:

- words are OR-ed and ranked by BM25 (more matching words rank higher);
- ``+word`` or ``a AND b`` makes words required, ``-word`` excludes;
- ``"exact phrase"`` (also ``+"..."`` and ``-"..."``), explicit ``OR``;
- a word joined by punctuation (``TP-Link``, ``U.S.``) is matched as a
  phrase of its parts, the same way on every engine.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

from .dates import date_bounds
from .errors import BadRequest, QuerySyntaxError

MAX_QUERY_CHARS = 1000
MAX_SIZE = 100
MAX_WINDOW = 10_000
SORTS = ("relevance", "date")

_TOKEN = re.compile(r'([+-]?)"([^"]*)"|([+-]?)([^\s"]+)|(")')
_WORD = re.compile(r"\w+")


class Occur(str, Enum):
    """How a clause takes part in matching."""

    SHOULD = "should"
    MUST = "must"
    MUST_NOT = "must_not"


@dataclass(frozen=True)
class TermGroup:
    """Translations of one English term into one document language.

    Rendered as ONE weighted unit (Pirkola's structured query) over the
    original-language field of ``language``, so that a word with nine
    translations does not outweigh a word with one. Filled by
    ``indexer.lexicon.expand``; engines only render it.
    """

    language: str
    source: str  # the English word or phrase translated
    alternatives: tuple[str, ...]  # translations, best first
    weight: float = 1.0


@dataclass(frozen=True)
class Clause:
    """One searchable unit: a word or a phrase, with how it must occur.

    ``translations`` (empty unless a lexicon is built) lets the clause also
    match documents that contain a translation of it in their own language.
    """

    text: str
    occur: Occur = Occur.SHOULD
    phrase: bool = False
    translations: tuple[TermGroup, ...] = ()

    @property
    def words(self) -> list[str]:
        """The word tokens of the clause (before any analyzer)."""
        return _WORD.findall(self.text)


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed user query."""

    raw: str
    clauses: tuple[Clause, ...]

    @property
    def positive(self) -> tuple[Clause, ...]:
        """Clauses that can match (everything but exclusions)."""
        return tuple(c for c in self.clauses if c.occur is not Occur.MUST_NOT)

    @property
    def highlight_terms(self) -> list[str]:
        """Words worth highlighting: those of the non-excluded clauses."""
        return [w for c in self.positive for w in c.words]


def parse_query(text: str) -> ParsedQuery:
    """Parse the user's query; raise QuerySyntaxError with a clear reason."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"query is longer than {MAX_QUERY_CHARS} characters")
    items: list[tuple[str, Clause | None]] = []  # ("op", None) or ("clause", Clause)
    for match in _TOKEN.finditer(text):
        sign_phrase, phrase, sign_word, word, stray_quote = match.groups()
        if stray_quote:
            raise QuerySyntaxError('unbalanced quote: close the phrase with a second "')
        if phrase is not None:
            if not _WORD.search(phrase):
                continue  # "" or a phrase of punctuation only: nothing to find
            items.append(("clause", Clause(" ".join(phrase.split()), _occur(sign_phrase), True)))
        elif word in ("AND", "OR") and not sign_word:
            items.append((word, None))
        elif word is not None:
            if not _WORD.search(word):
                if sign_word and not word.strip("+-"):
                    raise QuerySyntaxError(f"'{sign_word}{word}' must be followed by a word")
                continue  # lone punctuation such as '&' or ','
            words = _WORD.findall(word)
            items.append(("clause", Clause(word.strip(".,;:!?()[]{}'"), _occur(sign_word), len(words) > 1)))
    return ParsedQuery(text, tuple(_apply_operators(items)))


def _occur(sign: str) -> Occur:
    return {"+": Occur.MUST, "-": Occur.MUST_NOT}.get(sign, Occur.SHOULD)


def _apply_operators(items: list[tuple[str, Clause | None]]) -> list[Clause]:
    """AND makes both neighbours required; OR is the default and changes nothing."""
    clauses: list[Clause] = []
    pending_and = False
    previous_kind = None
    for kind, clause in items:
        if kind in ("AND", "OR"):
            if previous_kind != "clause":
                raise QuerySyntaxError(f"'{kind}' needs a word on its left")
            pending_and = kind == "AND"
            if pending_and and clauses[-1].occur is Occur.SHOULD:
                clauses[-1] = Clause(clauses[-1].text, Occur.MUST, clauses[-1].phrase)
        else:
            assert clause is not None
            if pending_and and clause.occur is Occur.SHOULD:
                clause = Clause(clause.text, Occur.MUST, clause.phrase)
            clauses.append(clause)
            pending_and = False
        previous_kind = kind
    if previous_kind in ("AND", "OR"):
        raise QuerySyntaxError(f"'{previous_kind}' needs a word on its right")
    if not any(c.occur is not Occur.MUST_NOT for c in clauses):
        raise QuerySyntaxError("the query has no word to search for")
    return clauses


@dataclass(frozen=True)
class DateRange:
    """Inclusive range of days; either end may be open."""

    start: dt.date | None = None
    end: dt.date | None = None


def date_range(date_from: str | None, date_to: str | None) -> DateRange:
    """Inclusive DateRange from user bounds at any ISO precision."""
    try:
        start = date_bounds(date_from)[0] if date_from else None
        end = date_bounds(date_to)[1] if date_to else None
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    if start and end and start > end:
        raise BadRequest(f"'from' ({date_from}) is after 'to' ({date_to})")
    return DateRange(start, end)


@dataclass(frozen=True)
class Filters:
    """Restrictions on which documents may match (facet selections)."""

    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    dates: DateRange = field(default_factory=DateRange)
    translated: bool | None = None


@dataclass(frozen=True)
class SearchRequest:
    """Everything an engine needs to answer one search."""

    query: ParsedQuery
    filters: Filters = field(default_factory=Filters)
    page: int = 1
    size: int = 10
    sort: str = "relevance"
    facets: bool = True
    translate: bool = True  # add dictionary translations of the query when a lexicon is built

    def __post_init__(self) -> None:
        if self.page < 1:
            raise BadRequest("page must be 1 or more")
        if not 1 <= self.size <= MAX_SIZE:
            raise BadRequest(f"size must be between 1 and {MAX_SIZE}")
        if self.page * self.size > MAX_WINDOW:
            raise BadRequest(f"page x size must be at most {MAX_WINDOW}; narrow the query instead")
        if self.sort not in SORTS:
            raise BadRequest(f"sort must be one of {', '.join(SORTS)}")

    @property
    def offset(self) -> int:
        """Index of the first hit of the requested page."""
        return (self.page - 1) * self.size

