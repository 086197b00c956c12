"""The web UI: the search page and the document page (server-rendered HTML)."""
from __future__ import annotations

from flask import Blueprint, Flask, render_template, request, url_for
from werkzeug.routing import PathConverter

from indexer.engines.base import IndexStats
from indexer.errors import (
    BabelsearchError,
    BadRequest,
    DocumentNotFound,
    QuerySyntaxError,
)
from indexer.query import SORTS, parse_query
from indexer.results import translators

from . import pages
from .engine import get_engine, run_search
from .highlight import highlight_html, translation_label
from .params import document_id, search_request

bp = Blueprint("web", __name__)
FILTER_PARAMS = ("lang", "source", "year", "from", "to", "translated")


class AnyPathConverter(PathConverter):
    """Like ``path`` but also matches a leading '/', so that absolute ids reach
    the view and get a clear 400 instead of a routing 404."""

    regex = ".+?"
    part_isolating = False  # werkzeug guesses True for a regex without '/'


@bp.get("/")
def search_page():
    """The search form; with ``q``, the results, facets and pagination."""
    args = request.args
    if not args.get("q", "").strip():
        return render_template("search.html", q="", stats=_stats_or_none())
    try:
        search = search_request(args)
    except (BadRequest, QuerySyntaxError) as exc:
        return render_template("search.html", q=args.get("q", ""), error=str(exc)), 400
    response = run_search(search)
    return render_template(
        "search.html",
        q=search.query.raw,
        search=search,
        response=response,
        took_ms=response.took_ms,
        cards=[pages.result_card(hit) for hit in response.hits],
        facets=pages.facet_groups(args, search.filters, response.facets),
        pages=pages.pagination(args, search, response.total),
        sort_links=[(sort, pages.search_url(args, sort=sort)) for sort in SORTS],
        has_filters=any(args.get(name) for name in FILTER_PARAMS),
        date_hidden=[(k, v) for k, v in args.items(multi=True) if k not in ("from", "to", "page")],
    )


@bp.get("/documents/<anypath:doc_id>")
def document_page(doc_id: str):
    """Original and English side by side, query words marked, with provenance."""
    doc = get_engine().get(document_id(doc_id))
    if doc is None:
        raise DocumentNotFound(f"no document with id '{doc_id}'")
    q = request.args.get("q", "")
    terms = _highlight_terms(q)
    translator_ids = translators(doc)
    return render_template(
        "document.html",
        q=q,
        doc=doc,
        language=pages.language_name(doc.language),
        title_html=highlight_html(doc.title, terms),
        title_en_html=highlight_html(doc.title_en, terms) if doc.title_en else None,
        rows=pages.paragraph_rows(doc.paragraphs, terms),
        translation_label=translation_label(translator_ids),
        translator_ids=translator_ids,
        safe_url=doc.url if (doc.url or "").lower().startswith(("http://", "https://")) else None,
        back_href=url_for("web.search_page", q=q) if q else url_for("web.search_page"),
    )


def _highlight_terms(q: str) -> list[str]:
    # Highlighting is a courtesy on this page: a bad ``q`` just marks nothing.
    if not q.strip():
        return []
    try:
        return parse_query(q).highlight_terms
    except BabelsearchError:
        return []


def _stats_or_none() -> IndexStats | None:
    # The empty search page shows what is indexed, and still renders when the
    # engine is down (the first search then explains the 503).
    try:
        return get_engine().stats()
    except BabelsearchError:
        return None


def init_app(app: Flask) -> None:
    """Template helpers and the ``anypath`` URL converter both blueprints use."""
    app.url_map.converters["anypath"] = AnyPathConverter
    app.jinja_env.globals.update(language_name=pages.language_name)
