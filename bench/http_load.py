"""HTTP load benchmark: ``babelsearch serve`` versus the engine called directly.

1. build (or reuse) a synthetic corpus of N documents (default 10,000) made
   by recombining seed paragraphs, and index it with the pipeline;
2. start ``babelsearch serve`` on a free loopback port;
3. for each concurrency (1, 4, 16): C client threads send a fixed mix of
   queries to ``/api/search`` for a bounded time, then C threads run the
   same queries straight through the engine interface (no HTTP);
4. print requests/s, p50/p95/p99 latency and errors for both, the ratio of
   the p95s, and the server's RSS before and after.

Targets: zero errors; API p95 <= 3x engine p95 at every concurrency.
Loopback only; nothing leaves the machine.

    python bench/http_load.py [--docs 10000] [--seconds 10] [--concurrency 1 4 16]
"""
from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.datastructures import MultiDict  # noqa: E402

from indexer.engines import open_engine  # noqa: E402
from indexer.pipeline import reindex  # noqa: E402
from indexer.settings import Settings  # noqa: E402
from server.params import search_request  # noqa: E402

log = logging.getLogger("http_load")

DEFAULT_SEEDS = Path("/work/shared/seeds") if Path("/work/shared/seeds").is_dir() else ROOT / "seeds"
AGENCIES = ("Reuters", "dpa", "AFP", "ANP", "Belga")
CITIES = ("BERLIN", "BRUSSEL", "AMSTERDAM", "WASHINGTON", "PEKING")
# A fixed mix: plain words, required and excluded words, phrases, filters,
# date sort, a later page. Same strings go to the API and to the engine.
QUERY_MIX = (
    "q=Nuctech",
    "q=China+security",
    "q=Huawei+Duisburg",
    "q=%22Financial+Times%22",
    "q=%2BAlibaba+Spionage",
    "q=scanner+-Finnland",
    "q=Trump+China+Telecom&sort=date",
    "q=Sicherheit&lang=de",
    "q=douane+Nuctech&lang=nl",
    "q=Europa+Risiko&from=2020&to=2022",
    "q=Regierung&page=3",
    "q=Handelsministerium+Exportbeschr%C3%A4nkungen&size=20",
)


# --- 1. corpus and index -----------------------------------------------------

def seed_paragraphs(seeds: Path) -> list[str]:
    """Every paragraph (blank-line separated, 80+ chars) of the seed files."""
    paragraphs = []
    for path in sorted(seeds.glob("*.txt")):
        text = re.sub(r"^\s*date \S+\s*", "", path.read_text(encoding="utf-8"))
        paragraphs += [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if len(p.strip()) >= 80]
    return paragraphs


def build_corpus(seeds: Path, folder: Path, count: int, seed: int = 7) -> None:
    """``count`` .txt files of 3-8 recombined seed paragraphs, with a date line,
    a title and an agency dateline so that every facet has values."""
    rng = random.Random(seed)
    pool = seed_paragraphs(seeds)
    for number in range(count):
        chosen = rng.sample(pool, k=min(len(pool), rng.randint(3, 8)))
        title = " ".join(chosen[0].split()[: rng.randint(5, 11)]).rstrip(",.;:")
        date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        dateline = f"{rng.choice(CITIES)}, {rng.randint(1, 28)}. Mai ({rng.choice(AGENCIES)}) - "
        body = "\n\n".join([dateline + chosen[0], *chosen[1:]])
        sub = folder / f"{number // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{number:05d}.txt").write_text(f"date {date}\n{title}\n\n{body}\n", encoding="utf-8")


def prepare_index(out: Path, seeds: Path, count: int, rebuild: bool) -> Settings:
    """Settings over a published index of the synthetic corpus (reused when present)."""
    corpus, data = out / "corpus", out / "data"
    settings = Settings(data_dir=data, corpus=corpus, translations_dir=out / "translations")
    marker = out / "built.json"
    if marker.exists() and not rebuild and json.loads(marker.read_text()).get("docs") == count:
        log.info("reusing the index in %s", out)
        return settings
    if not corpus.exists() or rebuild:
        log.info("writing %d synthetic documents to %s", count, corpus)
        build_corpus(seeds, corpus, count)
    started = time.perf_counter()
    summary = reindex(settings)
    print(f"indexed {summary.indexed} documents in {time.perf_counter() - started:.1f}s "
          f"({summary.docs_per_second:.0f} docs/s)")
    marker.write_text(json.dumps({"docs": count}))
    return settings


# --- 2. the server -------------------------------------------------------------

def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(settings: Settings, port: int, threads: int) -> subprocess.Popen:
    """``babelsearch serve`` in a subprocess; returns once /api/health answers."""
    command = [sys.executable, "-m", "indexer", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--threads", str(threads), "--data", str(settings.data_dir)]
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
    raise SystemExit("babelsearch serve did not come up")


def rss_mib(pid: int) -> float:
    """Resident memory of process ``pid`` in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- 3. load -------------------------------------------------------------------

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


def http_worker(port: int, offset: int, deadline: float, run: Run) -> None:
    """One client: a keep-alive connection cycling through the query mix."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors, i = [], [], offset
    while time.perf_counter() < deadline:
        query = QUERY_MIX[i % len(QUERY_MIX)]
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
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()
    run.add(latencies, errors)


def engine_worker(engine, requests: list, offset: int, deadline: float, run: Run) -> None:
    """One thread calling ``engine.search`` with the same query mix."""
    latencies, errors, i = [], [], offset
    while time.perf_counter() < deadline:
        request = requests[i % len(requests)]
        i += 1
        started = time.perf_counter()
        try:
            engine.search(request)
        except Exception as exc:  # counted, not raised: the benchmark reports errors
            errors.append(repr(exc))
            continue
        latencies.append(time.perf_counter() - started)
    run.add(latencies, errors)


def timed(target, args_for, clients: int, seconds: float) -> Run:
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


# --- 4. report -----------------------------------------------------------------

def row(label: str, clients: int, run: Run) -> str:
    return (f"{clients:>4} {label:<7} {run.rate:>8.1f} {run.percentile(50):>8.2f} "
            f"{run.percentile(95):>8.2f} {run.percentile(99):>8.2f} {run.errors:>6}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="per concurrency and path")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "http-load")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the corpus and index")
    options = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    settings = prepare_index(options.out / str(options.docs), options.seeds, options.docs, options.rebuild)
    engine = open_engine(settings)
    requests = [search_request(MultiDict(parse_qsl(q))) for q in QUERY_MIX]
    port = free_port()
    server = start_server(settings, port, options.threads)
    try:
        warm_up(port, engine, requests)
        rss_before = rss_mib(server.pid)
        print(f"\n{options.docs} documents, {len(QUERY_MIX)} queries in the mix, {options.seconds:.0f}s per run, "
              f"waitress threads={options.threads}, cores={os.cpu_count()}, "
              f"load average {os.getloadavg()[0]:.1f} (other work on the machine skews both paths alike)")
        failures = compare(port, engine, requests, options.concurrency, options.seconds)
        print(f"server RSS: {rss_before:.1f} MiB before, {rss_mib(server.pid):.1f} MiB after")
        print("targets met" if not failures else f"targets missed at concurrency {failures}")
        return 1 if failures else 0
    finally:
        server.terminate()
        server.wait(timeout=10)
        engine.close()


def warm_up(port: int, engine, requests: list) -> None:
    """One pass of the mix on both paths: lazy imports, caches, page cache."""
    for number, request in enumerate(requests):
        timed(http_worker, lambda n: (port, number), 1, 0.05)
        engine.search(request)


def compare(port: int, engine, requests: list, levels: list[int], seconds: float) -> list[int]:
    """API then engine at each concurrency; print the table; return levels that miss a target."""
    print(f"{'conc':>4} {'path':<7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
    failures = []
    for clients in levels:
        api = timed(http_worker, lambda n: (port, n), clients, seconds)
        direct = timed(engine_worker, lambda n: (engine, requests, n), clients, seconds)
        ratio = api.percentile(95) / direct.percentile(95)
        print(row("api", clients, api))
        print(row("engine", clients, direct))
        print(f"{'':>4} p95 ratio api/engine = {ratio:.2f} (target <= 3.00)")
        for sample in api.error_samples + direct.error_samples:
            print(f"     error: {sample}")
        if api.errors or direct.errors or ratio > 3:
            failures.append(clients)
    return failures


if __name__ == "__main__":
    sys.exit(main())
