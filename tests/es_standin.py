"""Finding an Elasticsearch API for the tests: a real cluster or the stand-in.

With ``BABELSEARCH_TEST_ES_URL`` set, tests run against that cluster. Without
it they start ``noida-db`` -- an Elasticsearch-API stand-in, not
Elasticsearch -- on a free port in a temporary data dir, once per session,
and stop it afterwards. Where the stand-in behaves differently from real
Elasticsearch, tests mark that one assertion with ``known_different``.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
from system_deps import missing_dependency

REAL_URL = os.environ.get("BABELSEARCH_TEST_ES_URL", "").strip()
STANDIN_ID = "elasticsearch-standin-noida"  # says in every test id that this is not Elasticsearch
ES_PARAM_ID = "elasticsearch-real" if REAL_URL else STANDIN_ID
STANDIN_START_SECONDS = 60


def noida_db() -> str | None:
    """Path of the noida-db command: next to this Python, or on PATH."""
    beside = Path(sys.executable).parent / "noida-db"
    return str(beside) if beside.exists() else shutil.which("noida-db")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float) -> None:
    """Poll ``url`` until it answers, or raise TimeoutError."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_cluster/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"nothing answered at {url} within {seconds}s")
        time.sleep(0.2)


@contextlib.contextmanager
def standin(data_dir: Path) -> Iterator[str]:
    """Run noida-db with only its Elasticsearch API on a free port; yield its URL.

    Also used by bench/engines.py. Raises FileNotFoundError when noida-db is
    not installed and RuntimeError when it does not start.
    """
    command = noida_db()
    if command is None:
        raise FileNotFoundError("noida-db (the Elasticsearch-API stand-in) is not installed: pip install noida-db")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    up = [command, "up", "--only", "elasticsearch", "--elasticsearch-port", str(port), "--data-dir", str(data_dir)]
    try:
        started = subprocess.run(up, capture_output=True, text=True, timeout=STANDIN_START_SECONDS)
        if started.returncode != 0:
            raise RuntimeError(f"noida-db up failed ({started.returncode}): {started.stdout}{started.stderr}")
        wait_until_up(url, STANDIN_START_SECONDS)
        yield url
    finally:
        subprocess.run([command, "down", "--data-dir", str(data_dir)], capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def es_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the Elasticsearch API the tests use (real cluster or stand-in)."""
    if REAL_URL:
        yield REAL_URL
        return
    if noida_db() is None:
        missing_dependency("noida-db (the Elasticsearch-API stand-in) is not installed: pip install noida-db")
    with standin(tmp_path_factory.mktemp("noida-db")) as url:
        yield url


@contextlib.contextmanager
def known_different(param_id: str, reason: str) -> Iterator[None]:
    """Wrap one assertion that holds on real Elasticsearch but not on the stand-in.

    On the stand-in a failing assertion becomes an expected failure with the
    reason; on every other engine it fails as usual. The product is never
    bent to the stand-in.
    """
    try:
        yield
    except AssertionError:
        if param_id == STANDIN_ID:
            pytest.xfail(f"noida-db differs from real Elasticsearch: {reason}")
        raise
