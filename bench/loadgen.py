"""Load generation for ``http_load.py``: closed-loop clients, the raw engine, the server.

A client is a thread that sends its next request as soon as the last one
answered, for a fixed time; a ``Run`` gathers the latencies of all clients.
The raw engine is Tantivy with nothing of babelsearch around it: the query
parsed by Tantivy's own parser on one field, the top 10 hits, their ids.
"""
from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import tantivy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.engines.base import facet_aggregations  # noqa: E402
from indexer.engines.ondisk import BuildDirectory  # noqa: E402
from indexer.engines.tantivy_query import render  # noqa: E402
from indexer.engines.tantivy_schema import register_analyzers  # noqa: E402
from indexer.query import SearchRequest  # noqa: E402
from indexer.ranking import DEFAULT_RANKING  # noqa: E402
from indexer.settings import Settings  # noqa: E402

RAW_FIELD = "text_de"  # most of the seed text is German


@dataclass
class Run:
    """Latencies (seconds) and errors of one timed run."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, latencies: list[float], errors: list[str]) -> None:
        with self.lock:
            self.latencies += latencies
            self.errors += len(errors)
            self.error_samples += errors[: 3 - len(self.error_samples)]

    def percentile(self, p: float) -> float:
        """Latency percentile in milliseconds."""
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(p) - 1] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


class RawTantivy:
    """The bare engine on the live build of a data dir: one field, top-10 ids, no snippets."""

    def __init__(self, settings: Settings) -> None:
        live = BuildDirectory(Path(settings.data_dir) / "index").current()
        if live is None:
            raise SystemExit(f"no index in {settings.data_dir}")
        self.index = tantivy.Index.open(str(live[0]))
        register_analyzers(self.index)
        self.searcher = self.index.searcher()

    def search(self, text: str) -> list[str]:
        """Ids of the top 10 hits of ``text`` in ``RAW_FIELD``."""
        query = self.index.parse_query(text, [RAW_FIELD])
        hits = self.searcher.search(query, 10, count=False).hits
        return [self.searcher.doc(address)["id"][0] for _, address in hits]


class NativeQuery:
    """Bare Tantivy doing the native work of the API's own searches: each
    query of the mix rendered once by babelsearch beforehand, then per call
    only Tantivy: the facet aggregation, the top hits and their stored
    fields. No Python of babelsearch between: the least an API search costs
    on this engine before any snippet, JSON or HTTP."""

    def __init__(self, raw: RawTantivy, requests: list[SearchRequest]) -> None:
        self.searcher = raw.searcher
        schema = raw.index.schema
        self.aggregations = facet_aggregations()
        self.rendered = {
            index: (render(request.query, request.filters, schema, DEFAULT_RANKING), request)
            for index, request in enumerate(requests)
        }

    def search(self, index: int) -> list[Any]:
        """Facets, page and stored hits of the mix's query number ``index``."""
        query, request = self.rendered[index]
        self.searcher.aggregate(query, self.aggregations)
        hits = self.searcher.search(query, request.size, count=False, offset=request.offset).hits
        return [self.searcher.doc(address) for _, address in hits]


def http_client(port: int, queries: list[str], offset: int, deadline: float, run: Run) -> None:
    """One client: GET /api/search with the mix, reconnecting when the server closes."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors, i = [], [], offset
    while time.perf_counter() < deadline:
        query = queries[i % len(queries)]
        i += 1
        started = time.perf_counter()
        try:
            connection.request("GET", "/api/search?" + query)
            response = connection.getresponse()
            body = response.read()
            if response.status != 200 or b'"hits"' not in body:
                errors.append(f"{query}: HTTP {response.status}")
                continue
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{query}: {exc!r}")
            connection.close()
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()
    run.add(latencies, errors)


def raw_client(raw: RawTantivy | NativeQuery, texts: list[Any], offset: int, deadline: float, run: Run) -> None:
    """One thread querying the bare engine with the same queries (texts, or the mix's numbers for ``NativeQuery``)."""
    latencies, errors, i = [], [], offset
    while time.perf_counter() < deadline:
        text = texts[i % len(texts)]
        i += 1
        started = time.perf_counter()
        try:
            raw.search(text)
        except ValueError as exc:  # counted, not raised: the benchmark reports errors
            errors.append(repr(exc))
            continue
        latencies.append(time.perf_counter() - started)
    run.add(latencies, errors)


def timed(target: Callable[..., None], args_for: Callable[[int], tuple], clients: int, seconds: float) -> Run:
    """Run ``clients`` threads of ``target`` for ``seconds``; gather one Run."""
    run = Run()
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=target, args=(*args_for(n), deadline, run)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - started
    return run


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(settings: Settings, port: int, workers: int) -> subprocess.Popen:
    """``babelsearch serve`` in a subprocess; returns once /api/health answers."""
    return _started([sys.executable, "-m", "indexer", "serve", "--host", "127.0.0.1", "--port", str(port),
                     "--workers", str(workers), "--data", str(settings.data_dir)], port, "babelsearch serve")


def start_floor(port: int, workers: int, body: Path) -> subprocess.Popen:
    """``http_floor.py`` (serve's gunicorn answering ``body`` without a search) in a subprocess."""
    return _started([sys.executable, str(ROOT / "bench" / "http_floor.py"), str(port), str(workers), str(body)],
                    port, "the HTTP floor")


def _started(command: list[str], port: int, name: str) -> subprocess.Popen:
    """``command`` in a subprocess, once its /api/health answers 200."""
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/health")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{name} did not come up")


def memory_mib(pid: int) -> dict[str, Any]:
    """RSS and PSS (shared pages split between the processes sharing them) of
    ``pid`` and of each of its child processes, in MiB."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return {"master": _memory(pid), "workers": [_memory(int(child)) for child in children]}


def _memory(pid: int) -> tuple[float, float]:
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0]) / 1024
    return values.get("Rss", float("nan")), values.get("Pss", float("nan"))
