"""English query -> per-term synonym groups in German and Dutch (no MT model).

Each English word (or quoted phrase, or two- and three-word run that the
dictionary knows as one entry, such as ``department store``) gets, per
document language, a ``TermGroup`` of its best dictionary translations.
The original clauses stay as they are, so names and numbers still match
every field; ``-exclude`` clauses get groups too, so an exclusion applies
to the original-language fields as well. Engines render each group as one
weighted unit (Pirkola's structured queries).

Which translations a group keeps, and how much each counts within it,
depends on the collection and on the query's other words when the reindex
wrote collection statistics (``context.py``): ``port`` next to ``customs``
means ``Hafen``, not ``Anschluss``. Function words never translate
(``languages.py``). Each plain word also gets a cognate group: its
spelling key (``language/cognates.py``), which finds ``Commissie`` for
``Commission`` without any dictionary entry.

Engines call ``with_translations`` at the start of ``search``: with a
lexicon built every search is translated, without one nothing changes.
"""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from ..language.cognates import COGNATE, cognate_key
from ..languages import ENGLISH, LANGUAGES, is_function_word
from ..query import Clause, Occur, ParsedQuery, SearchRequest, TermGroup
from . import Lexicon, open_lexicon
from .context import CollectionStatistics, Unit, open_statistics, rank_candidates
from .store import Translations

logger = logging.getLogger(__name__)

TARGET_LANGUAGES = tuple(code for code in LANGUAGES if code != ENGLISH)  # where a lexicon covers them
# Chosen on the tuning half of shared/clir-dev (bench/clir_quality.py --tune),
# fusion MRR@10 with gloss boost 1.0: 2 / 4 / 6 translations -> 0.939 / 0.940 /
# 0.946; group weight 0.25 / 0.5 / 1.0 -> 0.935 / 0.946 / 0.927.
MAX_ALTERNATIVES = 6  # translations per term
CANDIDATES = 12  # translations looked at per term before the context chooses
EXCLUDE_ALTERNATIVES = 2  # an exclusion removes only what clearly translates the word
TRANSLATION_WEIGHT = 0.5  # weight of a translation group next to its English clause
MAX_RUN = 3  # longest multiword dictionary entry looked for in a run of words
# Per-language score normalisation: German and Dutch documents compete in one
# list, and the Dutch lexicon covers fewer query words, so a Dutch document can
# match fewer translation groups. With this on, each language's groups are
# scaled by (words translated into the best-covered language) / (words
# translated into this language). On clir-dev's tuning half: MRR@10 0.946 with,
# 0.944 without (a small gain; see bench/clir_quality.py for both halves).
NORMALIZE_LANGUAGES = True
CONTEXT_WEIGHT = 8.0  # how much co-occurrence with the other words' translations counts (context.py)
COGNATE_WEIGHT = 0.3  # weight of a word's cognate key group (language/cognates.py); 0: off
RUN_MEMBER_WEIGHT = 0.5  # a word's own group, inside a run the collection has as one entry


@dataclasses.dataclass(frozen=True)
class TranslationOptions:
    """How queries are translated (defaults: the tuned values above)."""

    languages: tuple[str, ...] = TARGET_LANGUAGES
    alternatives: int = MAX_ALTERNATIVES
    weight: float = TRANSLATION_WEIGHT
    phrases: bool = True  # look runs of words up as multiword entries
    normalize: bool = NORMALIZE_LANGUAGES
    context: float = CONTEXT_WEIGHT  # used when collection statistics exist
    weighted: bool = True  # context scores weight the translations within a group
    cognates: float = COGNATE_WEIGHT
    run_members: float = RUN_MEMBER_WEIGHT


@dataclasses.dataclass(frozen=True)
class _Found:
    """The candidates of one clause or run in one language, before the context chooses."""

    index: int  # the clause the group is attached to
    source: str
    unit: Unit
    limit: int


def translate_query(query: ParsedQuery, lexicon: Lexicon, options: TranslationOptions = TranslationOptions(),
                    statistics: CollectionStatistics | None = None) -> ParsedQuery:
    """``query`` with translation groups attached to its clauses.

    With collection ``statistics`` each word's translations are ranked and
    weighted by the collection and the query's other words (``context.py``);
    without, by the dictionary alone.
    """
    languages = [lang for lang in options.languages if lexicon.supports("en", lang)]
    clauses = list(query.clauses)
    groups: list[list[TermGroup]] = [[] for _ in clauses]
    for language in languages:
        found = list(_clause_units(clauses, lexicon, language, options.alternatives))
        if options.phrases:
            found += _run_units(clauses, lexicon, language, options.alternatives)
        ranked = [r[: item.limit] for item, r in zip(found, _ranked(clauses, found, statistics, language, options))]
        covered = _covered_by_runs(found, ranked, statistics, language)
        for item, kept in zip(found, ranked):
            weights = tuple(round(w, 3) for _, w in kept) if statistics is not None and options.weighted else ()
            weight = options.weight * (options.run_members if item.index in covered and len(item.unit.span) == 1 else 1.0)
            groups[item.index].append(TermGroup(language, item.source, tuple(t for t, _ in kept), weight, weights))
    if options.normalize:
        groups = _normalized(groups)
    if options.cognates > 0:
        for index, clause in enumerate(clauses):
            groups[index] += _cognate_groups(clause, options.cognates)
    translated = tuple(
        dataclasses.replace(clause, translations=tuple(found)) if found else clause
        for clause, found in zip(clauses, groups)
    )
    return dataclasses.replace(query, clauses=translated)


def _ranked(clauses: list[Clause], found: list[_Found], statistics: CollectionStatistics | None,
            language: str, options: TranslationOptions) -> list[Translations]:
    """Candidates per unit, best first: in context when there are statistics."""
    if statistics is None:
        return [item.unit.candidates for item in found]
    own = {
        index: statistics.documents_with(clause.text, language)
        for index, clause in enumerate(clauses)
        if clause.occur is not Occur.MUST_NOT and not is_function_word(clause.text.lower(), "en")
    }
    return rank_candidates([item.unit for item in found], own, statistics, language, options.context,
                           options.alternatives)


def _covered_by_runs(found: list[_Found], ranked: list[Translations], statistics: CollectionStatistics | None,
                     language: str) -> set[int]:
    """Clauses inside a run whose dictionary entry the collection has
    (``data centres`` -> ``Rechenzentren``): their word-by-word translations
    (``Daten``, ``Zentrum``) are then the less likely reading."""
    if statistics is None:
        return set()
    covered: set[int] = set()
    for item, kept in zip(found, ranked):
        if len(item.unit.span) > 1 and kept and statistics.documents_with(kept[0][0], language):
            covered |= item.unit.span
    return covered


def _cognate_groups(clause: Clause, weight: float) -> list[TermGroup]:
    """The cognate key group of a plain word (none for phrases and exclusions)."""
    if clause.occur is Occur.MUST_NOT or clause.phrase or len(clause.words) != 1:
        return []
    word = clause.words[0].lower()
    key = None if is_function_word(word, "en") else cognate_key(word)
    return [TermGroup(COGNATE, clause.text, (key,), weight)] if key else []


def _normalized(groups: list[list[TermGroup]]) -> list[list[TermGroup]]:
    """Scale each language's groups so that every language can reach the same total."""
    covered: dict[str, int] = {}
    for found in groups:
        for language in {g.language for g in found}:
            covered[language] = covered.get(language, 0) + 1
    if len(covered) < 2:
        return groups
    best = max(covered.values())
    return [
        [dataclasses.replace(g, weight=g.weight * best / covered[g.language]) for g in found]
        for found in groups
    ]


def _clause_units(clauses: list[Clause], lexicon: Lexicon, language: str, alternatives: int):
    """The candidates of each clause: a word's translations, or a phrase's entry."""
    for index, clause in enumerate(clauses):
        limit = EXCLUDE_ALTERNATIVES if clause.occur is Occur.MUST_NOT else alternatives
        words = clause.words
        if len(words) == 1:
            word = words[0].lower()
            if is_function_word(word, "en") or word.isdigit():
                continue
            candidates = lexicon.translate(word, "en", language, CANDIDATES)
        else:
            candidates = lexicon.entry(" ".join(words), "en", language)[:CANDIDATES]  # a phrase is kept as it is otherwise
        if candidates:
            yield _Found(index, clause.text, Unit(frozenset([index]), candidates), limit)


def _run_units(clauses: list[Clause], lexicon: Lexicon, language: str, alternatives: int):
    """Runs of plain words that form one dictionary entry (``data centres``)."""
    for start in range(len(clauses)):
        for length in range(MAX_RUN, 1, -1):
            run = clauses[start:start + length]
            if len(run) < length or not all(_plain_word(c) for c in run):
                continue
            text = " ".join(c.text.lower() for c in run)
            candidates = lexicon.entry(text, "en", language)[:CANDIDATES]
            if candidates:
                span = frozenset(range(start, start + length))
                yield _Found(start, text, Unit(span, candidates), alternatives)


def _plain_word(clause: Clause) -> bool:
    return clause.occur is Occur.SHOULD and not clause.phrase and len(clause.words) == 1


def with_translations(request: SearchRequest, data_dir: Path) -> SearchRequest:
    """``request`` with the query's translation groups, when ``data_dir`` has a
    compiled lexicon and ``request.translate`` is set; otherwise unchanged.

    Every engine calls this first in ``search``, so the CLI and the server
    need not know about lexicons. A query that already carries groups is
    kept as it is: a caller with other ``TranslationOptions`` (the CLIR
    bench) translates it with ``translate_query`` itself.
    """
    if not request.translate or any(c.translations for c in request.query.clauses):
        return request
    lexicon = open_lexicon(data_dir)
    if lexicon is None:
        return request
    query = translate_query(request.query, lexicon, statistics=open_statistics(data_dir))
    return dataclasses.replace(request, query=query)
