"""The start page: what the collection holds, and ways into it.

The build time in words people read, the newest documents, and the
collection's languages, sources and years as links that browse them
(an empty query browses, newest first).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from indexer.document import Document
from indexer.engines.base import IndexStats, SearchResponse
from indexer.languages import language_name

BROWSE_FACETS = (("language", "lang", "Languages"), ("source", "source", "Sources"), ("year", "year", "Years"))


@dataclass(frozen=True)
class Entry:
    """A facet value of the whole collection as a browse link."""

    label: str
    count: int
    href: str


@dataclass(frozen=True)
class StartView:
    """What the start page shows below the search box."""

    stats: IndexStats
    built: str | None
    newest: list[Document]
    browse: list[tuple[str, list[Entry]]]  # (title, entries)


def start_view(stats: IndexStats, newest: SearchResponse, now: dt.datetime | None = None) -> StartView:
    """The start page of an index with ``stats``; ``newest`` is a browse search
    (empty query, sorted by date) whose facets count the whole collection."""
    browse = []
    for facet, param, title in BROWSE_FACETS:
        entries = [
            Entry(language_name(v.value) if facet == "language" else v.value, v.count,
                  "?" + urlencode({"q": "", param: v.value}))
            for v in newest.facets.get(facet, ())
        ]
        if facet == "year":
            entries.sort(key=lambda e: e.label, reverse=True)
        if entries:
            browse.append((title, entries))
    return StartView(stats, human_time(stats.built_at, now), [hit.document for hit in newest.hits], browse)


def human_time(iso: str | None, now: dt.datetime | None = None) -> str | None:
    """``29 November 2026, 22:08 UTC (2 hours ago)`` for an ISO timestamp; None for None."""
    if not iso:
        return None
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    moment = moment.astimezone(dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC ({_ago(now - moment)})"


def _ago(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return "just now"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    return "just now"
