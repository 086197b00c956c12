"""Highlights that explain a hit: matched terms, no function words, a match in every snippet."""
from __future__ import annotations

import datetime as dt

import pytest

from indexer.engines.base import Snippet
from indexer.highlight import find_spans, match_window, query_terms, refine
from indexer.query import ParsedQuery, TermGroup, parse_query
from server.interpretation_view import without_token
from server.start_view import human_time


def _marked(snippet: Snippet) -> list[str]:
    return [snippet.text[a:b] for a, b in snippet.spans]


def test_query_terms_are_words_and_translations_without_function_words():
    query = parse_query("the customs -Finland ~Maut")
    customs = query.clauses[1]
    groups = (TermGroup("de", "customs", ("Zoll", "sich", "Zölle")), TermGroup("nl", "customs", ("de douane",)))
    clauses = (query.clauses[0], type(customs)(customs.text, translations=groups), *query.clauses[2:])
    terms = query_terms(ParsedQuery(query.raw, clauses))
    assert terms == ["customs", "Zoll", "Zölle", "douane", "Maut"]


def test_function_words_are_never_marked():
    text = "Die Zölle und die Häfen: sich und uns"
    assert [text[a:b] for a, b in find_spans(text, ["Zölle", "und", "sich", "Häfen"])] == ["Zölle", "Häfen"]
    engine = Snippet(text, ((4, 9), (10, 13), (25, 29)))  # Zölle, und, sich
    assert _marked(refine([engine], text, ["Zölle"])[0]) == ["Zölle"]


def test_a_snippet_without_a_match_becomes_a_window_around_one():
    text = "Lead sentence without anything. " * 20 + "Here the port of Hamburg matters. " + "Tail. " * 40
    lead = Snippet(text[:120])
    window = refine([lead], text, ["port"])[0]
    assert _marked(window) == ["port"] and window.text.startswith("… ") and window.text.endswith(" …")
    assert len(window.text) <= 260
    assert refine([lead], text, ["absent"]) == (lead,), "no match anywhere: the engine's snippet stays"
    assert match_window("short port text", ["port"]) == Snippet("short port text", ((6, 10),))


@pytest.mark.parametrize("raw, marker, word, expected", [
    ("customs -~Sitten ports", "-~", "Sitten", "customs ports"),
    ("customs ~Zoll", "~", "zoll", "customs"),
    ('customs ~"Zoll amt" x', "~", "Zoll amt", "customs x"),
    ("customs -~Zoll", "~", "Zoll", "customs -~Zoll"),  # the drop token is not an addition
])
def test_edit_links_remove_exactly_their_token(raw, marker, word, expected):
    assert without_token(raw, marker, word) == expected


def test_build_time_in_words():
    now = dt.datetime(2026, 11, 29, 23, 10, tzinfo=dt.timezone.utc)
    assert human_time("2026-11-29T22:08:16+00:00", now) == "29 November 2026, 22:08 UTC (1 hour ago)"
    assert human_time("2026-11-27T22:08:16+00:00", now).endswith("(2 days ago)")
    assert human_time(None, now) is None


def test_endings_are_accepted_but_not_other_words_of_a_short_stem():
    text = "Der Konzern und das Konzil; Scanners im Rechenzentrum, ein Scanner"
    marked = [text[a:b] for a, b in find_spans(text, ["konzil", "scanner", "Rechenzentren"])]
    assert marked == ["Konzil", "Scanners", "Rechenzentrum", "Scanner"], "'konzil' (a council) never marks 'Konzern'"
