"""The backend-neutral search request: query language, filters, paging.

A user query is parsed once into ``Clause`` objects; each engine renders
the same clauses into its own query objects. The language is lenient:
user text is interpreted, never refused (only the length limit is an
error). The whole language, also documented in README:

- words are OR-ed and ranked by BM25 (more matching words rank higher);
- ``+word`` or ``a AND b`` makes words required, ``-word`` or ``NOT word``
  excludes; ``OR`` between words changes nothing (it is the default);
- ``"exact phrase"`` (also ``+"..."`` and ``-"..."``);
- an unbalanced quote is ignored: its words are searched as plain words;
- ``title:word`` / ``title:"a phrase"`` searches titles only;
  ``source:Reuters`` and ``lang:de`` (or ``lang:german``, ``lang:de,nl``)
  are filters, the same as ticking that value in the facets;
- ``~word`` adds ``word`` as a translation for this search (searched as
  written, not translated again); ``-~word`` drops a dictionary
  translation ``word`` from this search;
- an empty query or ``*`` browses every document (newest first), and a
  query of exclusions only browses what is left;
- a word joined by punctuation (``TP-Link``, ``U.S.``) is matched as a
  phrase of its parts, the same way on every engine; an English
  possessive goes (``democracy's`` searches ``democracy``, as Lucene's
  English analyzer does), except inside quotes;
- stray operators (a lone ``+``, ``AND`` at the end, ``*`` wildcards) are
  ignored, and ``notes`` says so.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from enum import Enum

from .dates import date_bounds
from .errors import BadRequest, QuerySyntaxError
from .language.cognates import COGNATE
from .languages import language_code

MAX_QUERY_CHARS = 1000
MAX_SIZE = 100
MAX_WINDOW = 10_000
SORTS = ("relevance", "date")
TITLE_FIELD = "title"  # the one text field a clause can be restricted to

_TOKEN = re.compile(r'(?P<lead>[+\-~]*)(?:(?P<field>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))')
_WORD = re.compile(r"\w+")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s$", re.IGNORECASE)
_OPERATORS = ("AND", "OR", "NOT")
_EDGE_PUNCTUATION = ".,;:!?()[]{}'*<>«»„“”‚‘’|/\\=#%^`"


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
    ``indexer.lexicon.expand``; engines only render it. ``scores`` are the
    dictionary's scores of ``alternatives`` (for showing the
    interpretation; may be empty); ``weights`` how much each counts within
    the group when the collection chose them in context (empty: all alike).
    """

    language: str
    source: str  # the English word or phrase translated
    alternatives: tuple[str, ...]  # translations, best first
    weight: float = 1.0
    scores: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()  # per alternative (best 1.0); empty: all 1.0

    @property
    def is_translation(self) -> bool:
        """False for a cognate group (``language/cognates.py``): spelling keys
        that are searched but never shown or highlighted as translations."""
        return self.language != COGNATE

    @property
    def weighted(self) -> tuple[tuple[str, float], ...]:
        """(alternative, its weight within the group), best first."""
        weights = self.weights or (1.0,) * len(self.alternatives)
        return tuple(zip(self.alternatives, weights))


@dataclass(frozen=True)
class Clause:
    """One searchable unit: a word or a phrase, with how it must occur.

    ``translations`` (empty unless a lexicon is built) lets the clause also
    match documents that contain a translation of it in their own language.
    ``field`` restricts it to the titles (``title:``); ``literal`` marks a
    translation the user added (``~word``), which is not translated again.
    """

    text: str
    occur: Occur = Occur.SHOULD
    phrase: bool = False
    translations: tuple[TermGroup, ...] = ()
    field: str | None = None
    literal: bool = False

    @property
    def translation_groups(self) -> tuple[TermGroup, ...]:
        """``translations`` without the cognate groups: what the interpretation shows."""
        return tuple(group for group in self.translations if group.is_translation)

    @property
    def words(self) -> list[str]:
        """The word tokens of the clause (before any analyzer)."""
        return _WORD.findall(self.text)


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed user query: clauses, filters written in it, and notes.

    ``languages``/``sources`` come from ``lang:``/``source:``; ``dropped``
    are translations removed with ``-~word``; ``notes`` say what was
    ignored or reinterpreted, so nothing is dropped silently.
    """

    raw: str
    clauses: tuple[Clause, ...]
    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def positive(self) -> tuple[Clause, ...]:
        """Clauses that can match (everything but exclusions)."""
        return tuple(c for c in self.clauses if c.occur is not Occur.MUST_NOT)

    @property
    def browse(self) -> bool:
        """True when nothing is searched for: every document (but exclusions) matches."""
        return not self.positive

    @property
    def highlight_terms(self) -> list[str]:
        """Words worth highlighting: those of the non-excluded clauses."""
        return [w for c in self.positive for w in c.words]


def parse_query(text: str) -> ParsedQuery:
    """Interpret the user's query; only a query over the length limit is an error."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"query is longer than {MAX_QUERY_CHARS} characters")
    state = _ParseState(text)
    for match in _TOKEN.finditer(_balanced_quotes(text, state.notes)):
        state.take(match)
    return state.result()


def _balanced_quotes(text: str, notes: list[str]) -> str:
    """``text`` without its last quote when the quotes do not pair up."""
    if text.count('"') % 2 == 0:
        return text
    notes.append('an unmatched " was ignored: its words were searched as plain words')
    cut = text.rindex('"')
    return text[:cut] + " " + text[cut + 1:]


class _ParseState:
    """Clauses, filters and notes collected token by token."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.items: list[Clause | str] = []  # clauses and the operators AND / OR / NOT
        self.languages: list[str] = []
        self.sources: list[str] = []
        self.dropped: list[str] = []
        self.notes: list[str] = []

    def take(self, match: re.Match[str]) -> None:
        """Add one token: a word or phrase, with its sign, marker and field."""
        lead, name, phrase, word = match.group("lead", "field", "phrase", "word")
        sign = next((c for c in lead if c in "+-"), "")
        tilde = "~" in lead
        if name is not None and name.lower() in _FIELDS and (phrase is not None or word):
            _FIELDS[name.lower()](self, sign, phrase if phrase is not None else word, phrase is not None)
            return
        if name is not None:  # not a field we know: part of the text ("10:30", "http://…")
            word = f"{name}:{word}" if word is not None else name
            if phrase is not None:
                self._text(sign, tilde, word, False)
                word = None
        if phrase is not None:
            self._text(sign, tilde, phrase, True)
        elif word in _OPERATORS and not lead:
            self.items.append(word)
        else:
            self._text(sign, tilde, word or "", False)

    def _text(self, sign: str, tilde: bool, text: str, quoted: bool) -> None:
        if not quoted:
            if not text.strip("*"):
                return  # "*" alone: browse everything
            if "*" in text or "?" in text.rstrip("?"):
                plain = " ".join(text.replace("*", " ").replace("?", " ").split())
                self.notes.append(f"wildcards are not supported: '{text}' was searched as '{plain}'")
                text = plain
            text = _POSSESSIVE.sub("", text.strip(_EDGE_PUNCTUATION + " "))
        words = _WORD.findall(text)
        if not words:
            return  # punctuation only ("&", "—", a lone "+"): nothing to find
        text = " ".join(text.split())
        if tilde and sign == "-":
            self.dropped.append(text)
            return
        occur = {"+": Occur.MUST, "-": Occur.MUST_NOT}.get(sign, Occur.SHOULD)
        self.items.append(Clause(text, occur, quoted or len(words) > 1, literal=tilde))

    def _title(self, sign: str, text: str, quoted: bool) -> None:
        before = len(self.items)
        self._text(sign, False, text, quoted)
        if len(self.items) > before and isinstance(self.items[-1], Clause):
            self.items[-1] = replace(self.items[-1], field=TITLE_FIELD)

    def _source(self, sign: str, text: str, quoted: bool) -> None:
        if sign == "-":
            self.notes.append(f"excluding a source is not supported: '-source:{text}' was ignored")
        elif text.strip():
            self.sources.append(" ".join(text.split()))

    def _language(self, sign: str, text: str, quoted: bool) -> None:
        if sign == "-":
            self.notes.append(f"excluding a language is not supported: '-lang:{text}' was ignored")
            return
        for value in filter(None, (v.strip() for v in text.split(","))):
            code = language_code(value)
            if code is None:
                self.notes.append(f"unknown language '{value}' in lang:{text} was ignored")
            elif code not in self.languages:
                self.languages.append(code)

    def result(self) -> ParsedQuery:
        """The ParsedQuery of everything taken."""
        return ParsedQuery(
            self.raw, tuple(self._apply_operators()), tuple(self.languages),
            tuple(self.sources), tuple(self.dropped), tuple(self.notes),
        )

    def _apply_operators(self) -> list[Clause]:
        """AND makes both neighbours required, NOT excludes the next clause, OR
        changes nothing; an operator without a word beside it is ignored."""
        clauses: list[Clause] = []
        pending: str | None = None
        for item in self.items:
            if item == "AND" and not clauses:
                self.notes.append("'AND' without a word on its left was ignored")
            elif item == "AND":
                if clauses[-1].occur is Occur.SHOULD:
                    clauses[-1] = replace(clauses[-1], occur=Occur.MUST)
                pending = "AND"
            elif isinstance(item, str):
                pending = None if item == "OR" else item
            else:
                if pending == "AND" and item.occur is Occur.SHOULD:
                    item = replace(item, occur=Occur.MUST)
                elif pending == "NOT":
                    item = replace(item, occur=Occur.MUST_NOT)
                clauses.append(item)
                pending = None
        if pending is not None:
            self.notes.append(f"'{pending}' without a word on its right was ignored")
        return clauses


_FIELDS = {
    "title": _ParseState._title,
    "source": _ParseState._source,
    "lang": _ParseState._language,
    "language": _ParseState._language,
}


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


UNDATED_YEAR = 0  # the ``years`` value (and year facet key) of undated documents
# Facet name -> the Filters attribute that holds its selection.
FACET_FILTERS = {"language": "languages", "source": "sources", "year": "years", "translated": "translated"}


@dataclass(frozen=True)
class Filters:
    """Restrictions on which documents may match (facet selections).

    Values within one filter are OR-ed, filters are AND-ed. ``sources``
    match in any case; ``years`` may hold ``UNDATED_YEAR``.
    """

    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    dates: DateRange = field(default_factory=DateRange)
    translated: bool | None = None

    def selected(self, facet: str) -> bool:
        """True when the facet ``facet`` has a selection."""
        value = getattr(self, FACET_FILTERS[facet])
        return value is not None and value != ()

    def without(self, facet: str) -> "Filters":
        """These filters minus the selection of ``facet``: what that facet's
        counts are computed under, so its other values stay visible."""
        return replace(self, **{FACET_FILTERS[facet]: None if facet == "translated" else ()})


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

