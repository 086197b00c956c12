"""The "searched as" line of the results page, with links that edit the query.

Each dictionary translation can be dropped for this search (the link adds
``-~word`` to the query and runs it again); a dropped one can be restored
and a translation the user added (``~word``) removed. The line is built
from the query the engine ran (``SearchResponse.query``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from indexer.interpretation import untranslated
from indexer.languages import language_name
from indexer.query import Clause, ParsedQuery


@dataclass(frozen=True)
class Translation:
    """One translation with the link that drops it."""

    term: str
    score: float
    drop_href: str


@dataclass(frozen=True)
class TermView:
    """A word or phrase of the query and its translations per language."""

    text: str
    prefix: str  # "+", "-", "title:" … as typed
    groups: list[tuple[str, list[Translation]]]  # (language name, translations)


@dataclass(frozen=True)
class InterpretationView:
    """Everything the "searched as" line shows."""

    browse: bool
    terms: list[TermView]
    untranslated: list[str]
    added: list[tuple[str, str]] = field(default_factory=list)  # (word, link that removes it)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (word, link that restores it)
    filters: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def interpretation_view(query: ParsedQuery, url: Any) -> InterpretationView:
    """The view of ``query``; ``url(q=...)`` builds the link that runs an edited query."""
    raw = query.raw
    terms = [_term_view(clause, raw, url) for clause in query.clauses if not clause.literal]
    filters = [f"language: {language_name(code)}" for code in query.languages]
    filters += [f"source: {source}" for source in query.sources]
    return InterpretationView(
        browse=query.browse,
        terms=terms,
        untranslated=untranslated(query),
        added=[(c.text, url(q=without_token(raw, "~", c.text))) for c in query.clauses if c.literal],
        dropped=[(word, url(q=without_token(raw, "-~", word))) for word in query.dropped],
        filters=filters,
        notes=list(query.notes),
    )


def _term_view(clause: Clause, raw: str, url: Any) -> TermView:
    prefix = {"must": "+", "must_not": "-"}.get(clause.occur.value, "")
    if clause.field:
        prefix += f"{clause.field}:"
    groups = []
    for group in clause.translation_groups:
        scores = group.scores if len(group.scores) == len(group.alternatives) else (0.0,) * len(group.alternatives)
        translations = [
            Translation(term, score, url(q=f"{raw} -~{_quoted(term)}"))
            for term, score in zip(group.alternatives, scores)
        ]
        label = language_name(group.language)
        if group.source.lower() != clause.text.lower():
            label += f", as “{group.source}”"
        groups.append((label, translations))
    shown = f"“{clause.text}”" if clause.phrase else clause.text
    return TermView(shown, prefix, groups)


def _quoted(term: str) -> str:
    return f'"{term}"' if " " in term else term


def without_token(raw: str, marker: str, word: str) -> str:
    """``raw`` without the ``~word`` or ``-~word`` token that added or dropped ``word``."""
    sign = r"[+]?" if marker == "~" else ""
    pattern = rf'(?<!\S){sign}{re.escape(marker)}(?:"{re.escape(word)}"|{re.escape(word)})(?!\S)'
    return " ".join(re.sub(pattern, " ", raw, flags=re.IGNORECASE).split())
