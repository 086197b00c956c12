"""Language detectors compared on short text and on the seeds.

Prints accuracy on ``tests/data/language_samples.tsv`` (short headlines,
labels, quotes) and agreement on the seeds' paragraphs, and paragraphs/s,
for lingua (high and low accuracy mode), py3langid, and babelsearch's
function-word fast path with py3langid fallback.

    python bench/language_detectors.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.document import Document, Paragraph  # noqa: E402
from indexer.extract.sources import list_corpus  # noqa: E402
from indexer.language.detect import by_function_words, detect, tag_languages  # noqa: E402
from indexer.languages import DEFAULT_LANGUAGES
from indexer.pipeline import prepare  # noqa: E402
from indexer.settings import Settings  # noqa: E402


def samples() -> list[tuple[str, str]]:
    rows = []
    for line in (ROOT / "tests" / "data" / "language_samples.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(tuple(line.split("\t", 1)))
    return rows


def detectors() -> dict:
    from lingua import Language, LanguageDetectorBuilder

    codes = {getattr(Language, name): code for name, code in
             (("GERMAN", "de"), ("DUTCH", "nl"), ("ENGLISH", "en"), ("FRENCH", "fr"), ("SPANISH", "es"), ("ITALIAN", "it"))}
    high = LanguageDetectorBuilder.from_languages(*codes).build()
    low = LanguageDetectorBuilder.from_languages(*codes).with_low_accuracy_mode().build()

    def babelsearch(text: str) -> str:
        doc = Document(id="x", path="x", source_sha256="", paragraphs=[Paragraph(text)])
        return tag_languages(doc, DEFAULT_LANGUAGES).paragraphs[0].language

    return {
        "lingua": lambda t: codes[high.detect_language_of(t)],
        "lingua-low": lambda t: codes[low.detect_language_of(t)],
        "py3langid": lambda t: detect(t, DEFAULT_LANGUAGES)[0],
        "function words only": lambda t: by_function_words(t, DEFAULT_LANGUAGES) or "?",
        "babelsearch": babelsearch,
    }


def main() -> None:
    rows = samples()
    files, _ = list_corpus(ROOT / "seeds")
    seed_paragraphs = [p for f in files for p in prepare(f, Settings())[0].paragraphs]
    truth = [(p.language, p.text) for p in seed_paragraphs]  # babelsearch's own tags, for agreement
    texts = [p.text for p in seed_paragraphs] * 20
    print(f"{'detector':22} {'short text':>12} {'seeds agree':>12} {'paragraphs/s':>13}")
    for name, fn in detectors().items():
        fn(texts[0])  # load models outside the timing
        short = sum(fn(t) == lang for lang, t in rows)
        agree = sum(fn(t) == lang for lang, t in truth)
        started = time.perf_counter()
        for text in texts:
            fn(text)
        rate = len(texts) / (time.perf_counter() - started)
        print(f"{name:22} {short:>5}/{len(rows):<6} {agree:>5}/{len(truth):<6} {rate:>13,.0f}")


if __name__ == "__main__":
    main()
