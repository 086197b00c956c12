"""``babelsearch serve`` in a subprocess on a free loopback port, for tests."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(data_dir: Path, workers: int = 1) -> Iterator[tuple[str, subprocess.Popen]]:
    """The production server over ``data_dir``; yields its URL and process once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "indexer", "serve", "--port", str(port), "--workers", str(workers),
               "--data", str(data_dir)]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, process)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"babelsearch serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("babelsearch serve did not answer within 60 s")
