"""The pipeline owns its stages: a reindex from code is the CLI's reindex."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from argos_fixtures import argos_archives, installed, settings  # noqa: F401 (fixtures)
from click.testing import CliRunner

from indexer.cli import main
from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.errors import IndexBusy
from indexer.lexicon import lexicon_path
from indexer.lexicon.build import build_lexicon
from indexer.lexicon.sources import standard_sources
from indexer.locking import ReindexLock
from indexer.pipeline import ReindexOptions, reindex
from indexer.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
LEXICON_DATA = Path(__file__).parent / "data" / "lexicon"
CORPUS = {
    "de/markt.txt": "Neuer Kosmetikmarkt in Berlin\n\nDer Markt für Kosmetik wächst, sagen die Händler in Berlin.\n",
    "nl/vrouw.txt": "Vrouwen in Amsterdam\n\nDe vrouw op de markt in Amsterdam verkoopt bloemen en groenten.\n",
    "fr/marche.txt": "Le marché de Paris\n\nLe marché aux fleurs de Paris ouvre ses portes le dimanche matin.\n",
}


def _corpus(folder: Path) -> Path:
    for name, text in CORPUS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _with_lexicon(settings: Settings) -> Settings:
    found, _ = standard_sources(LEXICON_DATA / "de-en", LEXICON_DATA)
    build_lexicon(found, lexicon_path(settings.data_dir))
    return settings


def _documents(data_dir: Path) -> dict[str, dict]:
    engine = EmbeddedEngine(data_dir)
    try:
        return {doc_id: engine.get(doc_id).to_dict() for doc_id in ("de/markt", "nl/vrouw", "fr/marche")}
    finally:
        engine.close()


def test_reindex_from_code_translates_and_glosses_like_the_cli(installed: Settings, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    from_code = _with_lexicon(installed.with_(corpus=corpus, workers=1))
    summary = reindex(from_code)
    assert summary.indexed == 3, summary.lines()

    from_cli = tmp_path / "cli-data"
    shutil.copytree(installed.models_path, from_cli / "models")
    _with_lexicon(Settings(data_dir=from_cli))
    result = CliRunner().invoke(main, ["reindex", "--data", str(from_cli), "--corpus", str(corpus), "--workers", "1"],
                                env={"BABELSEARCH_TRANSLATIONS": str(tmp_path / "cli-translations")})
    assert result.exit_code == 0, result.output

    code_docs, cli_docs = _documents(from_code.data_dir), _documents(from_cli)
    assert code_docs == cli_docs, "the CLI and a call from code must build the same documents"
    german = code_docs["de/markt"]
    assert german["title_translator"] == "argos/de_en@1.9" and german["title_en"]
    assert all(p["translator"] == "argos/de_en@1.9" and p["english"] for p in german["paragraphs"])
    french = code_docs["fr/marche"]
    assert all(p["english"] is None for p in french["paragraphs"]), "no fr→en model: left untranslated"
    assert summary.translation.translated == 4 and summary.translation.missing_models == {"fr"}
    assert any(line.startswith("Translation:") for line in summary.lines())


def test_glosses_come_from_the_pipeline_with_its_ranking(settings: Settings, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    glossing = _with_lexicon(settings.with_(corpus=corpus, workers=1))
    reindex(glossing, ReindexOptions(translate=False))
    german = _documents(glossing.data_dir)["de/markt"]
    assert german["paragraphs"][0]["english"] is None
    assert german["paragraphs"][0]["gloss"].startswith("market"), german["paragraphs"][0]


def test_a_second_reindex_of_the_same_target_is_refused(settings: Settings, tmp_path: Path) -> None:
    target = settings.with_(corpus=_corpus(tmp_path / "corpus"), workers=1)
    with ReindexLock(target):
        with pytest.raises(IndexBusy, match="another reindex"):
            reindex(target)
        other_alias = target.with_(engine="http://127.0.0.1:9/", es_index="elsewhere")
        assert ReindexLock(other_alias).path != ReindexLock(target).path, "one lock per engine target"
    assert reindex(target).indexed == 3, "the lock is free again"


def test_a_failed_reindex_releases_the_lock_and_keeps_the_index(settings: Settings, tmp_path: Path) -> None:
    target = settings.with_(corpus=_corpus(tmp_path / "corpus"), workers=1)
    reindex(target)

    def explode(documents):
        for _ in documents:
            raise RuntimeError("disk on fire")
        yield from ()

    with pytest.raises(RuntimeError, match="disk on fire"):
        reindex(target, extra_stages=[explode])
    assert set(_documents(target.data_dir)) == {"de/markt", "nl/vrouw", "fr/marche"}, "previous index answers"
    with ReindexLock(target):
        pass  # acquirable: the failed run released it


def test_the_lock_file_never_holds_the_engine_url(settings: Settings) -> None:
    secret = settings.with_(engine="https://bob:hunter2@es.example:9200/")
    lock = ReindexLock(secret)
    assert "hunter2" not in str(lock.path) and "hunter2" not in lock.display
