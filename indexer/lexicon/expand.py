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

``indexer.search`` calls ``expand_request`` once per search, before the
engine: with a lexicon built every search is translated, without one
nothing changes. Weights come from one ``Ranking`` value.
"""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from ..languages import ENGLISH, LANGUAGES, is_function_word
from ..query import Clause, Occur, ParsedQuery, SearchRequest, TermGroup
from ..ranking import DEFAULT_RANKING, Ranking
from . import Lexicon, open_lexicon

logger = logging.getLogger(__name__)

TARGET_LANGUAGES = tuple(code for code in LANGUAGES if code != ENGLISH)  # where a lexicon covers them
MAX_RUN = 3  # longest multiword dictionary entry looked for in a run of words


def translate_query(query: ParsedQuery, lexicon: Lexicon, ranking: Ranking = DEFAULT_RANKING,
                    languages: tuple[str, ...] = TARGET_LANGUAGES) -> ParsedQuery:
    """``query`` with translation groups attached to its clauses, for each of
    ``languages`` that the lexicon translates English into."""
    languages = [lang for lang in languages if lexicon.supports(ENGLISH, lang)]
    clauses = list(query.clauses)
    groups: list[list[TermGroup]] = [[] for _ in clauses]
    for index, clause in enumerate(clauses):
        for language in languages:
            group = _clause_group(clause, lexicon, language, ranking)
            if group:
                groups[index].append(group)
    for index, group in _run_groups(clauses, lexicon, languages, ranking):
        groups[index].append(group)
    groups = [_without_dropped(found, query.dropped) for found in groups]
    if ranking.normalize_languages:
        groups = _normalized(groups)
    translated = tuple(
        dataclasses.replace(clause, translations=tuple(found)) if found else clause
        for clause, found in zip(clauses, groups)
    )
    return dataclasses.replace(query, clauses=translated)


def _without_dropped(found: list[TermGroup], dropped: tuple[str, ...]) -> list[TermGroup]:
    """``found`` without the translations the user dropped (``-~word``, any case)."""
    if not dropped:
        return found
    unwanted = {word.casefold() for word in dropped}
    kept = []
    for group in found:
        scores = group.scores if len(group.scores) == len(group.alternatives) else (0.0,) * len(group.alternatives)
        pairs = [(t, s) for t, s in zip(group.alternatives, scores) if t.casefold() not in unwanted]
        if pairs:
            kept.append(dataclasses.replace(
                group, alternatives=tuple(t for t, _ in pairs), scores=tuple(s for _, s in pairs)
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


def _clause_group(clause: Clause, lexicon: Lexicon, language: str, ranking: Ranking) -> TermGroup | None:
    """The group of one clause: a word's translations, or a phrase's entry."""
    if clause.literal:
        return None  # the user's own translation (~word): searched as written
    limit = ranking.exclude_alternatives if clause.occur is Occur.MUST_NOT else ranking.alternatives
    words = clause.words
    if len(words) == 1:
        word = words[0].lower()
        if is_function_word(word, ENGLISH) or word.isdigit():
            return None
        found = lexicon.translate(word, ENGLISH, language, limit, ranking)
    else:
        found = lexicon.entry(" ".join(words), ENGLISH, language)[:limit]  # a phrase is kept as it is otherwise
    if not found:
        return None
    return _group(language, clause.text, found, ranking)


def _group(language: str, source: str, found, ranking: Ranking) -> TermGroup:
    """A TermGroup of dictionary ``(term, score)`` pairs."""
    return TermGroup(language, source, tuple(t for t, _ in found), ranking.translation_weight,
                     tuple(score for _, score in found))


def _run_groups(clauses: list[Clause], lexicon: Lexicon, languages: list[str], ranking: Ranking):
    """(clause index, group) for runs of plain words that form one dictionary entry."""
    for start in range(len(clauses)):
        for length in range(MAX_RUN, 1, -1):
            run = clauses[start:start + length]
            if len(run) < length or not all(_plain_word(c) for c in run):
                continue
            text = " ".join(c.text.lower() for c in run)
            for language in languages:
                found = lexicon.entry(text, ENGLISH, language)[: ranking.alternatives]
                if found:
                    yield start, _group(language, text, found, ranking)


def _plain_word(clause: Clause) -> bool:
    return (
        clause.occur is Occur.SHOULD and not clause.phrase and not clause.literal
        and clause.field is None and len(clause.words) == 1
    )


def expand_request(request: SearchRequest, data_dir: Path, ranking: Ranking = DEFAULT_RANKING) -> SearchRequest:
    """``request`` with the query's translation groups, when ``data_dir`` has a
    compiled lexicon and ``request.translate`` is set; otherwise unchanged.

    ``indexer.search`` calls this once per search, before any engine sees
    the query, so every engine gets dictionary search the same way.
    """
    if not request.translate:
        return request
    lexicon = open_lexicon(data_dir)
    if lexicon is None:
        return request
    return dataclasses.replace(request, query=translate_query(request.query, lexicon, ranking))
