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
