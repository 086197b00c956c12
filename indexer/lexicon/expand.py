"""English query -> per-term synonym groups in German and Dutch (no MT model).

Each English word (or quoted phrase, or two- and three-word run that the
dictionary knows as one entry, such as ``department store``) gets, per
document language, a ``TermGroup`` of its best dictionary translations.
The original clauses stay as they are, so names and numbers still match
every field; ``-exclude`` clauses get groups too (as many translations as
included words, ``Ranking.exclude_alternatives``), so an exclusion applies
to the original-language fields as well. Engines render each group as one
weighted unit (Pirkola's structured queries). A clause the user marked as
a translation (``~word``) is not translated again, and translations the
user dropped (``-~word``) are removed from every group.

Which translations a group keeps, and how much each counts within it,
depends on the collection and on the query's other words when the reindex
wrote collection statistics (``context.py``): ``port`` next to ``customs``
means ``Hafen``, not ``Anschluss``. Function words never translate (the
language table). Each plain word also gets a cognate group: its spelling
key (``language/cognates.py``), which finds ``Commissie`` for
``Commission`` without any dictionary entry.

``indexer.search`` calls ``expand_request`` once per search, before the
engine: with a lexicon built every search is translated, without one
nothing changes. Weights come from one ``Ranking`` value.
"""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Iterator

from ..language.cognates import COGNATE, cognate_key
from ..languages import ENGLISH, LANGUAGES, is_function_word
from ..query import Clause, Occur, ParsedQuery, SearchRequest, TermGroup
from ..ranking import DEFAULT_RANKING, Ranking
from . import Lexicon, open_lexicon
from .context import CollectionStatistics, Unit, open_statistics, rank_candidates
from .store import Translations

logger = logging.getLogger(__name__)

TARGET_LANGUAGES = tuple(code for code in LANGUAGES if code != ENGLISH)  # where a lexicon covers them
MAX_RUN = 3  # longest multiword dictionary entry looked for in a run of words


@dataclasses.dataclass(frozen=True)
class _Found:
    """The candidates of one clause or run in one language, before the context chooses."""

    index: int  # the clause the group is attached to
    source: str
    unit: Unit
    limit: int


def translate_query(query: ParsedQuery, lexicon: Lexicon, ranking: Ranking = DEFAULT_RANKING,
                    languages: tuple[str, ...] = TARGET_LANGUAGES,
                    statistics: CollectionStatistics | None = None) -> ParsedQuery:
    """``query`` with translation groups attached to its clauses, for each of
    ``languages`` that the lexicon translates English into.

    With collection ``statistics`` each word's translations are ranked and
    weighted by the collection and the query's other words (``context.py``);
    without, by the dictionary alone.
    """
    languages = [lang for lang in languages if lexicon.supports(ENGLISH, lang)]
    clauses = list(query.clauses)
    groups: list[list[TermGroup]] = [[] for _ in clauses]
    for language in languages:
        found = [*_clause_units(clauses, lexicon, language, ranking), *_run_units(clauses, lexicon, language, ranking)]
        ranked = [r[: item.limit] for item, r in zip(found, _ranked(clauses, found, statistics, language, ranking))]
        covered = _covered_by_runs(found, ranked, statistics, language)
        for item, kept in zip(found, ranked):
            member = item.index in covered and len(item.unit.span) == 1
            weight = ranking.translation_weight * (ranking.run_member_weight if member else 1.0)
            weighted = statistics is not None and ranking.weighted_alternatives
            groups[item.index].append(_group(language, item, kept, weight, weighted))
    groups = [_without_dropped(found, query.dropped) for found in groups]
    if ranking.normalize_languages:
        groups = _normalized(groups)
    if ranking.cognate_weight > 0:
        for index, clause in enumerate(clauses):
            groups[index] += _cognate_groups(clause, ranking.cognate_weight)
    translated = tuple(
        dataclasses.replace(clause, translations=tuple(found)) if found else clause
        for clause, found in zip(clauses, groups)
    )
    return dataclasses.replace(query, clauses=translated)


def _group(language: str, item: _Found, kept: Translations, weight: float, weighted: bool) -> TermGroup:
    """The TermGroup of the translations ``kept`` for ``item``: their
    dictionary scores (for showing the interpretation) and, when chosen in
    context, their weights within the group."""
    dictionary = dict(item.unit.candidates)
    return TermGroup(
        language, item.source, tuple(t for t, _ in kept), weight,
        scores=tuple(dictionary[t] for t, _ in kept),
        weights=tuple(round(w, 3) for _, w in kept) if weighted else (),
    )


def _without_dropped(found: list[TermGroup], dropped: tuple[str, ...]) -> list[TermGroup]:
    """``found`` without the translations the user dropped (``-~word``, any case)."""
    if not dropped:
        return found
    unwanted = {word.casefold() for word in dropped}
    kept = []
    for group in found:
        scores = group.scores if len(group.scores) == len(group.alternatives) else (0.0,) * len(group.alternatives)
        rows = [row for row in zip(group.alternatives, scores, (w for _, w in group.weighted))
                if row[0].casefold() not in unwanted]
        if rows:
            kept.append(dataclasses.replace(
                group, alternatives=tuple(r[0] for r in rows), scores=tuple(r[1] for r in rows),
                weights=tuple(r[2] for r in rows) if group.weights else (),
            ))
    return kept


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


def _ranked(clauses: list[Clause], found: list[_Found], statistics: CollectionStatistics | None,
            language: str, ranking: Ranking) -> list[Translations]:
    """Candidates per unit, best first: in context when there are statistics."""
    if statistics is None:
        return [item.unit.candidates for item in found]
    own = {
        index: statistics.documents_with(clause.text, language)
        for index, clause in enumerate(clauses)
        if clause.occur is not Occur.MUST_NOT and not is_function_word(clause.text.lower(), ENGLISH)
    }
    return rank_candidates([item.unit for item in found], own, statistics, language, ranking)


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
    """The cognate key group of a word (none for phrases, exclusions, ``~word`` and ``title:``)."""
    if clause.occur is Occur.MUST_NOT or clause.phrase or clause.literal or clause.field or len(clause.words) != 1:
        return []  # a title: clause searches titles only; the keys are of the whole text
    word = clause.words[0].lower()
    key = None if is_function_word(word, ENGLISH) else cognate_key(word)
    return [TermGroup(COGNATE, clause.text, (key,), weight)] if key else []


def _clause_units(clauses: list[Clause], lexicon: Lexicon, language: str, ranking: Ranking) -> Iterator[_Found]:
    """The candidates of each clause: a word's translations, or a phrase's entry."""
    for index, clause in enumerate(clauses):
        if clause.literal:
            continue  # the user's own translation (~word): searched as written
        limit = ranking.exclude_alternatives if clause.occur is Occur.MUST_NOT else ranking.alternatives
        words = clause.words
        if len(words) == 1:
            word = words[0].lower()
            if is_function_word(word, ENGLISH) or word.isdigit():
                continue
            candidates = lexicon.translate(word, ENGLISH, language, ranking.candidates, ranking)
        else:  # a phrase is kept as it is otherwise
            candidates = lexicon.entry(" ".join(words), ENGLISH, language)[: ranking.candidates]
        if candidates:
            yield _Found(index, clause.text, Unit(frozenset([index]), candidates), limit)


def _run_units(clauses: list[Clause], lexicon: Lexicon, language: str, ranking: Ranking) -> Iterator[_Found]:
    """Runs of plain words that form one dictionary entry (``data centres``)."""
    for start in range(len(clauses)):
        for length in range(MAX_RUN, 1, -1):
            run = clauses[start:start + length]
            if len(run) < length or not all(_plain_word(c) for c in run):
                continue
            text = " ".join(c.text.lower() for c in run)
            candidates = lexicon.entry(text, ENGLISH, language)[: ranking.candidates]
            if candidates:
                span = frozenset(range(start, start + length))
                yield _Found(start, text, Unit(span, candidates), ranking.alternatives)


def _plain_word(clause: Clause) -> bool:
    return (
        clause.occur is Occur.SHOULD and not clause.phrase and not clause.literal
        and clause.field is None and len(clause.words) == 1
    )


def expand_request(request: SearchRequest, data_dir: Path, ranking: Ranking = DEFAULT_RANKING) -> SearchRequest:
    """``request`` with the query's translation groups, when ``data_dir`` has a
    compiled lexicon and ``request.translate`` is set; otherwise unchanged.

    ``indexer.search`` calls this once per search, before any engine sees
    the query, so every engine gets dictionary search the same way; the
    collection statistics of the last reindex, when written, choose the
    translations in context.
    """
    if not request.translate:
        return request
    lexicon = open_lexicon(data_dir)
    if lexicon is None:
        return request
    query = translate_query(request.query, lexicon, ranking, statistics=open_statistics(data_dir))
    return dataclasses.replace(request, query=query)
