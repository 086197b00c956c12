"""Indexing throughput: the whole pipeline against a raw Tantivy bulk insert.

Builds a synthetic corpus of seed-sized text files by recombining seed
paragraphs, reindexes it with babelsearch (no translation), then inserts
the same extracted documents straight into Tantivy. Prints docs/s of both,
their ratio, and each stage's share of the pipeline's time. Then changes
1% of the files (60% of them edited, 20% added, 20% deleted), runs
``update`` and a full reindex of the same new corpus side by side, and
prints both times and their ratio (target: update <= 5% of a reindex).

    python bench/index_throughput.py [--docs 10000] [--workers 0] [--changed 0.01]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tantivy  # noqa: E402

from indexer.document import Document  # noqa: E402
from indexer.engines.tantivy_schema import build_schema, register_analyzers, to_tantivy  # noqa: E402
from indexer.extract.sources import list_corpus  # noqa: E402
from indexer.pipeline import ReindexOptions, prepared_documents, reindex  # noqa: E402
from indexer.reindex_summary import ReindexSummary  # noqa: E402
from indexer.settings import Settings  # noqa: E402

TARGET_DOCS_PER_SECOND = 1000
TARGET_UPDATE_SHARE = 0.05


def make_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """``count`` text files mixing the seeds' titles and paragraphs."""
    rng = random.Random(seed)
    blocks = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        blocks += [b.strip() for b in path.read_text(encoding="utf-8").split("\n") if len(b.strip()) > 60]
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        title = f"Bericht {number}: " + " ".join(rng.choice(blocks).split()[:6])
        body = rng.sample(blocks, k=rng.randint(6, 14))
        (folder / f"doc{number:05d}.txt").write_text(title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")


def change_corpus(folder: Path, share: float, seed: int = 11) -> tuple[int, int, int]:
    """Edit, add and delete files (60/20/20) so that ``share`` of the corpus changes."""
    rng = random.Random(seed)
    files = sorted(folder.glob("*.txt"))
    count = max(3, round(len(files) * share))
    picked = rng.sample(files, k=count)
    edited, deleted = picked[: count * 3 // 5], picked[count * 3 // 5 : count * 4 // 5]
    added = count - len(edited) - len(deleted)
    for path in edited:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\nNachtrag: Die Stadt hat die Angaben am Montag bestätigt.\n")
    for path in deleted:
        path.unlink()
    for number in range(added):
        source = rng.choice(edited)
        (folder / f"new{number:05d}.txt").write_text(source.read_text(encoding="utf-8") + "\nNeu.\n", encoding="utf-8")
    return len(edited), added, len(deleted)


def bench_update(settings: Settings, share: float) -> None:
    """``update`` after changing ``share`` of the corpus against a full reindex of the new corpus."""
    from indexer.update import update

    edited, added, deleted = change_corpus(settings.corpus, share)
    summary = update(settings, ReindexOptions(translate=False))  # as the reindex above: no model
    plan = summary.plan
    assert (len(plan.changed), len(plan.added), len(plan.deleted)) == (edited, added, deleted), plan
    full = reindex(settings.with_(data_dir=settings.data_dir.parent / "full"), ReindexOptions(translate=False))
    ratio = summary.elapsed / full.elapsed
    print(f"update after changing {edited + added + deleted} of {summary.files_seen - added + deleted} files "
          f"({edited} edited, {added} added, {deleted} deleted): {summary.elapsed:.2f}s")
    print(f"full reindex of the same corpus: {full.elapsed:.2f}s")
    print(f"ratio update / full reindex: {100 * ratio:.1f}% (target <= {100 * TARGET_UPDATE_SHARE:.0f}%)")


def raw_insert(documents: list[Document], folder: Path) -> float:
    """Seconds to bulk-insert and commit ``documents`` with Tantivy alone."""
    folder.mkdir(parents=True)
    index = tantivy.Index(build_schema(), path=str(folder))
    register_analyzers(index)
    converted = [to_tantivy(doc) for doc in documents]  # conversion is not Tantivy's cost
    started = time.perf_counter()
    writer = index.writer(heap_size=256 * 1024 * 1024, num_threads=1)
    for doc in converted:
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    parser.add_argument("--changed", type=float, default=0.01, help="share of files changed before the update")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        make_corpus(corpus, args.docs)
        settings = Settings(data_dir=tmp_path / "data", corpus=corpus, workers=args.workers,
                            translations_dir=tmp_path / "translations")
        summary = reindex(settings, ReindexOptions(translate=False))  # indexing alone: no model
        print(f"pipeline: {summary.indexed} docs in {summary.elapsed:.2f}s = {summary.docs_per_second:.0f} docs/s "
              f"({settings.worker_count} workers; target >= {TARGET_DOCS_PER_SECOND})")
        total = sum(summary.stage_seconds.values())
        for stage, seconds in summary.stage_seconds.most_common():
            print(f"  {stage:9} {seconds:7.2f}s  {100 * seconds / total:5.1f}% of stage time")
        files, _ = list_corpus(corpus)
        documents = list(prepared_documents(files, settings.with_(workers=1), ReindexSummary()))
        seconds = raw_insert(documents, tmp_path / "raw")
        raw_rate = len(documents) / seconds
        print(f"raw tantivy bulk insert: {len(documents)} docs in {seconds:.2f}s = {raw_rate:.0f} docs/s")
        print(f"ratio pipeline / raw insert: {summary.docs_per_second / raw_rate:.2f}")
        bench_update(settings, args.changed)


if __name__ == "__main__":
    main()
