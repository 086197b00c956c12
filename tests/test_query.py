"""Query syntax and request validation (backend-neutral)."""
from __future__ import annotations

import datetime as dt

import pytest

from indexer.errors import BadRequest, QuerySyntaxError
from indexer.query import Occur, SearchRequest, date_range, parse_query

S, M, N = Occur.SHOULD, Occur.MUST, Occur.MUST_NOT


@pytest.mark.parametrize(
    "text, expected",
    [
        ("legal framework", [("legal", S, False), ("framework", S, False)]),
        ("+Nuctech douane", [("Nuctech", M, False), ("douane", S, False)]),
        ("Huawei -Duisburg", [("Huawei", S, False), ("Duisburg", N, False)]),
        ('"legal framework" EU', [("legal framework", S, True), ("EU", S, False)]),
        ('-"Top News" Alibaba', [("Top News", N, True), ("Alibaba", S, False)]),
        ("Huawei AND Duisburg", [("Huawei", M, False), ("Duisburg", M, False)]),
        ("Huawei OR Alibaba", [("Huawei", S, False), ("Alibaba", S, False)]),
        ("a AND b OR c", [("a", M, False), ("b", M, False), ("c", S, False)]),
        ("TP-Link", [("TP-Link", S, True)]),
        ("democracy's march", [("democracy", S, False), ("march", S, False)]),  # the possessive goes
        ("Nuctech’s O'Neill", [("Nuctech", S, False), ("O'Neill", S, True)]),
        ('"democracy\'s march"', [("democracy's march", S, True)]),  # not inside quotes
        ("Häfen & Zoll,", [("Häfen", S, False), ("Zoll", S, False)]),
        ("and or", [("and", S, False), ("or", S, False)]),  # lower case words are words
    ],
)
def test_parse(text: str, expected: list) -> None:
    clauses = parse_query(text).clauses
    assert [(c.text, c.occur, c.phrase) for c in clauses] == expected


@pytest.mark.parametrize(
    "text, expected, note",
    [
        ('"unterminated phrase', [("unterminated", S, False), ("phrase", S, False)], "unmatched"),
        ('has left Dragons" Den star', [("has", S, False), ("left", S, False), ("Dragons", S, False),
                                        ("Den", S, False), ("star", S, False)], "unmatched"),
        ('"a b" c "d', [("a b", S, True), ("c", S, False), ("d", S, False)], "unmatched"),
        ("AND Huawei", [("Huawei", S, False)], "'AND' without a word on its left"),
        ("Huawei AND", [("Huawei", M, False)], "'AND' without a word on its right"),
        ("Huawei OR", [("Huawei", S, False)], None),
        ("NOT Huawei Alibaba", [("Huawei", N, False), ("Alibaba", S, False)], None),
        ("Nuc*", [("Nuc", S, False)], "wildcards are not supported"),
        ("+ - ~ && ,,, —", [], None),
        ("-- -Huawei", [("Huawei", N, False)], None),
        ("10:30 http://example.org", [("10:30", S, True), ("http://example.org", S, True)], None),
        ('foo:"a b"', [("foo", S, False), ("a b", S, True)], None),
        ("lang:xx Huawei", [("Huawei", S, False)], "unknown language 'xx'"),
        ("-source:Reuters x", [("x", S, False)], "excluding a source is not supported"),
    ],
)
def test_user_text_is_interpreted_never_refused(text: str, expected: list, note: str | None) -> None:
    query = parse_query(text)
    assert [(c.text, c.occur, c.phrase) for c in query.clauses] == expected
    if note is None:
        assert not query.notes, query.notes
    else:
        assert any(note in n for n in query.notes), query.notes


@pytest.mark.parametrize("text", ["", "   ", "*", " * ", "-Huawei", "&&& ,,,", '""'])
def test_nothing_to_search_for_browses(text: str) -> None:
    query = parse_query(text)
    assert query.browse and not query.positive


def test_fields_filters_and_translation_edits() -> None:
    query = parse_query('title:Nuctech +title:"trade war" source:reuters source:"Der Spiegel" lang:DE,dutch '
                        "customs -~Sitten ~Zoll")
    assert [(c.text, c.occur, c.field, c.literal) for c in query.clauses] == [
        ("Nuctech", S, "title", False), ("trade war", M, "title", False),
        ("customs", S, None, False), ("Zoll", S, None, True),
    ]
    assert query.languages == ("de", "nl") and query.sources == ("reuters", "Der Spiegel")
    assert query.dropped == ("Sitten",) and not query.notes


def test_only_the_length_limit_is_an_error() -> None:
    with pytest.raises(QuerySyntaxError, match="longer than 1000"):
        parse_query("x" * 1001)
    assert parse_query('"' * 1000).browse


@pytest.mark.parametrize(
    "page, size, sort, message",
    [(0, 10, "relevance", "page"), (1, 101, "relevance", "size"), (101, 100, "relevance", "10000"), (1, 10, "random", "sort")],
)
def test_request_limits(page: int, size: int, sort: str, message: str) -> None:
    with pytest.raises(BadRequest, match=message):
        SearchRequest(parse_query("x"), page=page, size=size, sort=sort)


def test_request_window_edge_is_allowed() -> None:
    assert SearchRequest(parse_query("x"), page=100, size=100).offset == 9900


@pytest.mark.parametrize(
    "low, high, start, end",
    [
        ("2020", "2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        ("2020-02", "2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        ("2020-06-14", None, dt.date(2020, 6, 14), None),
    ],
)
def test_date_range(low: str, high: str | None, start: dt.date, end: dt.date | None) -> None:
    assert date_range(low, high) == type(date_range(None, None))(start, end)


@pytest.mark.parametrize("low, high", [("2020-13", None), ("yesterday", None), ("2021", "2020"), ("2020-02-30", None)])
def test_bad_dates(low: str, high: str | None) -> None:
    with pytest.raises(BadRequest):
        date_range(low, high)
