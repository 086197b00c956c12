"""Shared fixtures: the seed corpus and an index built from it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.pipeline import reindex
from indexer.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The repository's seed corpus (read-only)."""
    return SEEDS


@pytest.fixture(scope="session")
def seeds_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings with the seeds indexed once into a session data dir."""
    data = tmp_path_factory.mktemp("seeds-index")
    settings = Settings(data_dir=data, corpus=SEEDS, translations_dir=data / "translations")
    summary = reindex(settings)
    assert summary.indexed == 5, summary
    return settings


@pytest.fixture()
def seeds_engine(seeds_settings: Settings) -> EmbeddedEngine:
    """The embedded engine over the session's seeds index."""
    engine = EmbeddedEngine(seeds_settings.data_dir)
    yield engine
    engine.close()


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the seeds, for tests that add or break files."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


# --- server fixtures (web UI and JSON API, issue 5) -------------------------
# ``server_settings`` indexes the seeds plus one hostile document with the
# real pipeline and engine; a stand-in translation stage translates some
# documents so that translated and untranslated ones both exist.
# ``server_app`` / ``server_client`` wrap that index in the Flask app.


@pytest.fixture(scope="session")
def server_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus folder: the seeds plus a hostile document that tries to inject HTML."""
    from server_fakes import HOSTILE_ID, HOSTILE_TEXT

    folder = tmp_path_factory.mktemp("server-corpus")
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / f"{HOSTILE_ID}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def server_settings(server_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose data dir holds a published index of ``server_corpus``."""
    from server_fakes import STAND_IN_TRANSLATED, stand_in_translation

    data = tmp_path_factory.mktemp("server-index")
    settings = Settings(data_dir=data, corpus=server_corpus, translations_dir=data / "translations")
    summary = reindex(settings, extra_stages=[stand_in_translation(STAND_IN_TRANSLATED)])
    assert summary.indexed == len(list(server_corpus.glob("*.txt"))), summary
    return settings


@pytest.fixture(scope="session")
def server_engine(server_settings: Settings):
    """The engine the server tests search (read-only, shared by the session)."""
    from indexer.engines import open_engine

    engine = open_engine(server_settings)
    yield engine
    engine.close()


@pytest.fixture()
def server_app(server_engine, server_settings: Settings):
    """The Flask app over ``server_engine``."""
    from server import create_app

    return create_app({"SETTINGS": server_settings, "ENGINE": server_engine, "TESTING": True})


@pytest.fixture()
def server_client(server_app):
    """Flask test client of ``server_app``."""
    return server_app.test_client()


@pytest.fixture()
def broken_client():
    """A client whose engine raises EngineUnavailable on every call."""
    from server_fakes import BrokenEngine

    from server import create_app

    return create_app({"ENGINE": BrokenEngine(), "TESTING": True}).test_client()
