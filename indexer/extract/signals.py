"""Signals that tell article text from web debris in plain-text pages.

Each signal is a small named function over one line. They encode the
shapes news sites share (counters, teasers, breadcrumbs, bylines,
datelines, agency trailers), never the strings of a particular page.
"""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    # German, Dutch and English month names and abbreviations -> month number
    **{m: i for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)},
    "mär": 3, "mrz": 3, "maa": 3, "mai": 5, "mei": 5, "okt": 10, "dez": 12, "mrt": 3,
}
AGENCIES = r"Reuters|dpa|AFP|AP|ANP|Belga|APA|KNA|epd|sda|Bloomberg|BANG|SID|dts|AFX|ddp"
SENTENCE_END = tuple('.!?:;"“”»«\')’…')

_COUNTER = re.compile(r"^\[?\(?\d+\s+(Kommentare?|Comments?|Reacties?|reactie|Antworten|Shares?)\)?\]?$", re.I)
_TEASER_END = re.compile(r"(\[(…|\.\.\.)\]|…|\.\.\.)\s*(\(\d+\))?$")
_BREADCRUMB = re.compile(r"^[\w&.-]+(?: [\w&.-]+)*(?: [/>»|] [\w&.-]+(?: [\w&.-]+)*)+$")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(Uhr|uur|h)?\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_BRACKETED_NAME = re.compile(r"^\[([^\]]{2,60})\]")
_SEPARATORS = re.compile(r"\s[·|•]\s")
_TRAILER = re.compile(r"^\(?[a-z]{1,4}(?:/[a-z]{1,4}){1,5}\)?$")
_BYLINE = re.compile(
    r"^[-–—]?\s*(?:von|by|door|Von|By|Door)\s+"
    r"((?:[A-ZÄÖÜ][\w'’.-]+\s?){2,4}(?:(?:,| und| and| en)\s+(?:[A-ZÄÖÜ][\w'’.-]+\s?){2,4})*)$"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß .'-]{1,40}?)(?:,\s*(?P<day>\d{1,2})\.?\s*(?P<month>[A-Za-zäÄ]{3,9})\.?)?"
    r"\s*\((?P<agency>" + AGENCIES + r")\)\s*[-–—]\s*"
)
_LINK_ARTIFACT = re.compile(r"\s*[\(\[](?:link|Link|LINK|mehr|more)[\)\]]")
_LEADING_FIELD = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+", re.I)


def is_counter(line: str) -> bool:
    """``[0 Kommentare]``, ``12 Comments``: engagement counters."""
    return bool(_COUNTER.match(line.strip()))


def is_teaser(line: str) -> bool:
    """A line cut off with an ellipsis marker (``[…] (01)``): a teaser."""
    return bool(_TEASER_END.search(line.strip())) and len(line.split()) > 3


def is_breadcrumb(line: str) -> bool:
    """Section labels such as ``Finanzen / Eulerpool Technology``."""
    text = line.strip()
    return len(text.split()) <= 8 and bool(_BREADCRUMB.match(text)) and not text.endswith(SENTENCE_END)


def source_date_line(line: str) -> tuple[str | None, str | None] | None:
    """``[Eulerpool News] · 06.10.2023 · 17:00 Uhr`` -> (source, ISO date).

    A short line made of separator-joined parts of which at least one is a
    date or a clock time. Returns None when the line is not such a line.
    """
    text = line.strip()
    if len(text) > 120 or not _SEPARATORS.search(text):
        return None
    date = numeric_date(text)
    if date is None and not _CLOCK.search(text):
        return None
    bracketed = _BRACKETED_NAME.match(text)
    source = bracketed.group(1).strip() if bracketed else None
    return source, date


def numeric_date(text: str) -> str | None:
    """ISO date from ``06.10.2023`` or ``2023-10-06`` inside ``text``."""
    match = _NUMERIC_DATE.search(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _iso(year, month, day)
    match = _ISO_DATE.search(text)
    if match:
        year, month, day = match.groups()
        return "-".join(g for g in (year, month, day) if g)
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_agency_trailer(line: str) -> bool:
    """Editor initials at the end of agency copy: ``pd/mt/sna``, ``(dpa/sk)``."""
    return bool(_TRAILER.match(line.strip()))


def byline_author(line: str) -> str | None:
    """Author names from a byline such as ``- von Alexandra Alper``."""
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    names = re.split(r",\s*|\s+(?:und|and|en)\s+", match.group(1).strip())
    return ", ".join(n.strip() for n in names if n.strip())


def dateline(line: str) -> tuple[str, str | None] | None:
    """``WASHINGTON, 12. Feb (Reuters) -`` -> (agency, month-day or None)."""
    match = _DATELINE.match(line)
    if not match:
        return None
    return match.group("agency"), match.group("month")


def strip_dateline(text: str) -> str:
    """The text without a leading agency dateline."""
    return _DATELINE.sub("", text, count=1)


def remove_link_artifacts(text: str) -> str:
    """Drop ``(link)`` markers left where hyperlinks were."""
    return _LINK_ARTIFACT.sub("", text)


def leading_date_field(text: str) -> tuple[str | None, str]:
    """A ``date 2020-06`` field at the very start -> (ISO date, rest of text)."""
    match = _LEADING_FIELD.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():]


def is_short_label(line: str) -> bool:
    """A few words without sentence punctuation: a menu item or label."""
    text = line.strip()
    return 0 < len(text.split()) <= 4 and not text.endswith(SENTENCE_END) and not any(c.isdigit() for c in text)


def looks_like_sentence(line: str) -> bool:
    """Running text: several words ending like a sentence."""
    text = line.strip()
    return len(text.split()) >= 6 and text.endswith(SENTENCE_END)


def is_furniture(line: str) -> bool:
    """Any strong boilerplate signal on its own."""
    return (
        is_counter(line)
        or is_teaser(line)
        or is_breadcrumb(line)
        or source_date_line(line) is not None
        or is_agency_trailer(line)
    )
