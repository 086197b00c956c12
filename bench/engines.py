"""Engines side by side: the same synthetic news corpus and fixed queries on each.

The seed articles are extracted and language-tagged once by the pipeline;
their paragraphs are recombined into a synthetic corpus of news-sized
Documents, so only the engine's own work is timed: bulk add + publish
(docs/s), then a fixed set of queries (words, OR, phrases, required and
excluded words, filters, date sort; facets and highlights on) with 1, 4 and
16 concurrent clients sharing one engine (as the server's threads do):
p50/p95 latency and queries/s. For a cluster the same request bodies are
also sent through the bare client (no query building, no answer parsing),
the layer below the engine.

Engines: embedded always; a real OpenSearch node from
``scripts/opensearch-node`` (or ``--opensearch-url``); Elasticsearch at
``--es-url``; the noida-db stand-in only with ``--standin`` (its speed says
nothing about real Elasticsearch).

    python bench/engines.py [--docs 100000] [--queries 400] [--clients 1,4,16]
                            [--opensearch-url URL] [--es-url URL] [--standin]
"""
from __future__ import annotations

import argparse
import contextlib
import queue
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from es_standin import STANDIN_ID, noida_db, standin  # noqa: E402  (the tests' stand-in runner)
from opensearch_node import running_node  # noqa: E402  (the tests' node runner)

from indexer.document import Document, Paragraph  # noqa: E402
from indexer.engines import open_engine  # noqa: E402
from indexer.engines.base import Engine  # noqa: E402
from indexer.engines.elastic_query import render_search  # noqa: E402
from indexer.extract.sources import list_corpus  # noqa: E402
from indexer.pipeline import prepared_documents  # noqa: E402
from indexer.query import Filters, SearchRequest, date_range, parse_query  # noqa: E402
from indexer.ranking import DEFAULT_RANKING  # noqa: E402
from indexer.reindex_summary import ReindexSummary  # noqa: E402
from indexer.settings import Settings  # noqa: E402

SOURCES = ("Handelsblatt", "NOS", "Reuters", "RT Deutsch", "De Volkskrant", "FAZ", "NRC", "Tagesschau")


def seed_paragraphs() -> list[Paragraph]:
    """Every paragraph of the seeds, extracted and language-tagged by the pipeline."""
    settings = Settings(corpus=ROOT / "seeds", workers=1)
    files, _ = list_corpus(settings.corpus)
    docs = list(prepared_documents(files, settings, ReindexSummary()))
    return [p for doc in docs for p in doc.paragraphs if len(p.text) > 40]


def synthetic_corpus(count: int, seed: int = 7) -> list[Document]:
    """``count`` Documents recombining seed paragraphs, with dates and sources."""
    rng = random.Random(seed)
    pool = seed_paragraphs()
    docs = []
    for number in range(count):
        # 8-20 paragraphs: about 3 kB of original text, a news article's length
        paragraphs = [Paragraph(**vars(p)) for p in rng.choices(pool, k=rng.randint(8, 20))]
        language = Counter(p.language for p in paragraphs).most_common(1)[0][0]
        date = None if rng.random() < 0.1 else f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        docs.append(Document(
            id=f"synthetic/{number:05d}", path=f"synthetic/{number:05d}.txt", source_sha256=uuid.uuid4().hex,
            title=" ".join(paragraphs[0].text.split()[:8]), date=date, source=rng.choice(SOURCES),
            language=language, paragraphs=paragraphs,
        ))
    return docs


def fixed_queries(docs: list[Document], count: int, seed: int = 11) -> list[SearchRequest]:
    """A reproducible mix of query shapes over words that occur in the corpus."""
    rng = random.Random(seed)
    words = Counter(w for d in docs[:500] for p in d.paragraphs for w in re.findall(r"[^\W\d_]{5,}", p.text))
    vocabulary = [w for w, _ in words.most_common(2000)]
    texts = [p.text for d in docs[:200] for p in d.paragraphs]
    shapes = [
        lambda: SearchRequest(parse_query(rng.choice(vocabulary))),
        lambda: SearchRequest(parse_query(f"{rng.choice(vocabulary)} {rng.choice(vocabulary)}")),
        lambda: SearchRequest(parse_query(f"{rng.choice(vocabulary)} OR {rng.choice(vocabulary)}")),
        lambda: SearchRequest(parse_query(f'"{_bigram(rng, texts)}"')),
        lambda: SearchRequest(parse_query(f"+{rng.choice(vocabulary[:200])} {rng.choice(vocabulary)}")),
        lambda: SearchRequest(parse_query(f"{rng.choice(vocabulary[:200])} -{rng.choice(vocabulary)}")),
        lambda: SearchRequest(parse_query(rng.choice(vocabulary)), Filters(languages=(rng.choice(("de", "nl")),))),
        lambda: SearchRequest(parse_query(rng.choice(vocabulary)), Filters(dates=date_range("2018", "2020"))),
        lambda: SearchRequest(parse_query(rng.choice(vocabulary)), sort="date", page=2),
    ]
    return [shapes[number % len(shapes)]() for number in range(count)]


def _bigram(rng: random.Random, texts: list[str]) -> str:
    words = re.findall(r"[^\W\d_]{3,}", rng.choice(texts))
    start = rng.randrange(max(1, len(words) - 1))
    return " ".join(words[start:start + 2]) or "Nuctech"


def build(engine: Engine, docs: list[Document]) -> float:
    """Bulk add + publish; docs/s."""
    started = time.perf_counter()
    index = engine.new_build()
    result = index.add(iter(docs))
    index.publish()
    seconds = time.perf_counter() - started
    if result.failures:
        print(f"  {len(result.failures)} documents refused, e.g. {result.failures[0]}")
    return result.added / seconds


def run_clients(search: Callable[[SearchRequest], object], queries: list[SearchRequest], clients: int) -> dict[str, float]:
    """Every query once, spread over ``clients`` threads; latency percentiles in ms and queries/s."""
    pending = queue.SimpleQueue()
    for request in queries:
        pending.put(request)
    latencies: list[float] = []
    errors: list[str] = []

    def client() -> None:
        while True:
            try:
                request = pending.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            try:
                search(request)
            except Exception as exc:  # counted, not fatal: the benchmark reports errors
                errors.append(f"{type(exc).__name__}: {exc}")
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=20)
    return {"p50": statistics.median(latencies), "p95": cuts[18], "qps": len(latencies) / seconds,
            "errors": len(errors)}


def measure(engine: Engine, docs: list[Document], queries: list[SearchRequest],
            levels: list[int]) -> dict[str, Any]:
    """docs/s of build+publish, then the queries at each client count, through
    the engine and (for a cluster) through the bare client with the same bodies."""
    results: dict[str, Any] = {"docs_per_s": build(engine, docs), "bare": {}}
    raw = getattr(getattr(engine, "client", None), "raw", None)
    # The layer below: the same bodies, sent by the bare client, answers not parsed.
    limit = getattr(getattr(engine, "client", None), "highlight_limit", None)
    bodies = {id(r): render_search(r, DEFAULT_RANKING, limit) for r in queries} if raw else {}
    for request in queries[:20]:  # warm caches, connections and the JIT
        engine.search(request)
    for clients in levels:  # engine and bare client back to back, so that both see the same machine
        results[clients] = run_clients(engine.search, queries, clients)
        if raw is not None:
            results["bare"][clients] = run_clients(
                lambda r: raw.search(index=engine.alias, body=bodies[id(r)]), queries, clients)
        print(f"  {clients:2} clients done", file=sys.stderr, flush=True)
    return results


def report(name: str, result: dict[str, Any], levels: list[int]) -> None:
    """One block of lines per engine."""
    print(f"{name}: {result['docs_per_s']:.0f} docs/s (bulk add + publish)")
    for clients in levels:
        r = result[clients]
        line = (f"  {clients:2} clients: p50 {r['p50']:7.2f} ms  p95 {r['p95']:7.2f} ms  "
                f"{r['qps']:7.1f} q/s  errors {r['errors']}")
        bare = result.get("bare", {}).get(clients)
        if bare:
            line += f"   | bare client p50 {bare['p50']:7.2f} ms  p95 {bare['p95']:7.2f} ms"
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400, help="queries per client count")
    parser.add_argument("--clients", default="1,4,16", help="client counts, comma-separated")
    parser.add_argument("--opensearch-url", help="an OpenSearch cluster (default: a local node from scripts/opensearch-node)")
    parser.add_argument("--opensearch-heap", default="1g", help="heap of the local node")
    parser.add_argument("--no-opensearch", action="store_true", help="skip OpenSearch")
    parser.add_argument("--es-url", help="also a real Elasticsearch cluster")
    parser.add_argument("--standin", action="store_true",
                        help="also the noida-db Elasticsearch-API stand-in (slow: ~25 min for 10,000 documents)")
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    started = time.perf_counter()
    docs = synthetic_corpus(args.docs)
    queries = fixed_queries(docs, args.queries)
    size = statistics.mean(len(p.text) + len(p.english or "") for d in docs[:1000] for p in d.paragraphs) * \
        statistics.mean(len(d.paragraphs) for d in docs[:1000])
    print(f"{len(docs)} synthetic documents (~{size / 1000:.1f} kB of text each, original + English), "
          f"{len(queries)} fixed queries per client count; made in {time.perf_counter() - started:.0f} s")
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        targets = {"embedded": "embedded"}
        if not args.no_opensearch:
            targets["opensearch"] = "opensearch+" + (args.opensearch_url or stack.enter_context(
                _local_opensearch(Path(tmp) / "opensearch", args.opensearch_heap)))
        if args.es_url:
            targets["elasticsearch"] = args.es_url
        if args.standin:
            targets[STANDIN_ID] = stack.enter_context(_standin(Path(tmp) / "noida"))
        results = {}
        for name, target in targets.items():
            settings = Settings(data_dir=Path(tmp) / name, engine=target, es_index=f"bench-{uuid.uuid4().hex[:8]}")
            engine = open_engine(settings)
            if hasattr(engine, "client"):
                # Bulk chunks and the stand-in can take longer than a query's
                # default timeout; the benchmark waits instead of failing.
                _long_timeout(engine)
            try:
                results[name] = measure(engine, docs, queries, levels)
            finally:
                _cleanup(engine)
            report(name, results[name], levels)
        _ratios(results, levels)
        if args.standin:
            print("note: noida-db is an Elasticsearch-API stand-in; its speed says nothing about real Elasticsearch.")


def _ratios(results: dict[str, dict[str, Any]], levels: list[int]) -> None:
    base = results["embedded"]
    for name, other in results.items():
        if name == "embedded":
            continue
        parts = [f"docs/s {other['docs_per_s'] / base['docs_per_s']:.2f}"]
        parts += [f"p95@{c} {other[c]['p95'] / base[c]['p95']:.2f}" for c in levels]
        print(f"ratio {name} / embedded: " + ", ".join(parts))


@contextlib.contextmanager
def _local_opensearch(home: Path, heap: str) -> Iterator[str]:
    """A node from scripts/opensearch-node, with its start time printed."""
    started = time.perf_counter()
    with running_node(home, heap=heap) as url:
        print(f"OpenSearch node up at {url} in {time.perf_counter() - started:.1f} s (heap {heap})", flush=True)
        yield url


@contextlib.contextmanager
def _standin(folder: Path) -> Iterator[str]:
    if noida_db() is None:
        raise SystemExit("noida-db is not installed: pip install noida-db")
    with standin(folder) as url:
        yield url


def _long_timeout(engine: Engine) -> None:
    raw = engine.client.raw
    if hasattr(raw, "options"):  # elasticsearch-py
        engine.client.raw = raw.options(request_timeout=900)
    else:  # opensearch-py: the connections' default timeout
        for connection in raw.transport.connection_pool.connections:
            connection.timeout = 900


def _cleanup(engine: Engine) -> None:
    """Drop the benchmark's indices from a cluster; close the engine."""
    drop = getattr(engine, "drop", None)  # only cluster engines have builds to drop
    if drop:
        drop()
    engine.close()


if __name__ == "__main__":
    main()
