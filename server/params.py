"""Request parameters -> ``indexer.query.SearchRequest``, and document ids.

The parameters are parsed by ``indexer.params`` (the filter model the CLI
shares); every limit (query length, size, page x size, sort, date formats,
language codes) is checked there, so the CLI, the API and the web UI
refuse the same things with the same message.
"""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from indexer.errors import BadRequest
from indexer.params import search_request as request_from_params
from indexer.params import translated_flag  # noqa: F401 (re-exported for the pages)
from indexer.query import SearchRequest


def search_request(args: MultiDict) -> SearchRequest:
    """Build a SearchRequest from the query string (see ``indexer.params``)."""
    return request_from_params({name: args.getlist(name) for name in args})


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

