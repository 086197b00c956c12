"""View models for the filters of the search page: facet checkboxes and
active-filter chips (Aleph/Datashare style, no scripts).

Facets are one form of real checkboxes with an Apply button: values within
a facet are OR-ed, facets AND-ed, and each facet's counts ignore its own
selection (the engines do that), so the values not chosen stay visible
with their counts. Every active filter is also a chip that removes it, and
"Clear all" removes them all but keeps the query. What is ticked comes from
the request's parameters; filters written in the query (``lang:de``) are
shown by the interpretation line instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MultiDict

from indexer.engines.base import FACETS, UNDATED, FacetValue
from indexer.languages import language_name
from indexer.params import search_request
from indexer.query import Filters

FACET_PARAMS = {"language": "lang", "source": "source", "year": "year", "translated": "translated"}
FACET_TITLES = {"language": "Language", "source": "Source", "year": "Year", "translated": "Translation"}
FILTER_PARAMS = ("lang", "source", "year", "from", "to", "translated")


@dataclass(frozen=True)
class FacetOption:
    """One facet value as a checkbox."""

    param: str
    value: str  # the parameter value the checkbox submits
    label: str
    count: int
    checked: bool
    dom_id: str


@dataclass(frozen=True)
class FacetGroup:
    """One facet: its checkboxes, ticked ones first."""

    name: str
    title: str
    options: list[FacetOption]


@dataclass(frozen=True)
class Chip:
    """An active filter and the link that removes it."""

    label: str
    href: str


def chosen_filters(args: MultiDict) -> Filters:
    """The filters the request's parameters select (not those written in ``q``)."""
    params = {name: args.getlist(name) for name in FILTER_PARAMS}
    return search_request(params).filters


def facet_groups(chosen: Filters, facets: dict[str, tuple[FacetValue, ...]]) -> list[FacetGroup]:
    """A FacetGroup per facet; a ticked value without hits stays, to be untickable."""
    groups = []
    for name in FACETS:
        param = FACET_PARAMS[name]
        ticked = {value.casefold(): value for value in _ticked(chosen, name)}  # sources match in any case
        values = [(v.value, v.count) for v in facets.get(name, ())]
        shown = {value.casefold() for value, _ in values}
        values += [(value, 0) for key, value in ticked.items() if key not in shown]
        options = [
            FacetOption(param, _param_value(name, value), facet_label(name, value), count,
                        value.casefold() in ticked, f"f-{param}-{index}")
            for index, (value, count) in enumerate(values)
        ]
        if name == "year":  # newest year first, undated last
            options.sort(key=lambda option: -int(option.value) if option.value.isdigit() else 1)
        options.sort(key=lambda option: not option.checked)
        groups.append(FacetGroup(name, FACET_TITLES[name], options))
    return groups


def chips(args: MultiDict, chosen: Filters, url: Any) -> tuple[list[Chip], str | None]:
    """Chips for every active parameter filter and the "clear all" link
    (None without filters); ``url(**changes)`` builds a search link."""
    found: list[Chip] = []
    for name in FACETS:
        param = FACET_PARAMS[name]
        ticked = _ticked(chosen, name)
        for value in ticked:
            rest = [_param_value(name, v) for v in ticked if v != value]
            found.append(Chip(f"{FACET_TITLES[name]}: {facet_label(name, value)}", url(**{param: rest})))
    for param, label in (("from", "From"), ("to", "To")):
        if (args.get(param) or "").strip():
            found.append(Chip(f"{label}: {args.get(param)}", url(**{param: None})))
    clear = url(**{param: None for param in FILTER_PARAMS}) if found else None
    return found, clear


def _ticked(filters: Filters, name: str) -> list[str]:
    """Selected values as the facets report them ("yes"/"no", years as text)."""
    if name == "translated":
        return [] if filters.translated is None else ["yes" if filters.translated else "no"]
    if name == "year":
        return [UNDATED if year == 0 else str(year) for year in filters.years]
    return list(filters.languages if name == "language" else filters.sources)


def _param_value(name: str, value: str) -> str:
    if name == "translated":
        return {"yes": "true", "no": "false"}.get(value, value)
    return value


def facet_label(name: str, value: str) -> str:
    """What a facet value is called on the page."""
    if name == "language":
        return language_name(value)
    if name == "translated":
        return {"yes": "translated", "no": "untranslated"}.get(value, value)
    return value or "unknown source"
