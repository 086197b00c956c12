"""Request parameters -> ``indexer.query.SearchRequest``.

Only parsing lives here; every limit (query length, size, page x size,
sort, date formats) is checked by ``indexer.query`` so the CLI, the API and
the web UI refuse the same things with the same message.
"""
from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from indexer.errors import BadRequest
from indexer.query import Filters, SearchRequest, date_range, parse_query

MAX_FILTER_VALUES = 50
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def search_request(args: MultiDict) -> SearchRequest:
    """Build a SearchRequest from ``q, lang, source, year, from, to, translated,
    page, size, sort``; raise BadRequest / QuerySyntaxError saying what is wrong."""
    text = args.get("q", "")
    if not text.strip():
        raise BadRequest("parameter 'q' is required: the words to search for")
    query = parse_query(text)
    filters = Filters(
        languages=_values(args, "lang"),
        sources=_values(args, "source", split=False),  # names may hold commas
        years=tuple(_integer(value, "year") for value in _values(args, "year")),
        dates=date_range(args.get("from") or None, args.get("to") or None),
        translated=translated_flag(args.get("translated")),
    )
    return SearchRequest(
        query,
        filters,
        page=_integer(args.get("page") or "1", "page"),
        size=_integer(args.get("size") or "10", "size"),
        sort=args.get("sort") or "relevance",
    )


def translated_flag(value: str | None) -> bool | None:
    """``true/yes/1`` -> True, ``false/no/0`` -> False, empty or ``any`` -> None."""
    if value is None or value.strip().lower() in ("", "any"):
        return None
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise BadRequest(f"translated must be true or false, not '{value[:40]}'")


def document_id(raw: str) -> str:
    """Check a document id from a URL: relative, no '..' component, no NUL.

    Anything else a file name may hold (newlines, backslashes, ``C:``,
    ``\\xHH`` for bytes that are not UTF-8) is a valid id: ids are looked up
    in the index, never opened as paths.
    """
    if raw.startswith("/"):
        raise BadRequest("document id must be a relative path, not an absolute one")
    if "\x00" in raw:
        raise BadRequest("document id must not contain NUL")
    if ".." in raw.split("/"):
        raise BadRequest("document id must not contain '..'")
    if not raw.strip("/"):
        raise BadRequest("document id is empty")
    return raw


def _values(args: MultiDict, name: str, split: bool = True) -> tuple[str, ...]:
    """Repeated values, and with ``split`` comma-separated ones (``lang=de,nl``)."""
    parts = [v for item in args.getlist(name) for v in (item.split(",") if split else [item])]
    values = tuple(v.strip() for v in parts if v.strip())
    if len(values) > MAX_FILTER_VALUES:
        raise BadRequest(f"at most {MAX_FILTER_VALUES} values for '{name}'")
    return values


def _integer(value: str, name: str) -> int:
    value = value.strip()
    if not re.fullmatch(r"-?\d{1,9}", value):
        raise BadRequest(f"{name} must be a whole number, not '{value[:40]}'")
    return int(value)
