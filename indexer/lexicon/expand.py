"""English query -> per-term synonym groups in German and Dutch (no MT model).

Each English word (or quoted phrase, or two- and three-word run that the
dictionary knows as one entry, such as ``department store``) gets, per
document language, a ``TermGroup`` of its best dictionary translations.
The original clauses stay as they are, so names and numbers still match
every field; ``-exclude`` clauses get groups too, so an exclusion applies
to the original-language fields as well. Engines render each group as one
weighted unit (Pirkola's structured queries).

Engines call ``with_translations`` at the start of ``search``: with a
lexicon built every search is translated, without one nothing changes.
"""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from ..languages import ENGLISH, LANGUAGES, is_function_word
from ..query import Clause, Occur, ParsedQuery, SearchRequest, TermGroup
from . import Lexicon, open_lexicon

logger = logging.getLogger(__name__)

TARGET_LANGUAGES = tuple(code for code in LANGUAGES if code != ENGLISH)  # where a lexicon covers them
# Chosen on the tuning half of shared/clir-dev (bench/clir_quality.py --tune),
# fusion MRR@10 with gloss boost 1.0: 2 / 4 / 6 translations -> 0.939 / 0.940 /
# 0.946; group weight 0.25 / 0.5 / 1.0 -> 0.935 / 0.946 / 0.927.
MAX_ALTERNATIVES = 6  # translations per term
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


@dataclasses.dataclass(frozen=True)
class TranslationOptions:
    """How queries are translated (defaults: the tuned values above)."""

    languages: tuple[str, ...] = TARGET_LANGUAGES
    alternatives: int = MAX_ALTERNATIVES
    weight: float = TRANSLATION_WEIGHT
    phrases: bool = True  # look runs of words up as multiword entries
    normalize: bool = NORMALIZE_LANGUAGES


def translate_query(query: ParsedQuery, lexicon: Lexicon, options: TranslationOptions = TranslationOptions()) -> ParsedQuery:
    """``query`` with translation groups attached to its clauses."""
    languages = [lang for lang in options.languages if lexicon.supports("en", lang)]
    clauses = list(query.clauses)
    groups: list[list[TermGroup]] = [[] for _ in clauses]
    for index, clause in enumerate(clauses):
        for language in languages:
            group = _clause_group(clause, lexicon, language, options)
            if group:
                groups[index].append(group)
    if options.phrases:
        for index, group in _run_groups(clauses, lexicon, languages, options):
            groups[index].append(group)
    if options.normalize:
        groups = _normalized(groups)
    translated = tuple(
        dataclasses.replace(clause, translations=tuple(found)) if found else clause
        for clause, found in zip(clauses, groups)
    )
    return dataclasses.replace(query, clauses=translated)


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


def _clause_group(clause: Clause, lexicon: Lexicon, language: str, options: TranslationOptions) -> TermGroup | None:
    """The group of one clause: a word's translations, or a phrase's entry."""
    limit = EXCLUDE_ALTERNATIVES if clause.occur is Occur.MUST_NOT else options.alternatives
    words = clause.words
    if len(words) == 1:
        word = words[0].lower()
        if is_function_word(word, "en") or word.isdigit():
            return None
        found = lexicon.translate(word, "en", language, limit)
    else:
        found = lexicon.entry(" ".join(words), "en", language)[:limit]  # a phrase is kept as it is otherwise
    if not found:
        return None
    return TermGroup(language, clause.text, tuple(term for term, _ in found), options.weight)


def _run_groups(clauses: list[Clause], lexicon: Lexicon, languages: list[str], options: TranslationOptions):
    """(clause index, group) for runs of plain words that form one dictionary entry."""
    for start in range(len(clauses)):
        for length in range(MAX_RUN, 1, -1):
            run = clauses[start:start + length]
            if len(run) < length or not all(_plain_word(c) for c in run):
                continue
            text = " ".join(c.text.lower() for c in run)
            for language in languages:
                found = lexicon.entry(text, "en", language)[: options.alternatives]
                if found:
                    yield start, TermGroup(language, text, tuple(t for t, _ in found), options.weight)


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
    return dataclasses.replace(request, query=translate_query(request.query, lexicon))
