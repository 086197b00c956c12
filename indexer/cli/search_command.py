"""``babelsearch search WORDS…``: the API's search on the terminal.

Every filter and sort of ``GET /api/search`` is an option, parsed by the
same ``indexer.params`` as the API and the web UI: ``--lang de,nl`` (any
case, repeatable), ``--source``, ``--year``, ``--from``/``--to``,
``--translated``/``--untranslated``, ``--sort``, ``--page``, ``--size``.
The words need no quotes (``babelsearch search Nuctech -Finland customs``);
``-v`` shows how the query was interpreted, ``--json`` prints the API's answer.
"""
from __future__ import annotations

import json
import sys

import click

from ..engines import open_engine
from ..engines.base import SearchResponse
from ..highlight import query_terms
from ..interpretation import interpretation_text, untranslated
from ..lexicon import open_lexicon
from ..params import search_request
from ..query import MAX_SIZE, SORTS, SearchRequest
from ..results import hit_snippets, search_json
from ..search import search as run_search
from ..settings import Settings
from . import main
from .options import engine_options, reports_errors
from .terminal import safe, safe_line

BOLD_ON, BOLD_OFF = "\x1b[1m", "\x1b[0m"


@main.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": True})
@click.argument("words", nargs=-1, type=click.UNPROCESSED)
@click.option("--lang", "languages", multiple=True, metavar="CODES",
              help="Only documents in these languages: codes or names, comma-separated or repeated (de,nl).")
@click.option("--source", "sources", multiple=True, help="Only documents from this source, any case (repeatable).")
@click.option("--year", "years", multiple=True, metavar="YEAR",
              help="Only documents of this year, or 'undated' (repeatable).")
@click.option("--from", "date_from", metavar="DATE", help="Dated on or after YYYY[-MM[-DD]].")
@click.option("--to", "date_to", metavar="DATE", help="Dated on or before YYYY[-MM[-DD]].")
@click.option("--translated/--untranslated", default=None, help="Only fully translated, or only not fully translated documents.")
@click.option("--sort", type=click.Choice(SORTS, case_sensitive=False),
              help="relevance, or date (newest first) [default: relevance; date when browsing]")
@click.option("--page", type=int, default=1, show_default=True, help="Result page to show (1-based).")
@click.option("--size", type=int, default=10, show_default=True, help=f"Hits per page (at most {MAX_SIZE}).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer of /api/search as JSON.")
@engine_options
@reports_errors
def search(settings: Settings, words: tuple[str, ...], **options) -> None:
    """Search the index and print ranked hits with highlighted snippets.

    WORDS use the query language of the web UI (see README): "a phrase",
    +required, -excluded, OR, title:word, source:Reuters, lang:de, ~added
    and -~dropped translations. No words: browse everything, newest first.
    """
    as_json = options.pop("as_json")
    request = search_request(_params(" ".join(words), options))
    engine = open_engine(settings)
    try:
        response = run_search(engine, request, settings)
    finally:
        engine.close()
    if as_json:
        click.echo(safe(json.dumps(search_json(request, response), ensure_ascii=False, indent=2)))
    else:
        _print_hits(response, request, dictionary=open_lexicon(settings.data_dir) is not None)


def _params(query: str, options: dict) -> dict[str, list[str]]:
    """The CLI options as the API's query parameters (``indexer.params``)."""
    translated = options["translated"]
    return {
        "q": [query],
        "lang": list(options["languages"]),
        "source": list(options["sources"]),
        "year": list(options["years"]),
        "from": [options["date_from"] or ""],
        "to": [options["date_to"] or ""],
        "translated": [] if translated is None else [str(translated).lower()],
        "page": [str(options["page"])],
        "size": [str(options["size"])],
        "sort": [options["sort"] or ""],
    }


def _print_hits(response: SearchResponse, request: SearchRequest, dictionary: bool) -> None:
    color = sys.stdout.isatty()
    on, off = (BOLD_ON, BOLD_OFF) if color else ("[", "]")
    query = response.query or request.query
    click.echo(f"{response.total} hits ({response.took_ms:.0f} ms); searched as: {safe_line(interpretation_text(query))}")
    missing = untranslated(query)
    if missing and dictionary:
        click.echo(f"No translation found for: {safe_line(', '.join(missing))}")
    for note in query.notes:
        click.echo(f"Note: {safe_line(note)}")
    terms = query_terms(query)
    for rank, hit in enumerate(response.hits, request.offset + 1):
        doc = hit.document
        meta = " · ".join(safe_line(x) for x in (doc.language, doc.date, doc.source, doc.author) if x)
        click.echo(f"\n{rank}. {safe_line(doc.title)}  [{safe_line(doc.id)}]  score {hit.score:.2f}")
        if doc.title_en and doc.title_en != doc.title:
            click.echo(f"   EN: {safe_line(doc.title_en)}")
        click.echo(f"   {meta}{'' if doc.translated else ' · untranslated'}")
        snippets = hit_snippets(hit, terms)
        for label, side in (("original", snippets.original), ("english", snippets.english)):
            for snippet in side:
                click.echo(f"   {label}: {snippet.marked(on, off, escape=safe_line)}")
