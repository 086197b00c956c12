"""A real OpenSearch node for the tests: started once per session, stopped at the end.

``scripts/opensearch-node`` resolves OpenSearch's jars from Maven Central into
a cache outside the clone (``$BABELSEARCH_CACHE``, default
``~/.cache/babelsearch``) and starts a single node on a free loopback port
with a small heap. Without Java or Maven the tests that need the node are
skipped with the reason, except under CI=true, where that fails the run; a
node that does not come up always fails.

Use the ``opensearch_node`` fixture (the node's ``http://127.0.0.1:PORT``), or
``running_node`` outside pytest (bench/engines.py).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest
from system_deps import missing_dependency

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "opensearch-node"
VERSION = os.environ.get("OPENSEARCH_VERSION", "2.19.6")
# Resolving the jars the first time (Maven) plus the node's own start; a
# warm start takes about 10 s.
START_SECONDS = float(os.environ.get("BABELSEARCH_OPENSEARCH_START_SECONDS", "300"))
STOP_SECONDS = 30


def cache_dir() -> Path:
    """Where scripts/opensearch-node keeps this version's jars."""
    root = os.environ.get("BABELSEARCH_CACHE") or Path.home() / ".cache" / "babelsearch"
    return Path(root) / f"opensearch-{VERSION}"


def missing_tools() -> str | None:
    """Why the node cannot be started here, or None."""
    needed = {"java": "default-jre-headless", "javac": "default-jdk-headless"}
    if not (cache_dir() / "lib" / ".complete").exists():
        needed["mvn"] = "maven"  # only to fill the jar cache
    missing = [tool for tool in needed if shutil.which(tool) is None]
    if not missing:
        return None
    packages = " ".join(needed[tool] for tool in missing)
    return f"a real OpenSearch node needs {', '.join(missing)}: apt-get install -y {packages}"


@contextlib.contextmanager
def running_node(home: Path, heap: str | None = None, java_opts: str = "") -> Iterator[str]:
    """Start a node with its data and log under ``home``; yield its URL; stop it.

    Raises RuntimeError with the end of the node's log when it does not come up.
    """
    home.mkdir(parents=True, exist_ok=True)
    url_file, log_file = home / "url", home / "node.log"
    env = dict(os.environ, OPENSEARCH_VERSION=VERSION)
    if heap:
        env["OPENSEARCH_HEAP"] = heap
    if java_opts:
        env["OPENSEARCH_JAVA_OPTS"] = java_opts
    with open(log_file, "ab") as log:
        process = subprocess.Popen(
            [str(SCRIPT), "run", str(home / "node"), "0", str(url_file)],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
    try:
        yield _wait_for_url(process, url_file, log_file)
    finally:
        _stop(process)


def _wait_for_url(process: subprocess.Popen, url_file: Path, log_file: Path) -> str:
    deadline = time.monotonic() + START_SECONDS
    while not url_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            state = f"exited with {process.returncode}" if process.returncode is not None else "timed out"
            tail = log_file.read_text(errors="replace")[-4000:]
            raise RuntimeError(f"the OpenSearch node {state} before answering (log {log_file}):\n{tail}")
        time.sleep(0.2)
    return url_file.read_text().strip()


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM lets the node close its shards; SIGKILL if it hangs."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="session")
def opensearch_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``http://127.0.0.1:PORT`` of a real OpenSearch node, shared by the session."""
    reason = missing_tools()
    if reason:
        missing_dependency(reason)
    home = tmp_path_factory.mktemp("opensearch")
    try:
        # C1 only: a test node answers few queries, so a quick start matters more than top speed.
        with running_node(home, java_opts="-XX:TieredStopAtLevel=1") as url:
            yield url
    except RuntimeError as exc:
        pytest.fail(str(exc))
