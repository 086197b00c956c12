"""The web UI: the search page and the document page (server-rendered HTML)."""
from __future__ import annotations

from flask import (
    Blueprint,
    Flask,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.routing import PathConverter

from indexer.engines.base import IndexStats
from indexer.errors import (
    BabelsearchError,
    BadRequest,
    DocumentNotFound,
    QuerySyntaxError,
)
from indexer.highlight import query_terms
from indexer.lexicon import open_lexicon
from indexer.query import SORTS, Filters, SearchRequest, parse_query
from indexer.results import translators
from indexer.search import interpret

from . import pages
from .engine import get_engine, run_search
from .facets_view import FILTER_PARAMS, chips, chosen_filters, facet_groups
from .highlight import highlight_html, translation_label
from .interpretation_view import interpretation_view
from .params import document_id, search_request
from .start_view import start_view

bp = Blueprint("web", __name__)


class AnyPathConverter(PathConverter):
    """Like ``path`` but also matches a leading '/', so that absolute ids reach
    the view and get a clear 400 instead of a routing 404."""

    regex = "[\\s\\S]+?"  # any character, newlines too: an id is any file name
    part_isolating = False  # werkzeug guesses True for a regex without '/'


@bp.get("/")
def search_page():
    """The start page; with a query or a filter, the results, facets and pagination.

    ``add=WORD`` (the "add a translation" form) runs the query again with
    ``~WORD`` appended.
    """
    args = request.args
    if (args.get("add") or "").strip():
        word = " ".join(args["add"].split())
        q = f'{args.get("q", "")} ~{chr(34) + word + chr(34) if " " in word else word}'.strip()
        return redirect(pages.search_url(args, q=q, add=None))
    if "q" not in args and not any(args.get(name) for name in FILTER_PARAMS):
        return render_template("search.html", q="", start=_start_or_none())
    try:
        search = search_request(args)
    except (BadRequest, QuerySyntaxError) as exc:
        return render_template("search.html", q=args.get("q", ""), error=str(exc)), 400
    return _results(search)


def _results(search: SearchRequest):
    args = request.args
    response = run_search(search)
    query = response.query or search.query
    terms = query_terms(query)
    chosen = chosen_filters(args)
    chip_list, clear_href = chips(args, chosen, lambda **c: pages.search_url(args, **c))
    return render_template(
        "search.html",
        q=search.query.raw,
        search=search,
        response=response,
        took_ms=response.took_ms,
        cards=[pages.result_card(hit, terms) for hit in response.hits],
        interpretation=interpretation_view(query, lambda **c: pages.search_url(args, **c)),
        dictionary=open_lexicon(current_app.config["SETTINGS"].data_dir) is not None,
        facets=facet_groups(chosen, response.facets),
        chips=chip_list,
        clear_href=clear_href,
        pages=pages.pagination(args, search, response.total),
        sort_links=[(sort, pages.search_url(args, sort=sort)) for sort in SORTS],
        keep=[(k, v) for k, v in args.items(multi=True) if k not in ("q", "page", "add")],
        facet_hidden=[(k, v) for k, v in args.items(multi=True) if k in ("q", "sort", "size")],
    )


@bp.get("/documents/<anypath:doc_id>")
def document_page(doc_id: str):
    """Original and English side by side, the query's matches marked and
    numbered on both sides, with provenance."""
    doc = get_engine().get(document_id(doc_id))
    if doc is None:
        raise DocumentNotFound(f"no document with id '{doc_id}'")
    q = request.args.get("q", "")
    terms = _highlight_terms(q)
    translator_ids = translators(doc)
    rows, matches = pages.paragraph_rows(doc.paragraphs, terms)
    return render_template(
        "document.html",
        q=q,
        doc=doc,
        language=pages.language_name(doc.language),
        title_html=highlight_html(doc.title, terms),
        title_en_html=highlight_html(doc.title_en, terms) if doc.title_en else None,
        rows=rows,
        matches=matches,
        translation_label=translation_label(translator_ids),
        translator_ids=translator_ids,
        safe_url=doc.url if (doc.url or "").lower().startswith(("http://", "https://")) else None,
        back_href=url_for("web.search_page", q=q) if q else url_for("web.search_page"),
    )


def _highlight_terms(q: str) -> list[str]:
    # Highlighting is a courtesy on this page: a query over the length limit
    # or an unreadable lexicon just marks less.
    if not q.strip():
        return []
    try:
        return query_terms(interpret(parse_query(q), current_app.config["SETTINGS"].data_dir))
    except BabelsearchError:
        return []


def _start_or_none():
    # The start page shows what is indexed, and still renders when the
    # engine is down (the first search then explains the 503).
    try:
        engine = get_engine()
        stats: IndexStats = engine.stats()
        newest = engine.search(SearchRequest(parse_query(""), Filters(), size=5, sort="date"))
    except BabelsearchError:
        return None
    return start_view(stats, newest)


def init_app(app: Flask) -> None:
    """Template helpers and the ``anypath`` URL converter both blueprints use."""
    app.url_map.converters["anypath"] = AnyPathConverter
    app.jinja_env.globals.update(language_name=pages.language_name)
