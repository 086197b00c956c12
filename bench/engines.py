"""Engines side by side: the same 10,000 documents and 200 queries on each.

The seed articles are extracted and language-tagged once by the pipeline;
their paragraphs are recombined into a synthetic corpus of Documents, so
only the engine's own work is timed: bulk add + publish (docs/s), then a
fixed set of queries (words, OR, phrases, required and excluded words,
filters, date sort; facets and highlights on) with p50/p95 latency.

Engines: embedded always; Elasticsearch at ``--es-url`` if given, else the
noida-db Elasticsearch-API stand-in when it is installed (started on a free
port and stopped afterwards). The stand-in's speed says nothing about real
Elasticsearch.

    python bench/engines.py [--docs 10000] [--queries 200] [--es-url URL]
"""
from __future__ import annotations

import argparse
import contextlib
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from indexer.document import Document, Paragraph  # noqa: E402
from indexer.engines import open_engine  # noqa: E402
from indexer.engines.base import Engine  # noqa: E402
from indexer.pipeline import ReindexSummary, prepared_documents  # noqa: E402
from indexer.query import Filters, SearchRequest, date_range, parse_query  # noqa: E402
from indexer.settings import Settings  # noqa: E402
from indexer.sources import list_corpus  # noqa: E402
from es_standin import STANDIN_ID, noida_db, standin  # noqa: E402  (the tests' stand-in runner)

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
        paragraphs = [Paragraph(**vars(p)) for p in rng.sample(pool, k=rng.randint(3, 9))]
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


def measure(engine: Engine, docs: list[Document], queries: list[SearchRequest]) -> dict[str, float]:
    """docs/s of build+publish, and query latency percentiles in ms."""
    started = time.perf_counter()
    build = engine.new_build()
    result = build.add(iter(docs))
    build.publish()
    seconds = time.perf_counter() - started
    if result.failures:
        print(f"  {len(result.failures)} documents refused, e.g. {result.failures[0]}")
    for request in queries[:10]:  # warm caches and connections
        engine.search(request)
    latencies = []
    for number, request in enumerate(queries, 1):
        started = time.perf_counter()
        engine.search(request)
        latencies.append((time.perf_counter() - started) * 1000)
        if number % 50 == 0:
            print(f"  {number} queries, p50 so far {statistics.median(latencies):.2f} ms", file=sys.stderr, flush=True)
    cuts = statistics.quantiles(latencies, n=20)
    return {"docs_per_s": result.added / seconds, "p50": statistics.median(latencies), "p95": cuts[18]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--es-url", help="a real Elasticsearch cluster (default: the noida-db stand-in)")
    args = parser.parse_args()
    docs = synthetic_corpus(args.docs)
    queries = fixed_queries(docs, args.queries)
    print(f"{len(docs)} synthetic documents, {len(queries)} fixed queries")
    with tempfile.TemporaryDirectory() as tmp, _maybe_standin(Path(tmp) / "noida", args.es_url) as standin_url:
        targets = {"embedded": "embedded"}
        es_url = args.es_url or standin_url
        es_name = "elasticsearch" if args.es_url else STANDIN_ID
        if es_url:
            targets[es_name] = es_url
        results = {}
        for name, target in targets.items():
            settings = Settings(data_dir=Path(tmp) / name, engine=target, es_index=f"bench-{uuid.uuid4().hex[:8]}")
            engine = open_engine(settings)
            if hasattr(engine, "client"):
                # The stand-in can take longer per query than a real cluster's
                # default timeout allows; the benchmark waits instead of failing.
                engine.client.raw = engine.client.raw.options(request_timeout=900)
            try:
                results[name] = measure(engine, docs, queries)
            finally:
                _cleanup(engine)
            r = results[name]
            print(f"{name:28} {r['docs_per_s']:9.0f} docs/s   query p50 {r['p50']:7.2f} ms   p95 {r['p95']:7.2f} ms", flush=True)
        if len(results) == 2:
            base, other = results["embedded"], results[es_name]
            print(f"ratio {es_name} / embedded: docs/s {other['docs_per_s'] / base['docs_per_s']:.2f}, "
                  f"p50 {other['p50'] / base['p50']:.2f}, p95 {other['p95'] / base['p95']:.2f}")
        else:
            print("no Elasticsearch available: pass --es-url or install noida-db for the stand-in")
        if es_name == STANDIN_ID and es_url:
            print("note: noida-db is an Elasticsearch-API stand-in; its speed says nothing about real Elasticsearch.")


@contextlib.contextmanager
def _maybe_standin(folder: Path, es_url: str | None) -> Iterator[str | None]:
    """The stand-in's URL when no cluster was given and noida-db is installed."""
    if es_url or noida_db() is None:
        yield None
        return
    with standin(folder) as url:
        yield url


def _cleanup(engine: Engine) -> None:
    """Drop the benchmark's indices from an Elasticsearch cluster; close the engine."""
    drop = getattr(engine, "drop", None)  # only the Elasticsearch engine has builds to drop
    if drop:
        drop()
    engine.close()


if __name__ == "__main__":
    main()
