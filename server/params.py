"""Request parameters -> ``indexer.query.SearchRequest``, and document ids.

The parameters are parsed by ``indexer.params`` (the filter model the CLI
shares); every limit (query length, size, page x size, sort, date formats,
language codes) is checked there, so the CLI, the API and the web UI
refuse the same things with the same message.
"""
from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from indexer.errors import BadRequest
from indexer.params import search_request as request_from_params
from indexer.params import translated_flag  # noqa: F401 (re-exported for the pages)
from indexer.query import SearchRequest

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


def search_request(args: MultiDict) -> SearchRequest:
    """Build a SearchRequest from the query string (see ``indexer.params``)."""
    return request_from_params({name: args.getlist(name) for name in args})


def document_id(raw: str) -> str:
    """Check a document id from a URL: relative, no '..', no backslash or NUL."""
    if raw.startswith("/") or _WINDOWS_DRIVE.match(raw):
        raise BadRequest("document id must be a relative path, not an absolute one")
    if "\\" in raw or "\x00" in raw:
        raise BadRequest("document id must not contain backslashes or NUL")
    if ".." in raw.split("/"):
        raise BadRequest("document id must not contain '..'")
    if not raw.strip("/"):
        raise BadRequest("document id is empty")
    return raw

