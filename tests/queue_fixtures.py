"""A real Redis and real ``babelsearch worker`` processes for the queue tests.

``redis_server`` starts Debian's ``redis-server`` on a free loopback port
with persistence off, in a temporary directory (skipped without it, a
failure under CI=true). ``Workers`` starts ``python -m indexer worker``
subprocesses from the repository root and waits until each answers a ping.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import redis
from es_standin import free_port
from system_deps import missing_dependency

from indexer.settings import Settings
from indexer.translate.queue import celery_app

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 60


@contextlib.contextmanager
def redis_server(directory: Path) -> Iterator[str]:
    """Run redis-server on a free port in ``directory``; yield its URL."""
    command = shutil.which("redis-server")
    if command is None:
        missing_dependency("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    log = open(directory / "redis.log", "wb")
    process = subprocess.Popen(
        [command, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(directory)], stdout=log, stderr=subprocess.STDOUT,
    )
    client = redis.Redis(port=port)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start: {(directory / 'redis.log').read_text()}")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=30)
        log.close()


class Workers:
    """``babelsearch worker`` subprocesses on one broker; stopped on ``close``."""

    def __init__(self, broker: str, logs: Path, timeout: float) -> None:
        self.broker, self.logs, self.timeout = broker, logs, timeout
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str, settings: Settings, *options: str) -> subprocess.Popen:
        """Start a worker serving ``settings.models_path``; return once it answers a ping."""
        env = {**os.environ, "BABELSEARCH_WORKER_TIMEOUT": str(self.timeout)}
        command = [sys.executable, "-m", "indexer", "worker", "--data", str(settings.data_dir),
                   "--models", str(settings.models_path), "--broker", self.broker, "--name", name, *options]
        log = open(self.logs / f"{name}.log", "wb")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.processes[name] = process
        self._wait_ready(name, process)
        return process

    def _wait_ready(self, name: str, process: subprocess.Popen) -> None:
        app = celery_app(self.broker, self.timeout)
        try:
            deadline = time.monotonic() + START_SECONDS
            while not app.control.ping(destination=[name], timeout=0.5):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"worker {name} did not start: {self.log(name)}")
        finally:
            app.close()

    def log(self, name: str) -> str:
        """What a worker wrote so far."""
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def kill(self, name: str) -> None:
        """SIGKILL a worker: no warm shutdown, nothing acknowledged or handed back."""
        process = self.processes.pop(name)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def close(self) -> None:
        """Stop every worker still running."""
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()


def unacked(broker: str) -> int:
    """Batches a worker has taken but not acknowledged (kombu's ``unacked`` hash)."""
    client = redis.Redis.from_url(broker)
    try:
        return int(client.hlen("unacked"))
    finally:
        client.close()
