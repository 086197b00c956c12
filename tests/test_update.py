"""``babelsearch update``: added, changed and deleted files, applied to the live index.

On every engine, an update after adding, changing and deleting files gives
exactly the documents a full reindex of the new corpus gives (translated
with the tiny Argos models).
"""
from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
from argos_fixtures import argos_archives, installed, settings  # noqa: F401 (fixtures)
from click.testing import CliRunner
from es_standin import es_url  # noqa: F401 (fixture)
from opensearch_node import opensearch_node  # noqa: F401 (fixture)
from test_engine_contract import ENGINES, cluster_url, delete_cluster_indices

from indexer.cli import main
from indexer.engines import open_engine
from indexer.pipeline import reindex
from indexer.settings import Settings
from indexer.update import UpdateSummary, update

NEW_ARTICLE = ("Neuer Hafen in Duisburg\n\nDer Hafen von Duisburg wächst weiter. Die Stadt plant neue Terminals.\n\n"
               "Ein Sprecher bestätigte das am Dienstag.")


@pytest.fixture(params=ENGINES)
def engine_settings(request: pytest.FixtureRequest, installed: Settings, corpus_copy: Path,  # noqa: F811
                    tmp_path: Path) -> Iterator[Settings]:
    """Settings for one engine over a writable copy of the seeds, models installed."""
    settings = installed.with_(corpus=corpus_copy, workers=1)
    if request.param == "embedded":
        yield settings
        return
    settings = settings.with_(engine=cluster_url(request), es_index=f"bstest-{uuid.uuid4().hex[:12]}")
    yield settings
    delete_cluster_indices(settings)


def translated(run, settings: Settings):
    """Run reindex or update (both translate with the installed models)."""
    return run(settings)


def documents(settings: Settings) -> dict[str, dict[str, Any]]:
    """Every document of the live index, by id."""
    engine = open_engine(settings)
    try:
        change = engine.new_update()
        ids = sorted(change.fingerprints())
        change.discard()
        return {doc_id: engine.get(doc_id).to_dict() for doc_id in ids}
    finally:
        engine.close()


def edit_corpus(corpus: Path) -> str:
    """One file added, one changed, one deleted, one emptied, one unusable file added; the emptied one's name."""
    files = sorted(corpus.glob("*.txt"))
    (corpus / "neu").mkdir()
    (corpus / "neu" / "hafen.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with open(files[1], "a", encoding="utf-8") as handle:
        handle.write("\n\nDie Ermittler prüfen den Hafen erneut.\n")
    files[2].unlink()
    files[3].write_bytes(b"")  # now unusable: must leave the index, as a reindex leaves it out
    (corpus / "leer.txt").write_bytes(b"")
    return files[3].name


def test_update_equals_a_full_reindex_of_the_new_corpus(engine_settings: Settings) -> None:
    translated(reindex, engine_settings)
    emptied = edit_corpus(engine_settings.corpus)
    summary = translated(update, engine_settings)
    assert isinstance(summary, UpdateSummary)
    plan = summary.plan
    assert [f.doc_id for f in plan.added] == ["leer", "neu/hafen"]
    assert len(plan.changed) == 2 and len(plan.deleted) == 1 and plan.unchanged == 2
    assert {Path(path).name for path, _ in summary.skipped} == {"leer.txt", emptied}, summary.skipped
    updated = documents(engine_settings)
    assert updated["neu/hafen"]["paragraphs"][0]["english"], "the new article was translated"
    fresh = engine_settings.with_(data_dir=engine_settings.data_dir.parent / "fresh",
                                  models_dir=engine_settings.models_path, es_index=f"{engine_settings.es_index}-fresh")
    try:
        translated(reindex, fresh)
        assert updated == documents(fresh)
    finally:
        if fresh.engine != "embedded":
            delete_cluster_indices(fresh)


def test_update_with_nothing_changed_publishes_nothing(engine_settings: Settings) -> None:
    translated(reindex, engine_settings)
    before = documents(engine_settings)
    summary = translated(update, engine_settings)
    assert summary.plan.empty and summary.plan.unchanged == 5
    engine = open_engine(engine_settings)
    try:
        assert engine.stats().updated_at is None
    finally:
        engine.close()
    assert documents(engine_settings) == before


def test_cli_update_and_stats(settings: Settings, corpus_copy: Path) -> None:  # noqa: F811
    runner = CliRunner()
    data = ["--data", str(settings.data_dir)]
    env = {"BABELSEARCH_TRANSLATIONS": str(settings.translations_dir)}
    result = runner.invoke(main, ["update", "--corpus", str(corpus_copy), *data], env=env)
    assert result.exit_code == 1 and "run 'babelsearch reindex' first" in result.output, result.output
    assert runner.invoke(main, ["reindex", "--corpus", str(corpus_copy), *data], env=env).exit_code == 0
    (corpus_copy / "hafen.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["update", "--corpus", str(corpus_copy), *data], env=env)
    assert result.exit_code == 0, result.output
    assert "Update: 1 added, 0 changed, 0 deleted, 5 unchanged" in result.output
    stats = runner.invoke(main, ["stats", *data])
    assert "Documents:   6" in stats.output and "Updated at:  20" in stats.output, stats.output



def test_only_files_touched_since_the_index_started_reading_are_hashed(tmp_path: Path) -> None:
    from indexer.extract.sources import list_corpus
    from indexer.update import plan_update

    (tmp_path / "a.txt").write_text("new content", encoding="utf-8")
    files, _ = list_corpus(tmp_path)
    live = {"a": "0" * 64}  # what the index holds differs from the file
    assert [f.doc_id for f in plan_update(files, live).changed] == ["a"]  # hashed: changed
    assert [f.doc_id for f in plan_update(files, live, time.time() - 60).changed] == ["a"]  # touched since: hashed
    # untouched since the index started reading: trusted without reading it
    assert plan_update(files, live, time.time() + 60).unchanged == 1


def test_an_embedded_build_without_fingerprints_is_read_from_its_documents(seeds_settings: Settings) -> None:
    import shutil

    from indexer.engines.tantivy_engine import FINGERPRINTS, EmbeddedEngine

    data = seeds_settings.data_dir.parent / "no-fingerprints"
    shutil.copytree(seeds_settings.data_dir / "index", data / "index")
    engine = EmbeddedEngine(data)
    try:
        with_file = engine.new_update()
        expected = with_file.fingerprints()
        with_file.discard()
        (engine.directory.current()[0] / FINGERPRINTS).unlink()  # a build from before the file existed
        without = engine.new_update()
        assert without.fingerprints() == expected and len(expected) == 5
        without.discard()
    finally:
        engine.close()


def test_an_update_refuses_to_run_beside_a_reindex(settings: Settings, corpus_copy: Path) -> None:  # noqa: F811
    from indexer.errors import IndexBusy
    from indexer.locking import ReindexLock
    from indexer.pipeline import ReindexOptions

    settings = settings.with_(corpus=corpus_copy)
    reindex(settings, ReindexOptions(translate=False))
    with ReindexLock(settings), pytest.raises(IndexBusy):
        update(settings, ReindexOptions(translate=False))
    assert update(settings, ReindexOptions(translate=False)).plan.unchanged == 5


@pytest.mark.parametrize("rule", ["all", "none"])
def test_update_follows_the_same_symlink_rule_as_reindex(settings: Settings, corpus_copy: Path,  # noqa: F811
                                                        tmp_path: Path, rule: str) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Außerhalb des Korpus\n\nDer Hafen von Rotterdam wächst weiter.\n", encoding="utf-8")
    (corpus_copy / "linked.txt").symlink_to(outside)
    chosen = settings.with_(corpus=corpus_copy, symlinks=rule, workers=1)
    reindex(chosen)
    before = set(documents(chosen))
    assert ("linked" in before) == (rule == "all"), before
    summary = update(chosen)
    assert summary.plan.empty, "an update with nothing changed must not add or drop what reindex decided"
    assert set(documents(chosen)) == before
