"""Shared pytest fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


# --- server fixtures (web UI and JSON API, issue 5) -------------------------
# ``server_engine`` is an engine over the seeds plus one hostile document;
# ``server_app`` / ``server_client`` wrap it in the Flask app.


@pytest.fixture(scope="session")
def server_corpus(tmp_path_factory) -> Path:
    """A corpus folder: the seeds plus a hostile document that tries to inject HTML."""
    from server_fakes import HOSTILE_ID, HOSTILE_TEXT

    folder = tmp_path_factory.mktemp("server-corpus")
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / f"{HOSTILE_ID}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def server_engine(server_corpus):
    """The engine the server tests search (read-only, shared by the session)."""
    from server_fakes import FakeEngine, seed_documents

    engine = FakeEngine(seed_documents(server_corpus))
    yield engine
    engine.close()


@pytest.fixture()
def server_app(server_engine):
    """The Flask app over ``server_engine``."""
    from server import create_app

    return create_app({"ENGINE": server_engine, "TESTING": True})


@pytest.fixture()
def server_client(server_app):
    """Flask test client of ``server_app``."""
    return server_app.test_client()


@pytest.fixture()
def broken_client():
    """A client whose engine raises EngineUnavailable on every call."""
    from server import create_app
    from server_fakes import BrokenEngine

    return create_app({"ENGINE": BrokenEngine(), "TESTING": True}).test_client()
