"""One file of many short paragraphs: does preparing it grow linearly?

For 25k, 50k and 100k paragraphs (100k is a ~1.6 MB file), times
``pipeline.prepare`` (read, extract, language, deglue) on the file, and the
raw layer below on the same paragraphs: the bare per-paragraph language
classification without the document logic around it. Prints both, their
ratio, and the growth from one size to the next (2.0 = linear for doubling;
the old quadratic smoothing gave ~4). Then one complete ``reindex`` of the
100k file, which the issue wants "within a few seconds".

    python bench/many_paragraphs.py [--sizes 25000,50000,100000]
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

from indexer.extract.sources import CorpusFile  # noqa: E402
from indexer.language import detect  # noqa: E402
from indexer.pipeline import prepare, reindex  # noqa: E402
from indexer.settings import Settings  # noqa: E402

WORDS = "Haus Stadt Rat Mann Frau Kind Auto Bahn Straße Hafen Zoll Markt".split()


def write_file(path: Path, paragraphs: int, seed: int = 5) -> list[str]:
    """A title and ``paragraphs`` three-word paragraphs; returns the paragraphs."""
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(WORDS) for _ in range(3)) for _ in range(paragraphs)]
    path.write_text("Titel der Seite\n\n" + "\n\n".join(texts), encoding="utf-8")
    return texts


def bare_detection(texts: list[str], languages: tuple[str, ...]) -> None:
    """The raw layer: classify each paragraph alone (no smoothing, no document)."""
    identifier = detect._identifier(languages)
    for text in texts:
        if detect.by_function_words(text, languages) is None:
            identifier.rank(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25000,50000,100000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    settings = Settings(file_timeout=0)
    detect.warm_up(settings.languages)
    print(f"{'paragraphs':>10} {'prepare s':>10} {'bare s':>8} {'ratio':>6} {'growth':>7}")
    previous = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / "corpus" / "many.txt"
            path.parent.mkdir(exist_ok=True)
            texts = write_file(path, size)
            started = time.perf_counter()
            outcome, _ = prepare(CorpusFile(path, "many"), settings)
            prepared = time.perf_counter() - started
            assert len(outcome.paragraphs) == size, outcome
            started = time.perf_counter()
            bare_detection(texts, settings.languages)
            bare = time.perf_counter() - started
            growth = f"{prepared / previous:.2f}" if previous else "-"
            print(f"{size:>10} {prepared:>10.2f} {bare:>8.2f} {prepared / bare:>6.2f} {growth:>7}")
            previous = prepared
        run = Settings(corpus=Path(tmp) / "corpus", data_dir=Path(tmp) / "data", translations_dir=Path(tmp) / "tr")
        summary = reindex(run)
        print(f"reindex of one file of {sizes[-1]:,} paragraphs: {summary.elapsed:.2f} s "
              f"({', '.join(f'{k} {v:.2f}' for k, v in summary.stage_seconds.most_common())})")


if __name__ == "__main__":
    main()
