"""Search parameters -> ``SearchRequest``: the one filter model of the API,
the web UI and the CLI.

Parameters arrive as name -> list of strings (a query string, or the CLI's
options): ``q, lang, source, year, from, to, translated, page, size,
sort``. The query text is never refused (``query.parse_query`` interprets
anything up to its length limit); parameters are checked here and in
``SearchRequest``, and a bad one is a ``BadRequest`` that says what is wrong.
Filters written in the query (``lang:``, ``source:``) join the parameters'
values, as if that facet value had been ticked too.
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from .errors import BadRequest
from .languages import LANGUAGES, language_code
from .query import UNDATED_YEAR, Filters, SearchRequest, date_range, parse_query

PARAMS = ("q", "lang", "source", "year", "from", "to", "translated", "page", "size", "sort")
MAX_FILTER_VALUES = 50
UNDATED = "undated"
_TRUE = {"true", "yes", "1", "on", "translated"}
_FALSE = {"false", "no", "0", "off", "untranslated"}

Params = Mapping[str, Sequence[str]]


def search_request(params: Params) -> SearchRequest:
    """The SearchRequest for ``params``; raise BadRequest saying what is wrong.

    An empty or missing ``q`` browses; browsing sorts newest first unless
    ``sort`` says otherwise.
    """
    query = parse_query(_first(params, "q"))
    filters = Filters(
        languages=_merged(languages(_values(params, "lang")), query.languages),
        sources=_merged(_values(params, "source", split=False), query.sources),  # names may hold commas
        years=tuple(year_value(value) for value in _values(params, "year")),
        dates=date_range(_first(params, "from") or None, _first(params, "to") or None),
        translated=translated_flag(_values(params, "translated")),
    )
    default_sort = "date" if query.browse else "relevance"
    return SearchRequest(
        query,
        filters,
        page=_integer(_first(params, "page") or "1", "page"),
        size=_integer(_first(params, "size") or "10", "size"),
        sort=(_first(params, "sort") or default_sort).strip().lower(),
    )


def languages(values: Sequence[str]) -> tuple[str, ...]:
    """Language codes for codes or names in any case; BadRequest for an unknown one."""
    codes: list[str] = []
    for value in values:
        code = language_code(value)
        if code is None:
            known = ", ".join(sorted(LANGUAGES))
            raise BadRequest(f"unknown language '{value[:40]}': use a code such as {known}")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def year_value(value: str) -> int:
    """A year filter value: a whole year, or ``undated`` for documents without a date."""
    if value.strip().lower() == UNDATED:
        return UNDATED_YEAR
    return _integer(value, "year")


def translated_flag(values: Sequence[str] | str | None) -> bool | None:
    """``true/yes/1`` -> True, ``false/no/0`` -> False; none, ``any``, or both -> None."""
    if isinstance(values, str) or values is None:
        values = [values] if values else []
    flags = set()
    for value in values:
        lowered = value.strip().lower()
        if lowered in ("", "any"):
            continue
        if lowered not in _TRUE | _FALSE:
            raise BadRequest(f"translated must be true or false, not '{value[:40]}'")
        flags.add(lowered in _TRUE)
    return flags.pop() if len(flags) == 1 else None


def _first(params: Params, name: str) -> str:
    values = params.get(name) or []
    return values[0] if values else ""


def _values(params: Params, name: str, split: bool = True) -> tuple[str, ...]:
    """Repeated values, and with ``split`` comma-separated ones (``lang=de,nl``)."""
    parts = [v for item in params.get(name) or [] for v in (item.split(",") if split else [item])]
    values = tuple(v.strip() for v in parts if v.strip())
    if len(values) > MAX_FILTER_VALUES:
        raise BadRequest(f"at most {MAX_FILTER_VALUES} values for '{name}'")
    return values


def _merged(first: Sequence[str], second: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))


def _integer(value: str, name: str) -> int:
    value = value.strip()
    if not re.fullmatch(r"-?\d{1,9}", value):
        raise BadRequest(f"{name} must be a whole number, not '{value[:40]}'")
    return int(value)
