"""Commands over the index: reindex, search, stats, extract."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..engines import open_engine
from ..engines.base import SearchResponse
from ..query import Filters, SearchRequest, parse_query
from ..results import search_json
from ..search import search as run_search
from ..settings import Settings
from . import main
from .options import engine_options, reports_errors

BOLD_ON, BOLD_OFF = "\x1b[1m", "\x1b[0m"


@main.command()
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Corpus folder (default: seeds/) [env: BABELSEARCH_CORPUS]")
@click.option("--workers", type=int, help="Worker processes (default: one per core).")
@click.option("--retranslate", is_flag=True, help="Ignore the translation cache and translate everything again.")
@click.option("--no-translate", is_flag=True, help="Index original text only (searchable at once); translate nothing.")
@engine_options
@reports_errors
def reindex(settings: Settings, corpus: Path | None, workers: int | None, retranslate: bool, no_translate: bool) -> None:
    """Index a corpus folder into a fresh index and publish it atomically."""
    from ..pipeline import ReindexOptions
    from ..pipeline import reindex as run_reindex

    settings = settings.with_(
        corpus=corpus or settings.corpus, workers=workers if workers is not None else settings.workers
    )
    quiet = _quiet()
    progress = _Progress(enabled=not quiet)
    try:
        summary = run_reindex(settings, ReindexOptions(translate=not no_translate, retranslate=retranslate),
                              progress=progress)
    finally:
        progress.close()
    if not quiet:
        click.echo("\n".join(summary.lines()))


class _Progress:
    """The pipeline's progress as a bar with an ETA on stderr, created once the total is known."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.bar = enabled, None

    def start(self, total: int) -> None:
        """Show the bar for ``total`` files."""
        if self.enabled:
            self.bar = click.progressbar(length=total, label="Indexing", show_eta=True, file=sys.stderr)
            self.bar.__enter__()

    def advance(self, files: int) -> None:
        """Advance by ``files`` files."""
        if self.bar is not None:
            self.bar.update(files)

    def translation(self, progress) -> None:
        """Show the translation rate (a translate.TranslationProgress) in the label."""
        if self.bar is not None:
            eta = progress.eta_seconds
            left = f", translation done in ~{eta:.0f}s" if eta is not None else ""
            self.bar.label = f"Indexing (translating {progress.sentences_per_second:.1f} sentences/s{left})"

    def close(self) -> None:
        """Finish the bar's line."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _quiet() -> bool:
    import logging

    return logging.getLogger().getEffectiveLevel() >= logging.ERROR


@main.command()
@click.argument("query")
@click.option("--lang", "languages", multiple=True, help="Only documents in this language (repeatable).")
@click.option("--size", type=int, default=10, show_default=True, help="Hits per page.")
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the raw results as JSON.")
@engine_options
@reports_errors
def search(settings: Settings, query: str, languages: tuple[str, ...], size: int, page: int, sort: str, as_json: bool) -> None:
    """Search the index and print ranked hits with highlighted snippets."""
    request = SearchRequest(parse_query(query), Filters(languages=languages), page=page, size=size, sort=sort)
    engine = open_engine(settings)
    try:
        response = run_search(engine, request, settings)
    finally:
        engine.close()
    if as_json:
        click.echo(json.dumps(search_json(request, response), ensure_ascii=False, indent=2))
    else:
        _print_hits(response, request)


def _print_hits(response: SearchResponse, request: SearchRequest) -> None:
    color = sys.stdout.isatty()
    on, off = (BOLD_ON, BOLD_OFF) if color else ("[", "]")
    first = request.offset + 1
    click.echo(f"{response.total} hits ({response.took_ms:.0f} ms)")
    for rank, hit in enumerate(response.hits, first):
        doc = hit.document
        meta = " · ".join(x for x in (doc.language, doc.date, doc.source, doc.author) if x)
        click.echo(f"\n{rank}. {doc.title}  [{doc.id}]  score {hit.score:.2f}")
        if doc.title_en and doc.title_en != doc.title:
            click.echo(f"   EN: {doc.title_en}")
        click.echo(f"   {meta}{'' if doc.translated else ' · untranslated'}")
        for label, snippets in (("original", hit.snippets.original), ("english", hit.snippets.english)):
            for snippet in snippets:
                click.echo(f"   {label}: {snippet.marked(on, off)}")


@main.command()
@engine_options
@reports_errors
def stats(settings: Settings) -> None:
    """Show what the published index holds."""
    from ..status import StatusReader

    engine = open_engine(settings)
    try:
        status = StatusReader(settings).read(engine)
    finally:
        engine.close()
    click.echo("\n".join(status.lines(settings)))


@main.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the Document as JSON.")
@reports_errors
def extract_command(file: Path, as_json: bool) -> None:
    """Show what extraction makes of one file (for debugging extraction)."""
    from ..extract.sources import CorpusFile, Skipped
    from ..pipeline import prepare

    settings = Settings.load()
    outcome, _ = prepare(CorpusFile(file, file.with_suffix("").name), settings)
    if isinstance(outcome, Skipped):
        raise click.ClickException(f"{file}: {outcome.reason}")
    if as_json:
        click.echo(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2))
        return
    for label in ("title", "title_derived", "date", "source", "author", "description", "url", "language"):
        click.echo(f"{label + ':':15}{getattr(outcome, label)}")
    for number, paragraph in enumerate(outcome.paragraphs, 1):
        click.echo(f"\n[{number}] ({paragraph.language}) {paragraph.text}")
