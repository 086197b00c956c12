"""How long `babelsearch lexicons build` takes, and whether it still writes the same lexicon.

Builds the installed Debian dictionaries (no cache) with the progress
lines of the CLI, next to the raw layer below it: reading and
decompressing the same dictionary files and splitting them into lines,
which no build can beat. With ``--reference OLD.sqlite`` (a lexicon built
by an earlier version) every row and the build description are compared,
so a speed-up that changes the content shows.

    python bench/lexicon_build.py [--reference OLD.sqlite] [--keep DIR]

Figures of 2026-11-30 on 2 cores shared with other jobs (load 7-12, so
wall times are noisy): raw layer 3.6 s (1.9 s CPU); build 48.6 s wall,
792,985 entries, 0 rows differing from the build before its fast paths
(which took 49.5 s of CPU in one process and 108-164 s wall under the
same kind of load).
"""
from __future__ import annotations

import argparse
import gzip
import json
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.lexicon.build import build_lexicon  # noqa: E402
from indexer.lexicon.sources import Source, standard_sources  # noqa: E402
from indexer.progress import Progress  # noqa: E402


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished workers so far."""
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def read_raw(sources: list[Source]) -> int:
    """The raw layer: read and decompress every dictionary file, split into lines; returns the line count."""
    lines = 0
    for source in sources:
        for path in source.files():
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".dz" else path.read_bytes()
            lines += len(data.decode("utf-8", errors="replace").splitlines())
    return lines


def compare(reference: Path, built: Path) -> dict:
    """Rows that differ between two lexicons, and whether their build descriptions agree."""
    query = "SELECT direction, source, targets FROM terms"
    rows = []
    for path in (reference, built):
        db = sqlite3.connect(path)
        rows.append({(d, s): t for d, s, t in db.execute(query)})
        meta = {k: json.loads(v) for k, v in db.execute("SELECT key, value FROM meta") if k != "built_at"}
        rows.append(meta)
        db.close()
    old, old_meta, new, new_meta = rows
    differing = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    return {"rows": (len(old), len(new)), "differing": differing, "meta_equal": old_meta == new_meta}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, help="a lexicon.sqlite built before, to compare with")
    parser.add_argument("--keep", type=Path, help="write the lexicon here instead of a temporary folder")
    args = parser.parse_args()
    found, missing = standard_sources()
    if missing:
        sys.exit(f"missing Debian dictionaries: {' '.join(missing)}")
    started, cpu = time.perf_counter(), cpu_seconds()
    lines = read_raw(found)
    print(f"raw layer: {lines:,} lines read and decompressed in {time.perf_counter() - started:.1f}s "
          f"({cpu_seconds() - cpu:.1f}s CPU)")
    with tempfile.TemporaryDirectory() as tmp:
        path = (args.keep or Path(tmp)) / "lexicon.sqlite"
        started, cpu = time.perf_counter(), cpu_seconds()
        report = build_lexicon(found, path, progress=Progress(sys.stderr))
        wall, used = time.perf_counter() - started, cpu_seconds() - cpu
        print(f"build: {sum(report.entries.values()):,} entries in {wall:.1f}s ({used:.1f}s CPU)")
        if args.reference:
            result = compare(args.reference, path)
            print(f"compared with {args.reference}: rows {result['rows'][0]:,} / {result['rows'][1]:,}, "
                  f"{len(result['differing'])} differing, build description "
                  f"{'equal' if result['meta_equal'] else 'different'}")
            for key in result["differing"][:10]:
                print(f"  differs: {key}")


if __name__ == "__main__":
    main()
