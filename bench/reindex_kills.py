"""Many SIGKILLs of a running reindex (CI runs three: tests/test_reindex_kill.py).

Builds a corpus, publishes it once, then starts ``--kills`` reindexes and
kills each (with its worker processes) at a random moment. After every kill
the previous index must answer with every document; after the last, one
reindex must finish cleanly and leave no killed build behind. For scale, it
prints the time of one uninterrupted reindex, the raw run the kills cut short.

    python bench/reindex_kills.py [--kills 20] [--articles 300] [--engine embedded]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from reindex_kills import kill_reindexes, run_reindex, stale_builds, write_corpus  # noqa: E402

from indexer.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--engine", default="embedded", help="embedded or an engine URL (opensearch+http://…)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp) / "corpus", args.articles)
        settings = Settings(data_dir=Path(tmp) / "data", corpus=Path(tmp) / "corpus", translations_dir=Path(tmp) / "tr",
                            engine=args.engine, es_index="bench-kills")
        started = time.perf_counter()
        first = run_reindex(settings)
        full = time.perf_counter() - started
        if first.returncode != 0:
            sys.exit(f"the first reindex failed: {first.stderr}")
        report = kill_reindexes(settings, args.articles, args.kills, window=(0.3, full), seed=args.seed)
        stale = stale_builds(settings) if args.engine == "embedded" else []
    print(f"uninterrupted reindex of {args.articles} articles: {full:.2f} s (process start included)")
    print(f"kills: {len(report.kill_seconds)} landed mid-run, {report.finished_before_kill} runs finished first")
    print(f"problems: {len(report.problems) + len(stale)}")
    for problem in report.problems + [f"stale build left: {name}" for name in stale]:
        print(f"  {problem}")
    sys.exit(1 if report.problems or stale else 0)


if __name__ == "__main__":
    main()
