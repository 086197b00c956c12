"""How a query was interpreted: what the API returns under ``interpretation``,
what ``search -vv`` logs and what the results page shows.

Built from the query the engine actually ran (after dictionary query
translation, ``indexer.lexicon.expand``): per word or phrase, how it must
occur and its translations per language with their dictionary scores;
which words had no translation; the translations the user dropped
(``-~word``) or added (``~word``); filters written in the query; and notes
on anything ignored (an unmatched quote, a wildcard, a stray operator).
"""
from __future__ import annotations

from typing import Any

from .languages import ENGLISH, is_function_word
from .query import Clause, ParsedQuery


def interpretation_json(query: ParsedQuery) -> dict[str, Any]:
    """The ``interpretation`` object of ``GET /api/search``."""
    return {
        "browse": query.browse,
        "terms": [_term_json(clause) for clause in query.clauses],
        "untranslated": untranslated(query),
        "added": [c.text for c in query.clauses if c.literal],
        "dropped": list(query.dropped),
        "filters": {"lang": list(query.languages), "source": list(query.sources)},
        "notes": list(query.notes),
    }


def _term_json(clause: Clause) -> dict[str, Any]:
    return {
        "text": clause.text,
        "occur": clause.occur.value,
        "phrase": clause.phrase,
        "field": clause.field,
        "added": clause.literal,
        "translations": [
            {
                "language": group.language,
                "source": group.source,
                "weight": round(group.weight, 4),
                "terms": [
                    {"term": term, "score": round(score, 4)}
                    for term, score in zip(group.alternatives, _scores(group.scores, group.alternatives))
                ],
            }
            for group in clause.translation_groups
        ],
    }


def _scores(scores: tuple[float, ...], alternatives: tuple[str, ...]) -> tuple[float, ...]:
    return scores if len(scores) == len(alternatives) else (0.0,) * len(alternatives)


def untranslated(query: ParsedQuery) -> list[str]:
    """Words and phrases the dictionaries gave no translation for (function
    words and numbers, which are never translated, are not listed)."""
    return [
        c.text for c in query.clauses
        if not c.translation_groups and not c.literal and not _never_translated(c)
    ]


def _never_translated(clause: Clause) -> bool:
    words = clause.words
    return len(words) == 1 and (words[0].isdigit() or is_function_word(words[0].lower(), ENGLISH))


def interpretation_text(query: ParsedQuery) -> str:
    """One line for logs and the terminal: ``customs → de: Zoll, Zölle; ports → …``."""
    parts = []
    for clause in query.clauses:
        sign = {"must": "+", "must_not": "-"}.get(clause.occur.value, "")
        shown = f'"{clause.text}"' if clause.phrase else clause.text
        groups = "; ".join(f"{g.language}: {', '.join(g.alternatives)}" for g in clause.translation_groups)
        parts.append(f"{sign}{shown} → {groups}" if groups else f"{sign}{shown}")
    text = " | ".join(parts) or "(browse everything)"
    if query.dropped:
        text += f" | dropped: {', '.join(query.dropped)}"
    return text
