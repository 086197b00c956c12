"""ISO dates at the precision known: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

Extraction validates the dates it finds with these, the index layout turns
a document's date into its sort key, and the query turns a user's date
filter into bounds. Errors are ``ValueError``: each caller decides what a
bad date means (a request error in ``query``, "no date" for a document).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    match = _ISO.fullmatch(value.strip())
    if not match:
        raise ValueError(f"date '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is not None:
            first = last = dt.date(year, month, day)  # type: ignore[arg-type]
        elif month is not None:
            first = dt.date(year, month, 1)
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError as exc:
        raise ValueError(f"date '{value}' is not a real date: {exc}") from None
    return first, last


def document_date_start(date: str | None) -> dt.date | None:
    """First day of a document's (possibly partial) ISO date; None when
    undated or not a date."""
    if not date:
        return None
    try:
        return date_bounds(date)[0]
    except ValueError:
        return None


def date_sort_key(day: dt.date) -> int:
    """A day as the integer YYYYMMDD (how the index sorts and filters dates)."""
    return int(day.strftime("%Y%m%d"))
