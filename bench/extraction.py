"""Benchmark HTML extractors on the labelled set in tests/data/html/.

Runs every page through each candidate (a bs4-only baseline, trafilatura
alone in its default mode and in its fast mode, and babelsearch's cascade),
scores the text against the truth snippets and prints precision, recall,
F1, title/date/author accuracy and pages/s, separately for the tuning split
and the held-out ("report") split. trafilatura runs with comments off and
its own metadata on, the settings an indexer needs.

    /work/venv/bin/python bench/extraction.py [--rounds 3]

Scoring: a "must" snippet found is a true positive, a missing one a false
negative, a "must not" snippet found a false positive. A page without an
article that yields text at all counts one false positive.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.document import Document  # noqa: E402
from indexer.errors import ExtractionError  # noqa: E402
from indexer.extract.html import extract_html
from indexer.extract.sources import declared_charset  # noqa: E402
from indexer.settings import Settings  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "html"
META_FIELDS = ("title", "date", "author")


@dataclass
class LabelledPage:
    """One page of the labelled set with its truth record."""

    name: str
    text: str
    truth: dict


@dataclass
class Output:
    """What a candidate extracted from one page (text None: page refused)."""

    text: str | None
    meta: dict


@dataclass
class Counts:
    """Snippet counts, summed over pages."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def decode_page(raw: bytes) -> str:
    """Decode as sources.py does: declared charset, else UTF-8 with replacement."""
    return raw.decode(declared_charset(raw) or "utf-8", errors="replace")


def load_pages(split: str | None = None, directory: Path = LABELLED) -> list[LabelledPage]:
    """Labelled pages, optionally only one split ("tune" or "report")."""
    pages = []
    for truth_path in sorted(directory.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if split is None or truth["split"] == split:
            raw = truth_path.with_suffix(".html").read_bytes()
            pages.append(LabelledPage(truth_path.stem, decode_page(raw), truth))
    return pages


def normalize(text: str) -> str:
    """Compare text modulo Unicode form, table separators and whitespace."""
    text = unicodedata.normalize("NFKC", text).replace("|", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


def score_page(output: Output, truth: dict) -> Counts:
    """Snippet counts for one page (see the module docstring)."""
    if truth["kind"] != "article":
        return Counts(fp=1 if output.text else 0)
    text = normalize(output.text or "")
    found = [normalize(s) in text for s in truth["must"]]
    leaked = [normalize(s) in text for s in truth["must_not"]]
    return Counts(tp=sum(found), fn=len(found) - sum(found), fp=sum(leaked))


def meta_hits(output: Output, truth: dict) -> dict[str, bool]:
    """Which of title/date/author match the truth exactly (after normalizing)."""
    return {f: normalize(str(output.meta.get(f) or "")) == normalize(str(truth.get(f) or ""))
            for f in META_FIELDS}


# --------------------------------------------------------------- candidates

def run_bs4(text: str) -> Output:
    """Baseline: drop obvious chrome, keep text of p/h/li/td elements."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for node in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form"]):
        node.decompose()
    blocks = [n.get_text(" ", strip=True) for n in soup.find_all(["p", "h1", "h2", "h3", "h4", "li", "tr"])]
    body = "\n".join(b for b in blocks if b)
    return Output(body if len(body) >= 200 else None, {"title": title})


def run_trafilatura(text: str) -> Output:
    """trafilatura alone, comments off, with its own metadata."""
    from trafilatura import bare_extraction

    result = bare_extraction(text, include_comments=False, include_tables=True, with_metadata=True)
    if result is None:
        return Output(None, {})
    meta = {"title": result.title, "date": result.date, "author": result.author}
    return Output(result.text or None, meta)


def run_trafilatura_fast(text: str) -> Output:
    """trafilatura's fast mode (no fallback extractors), for a speed reference."""
    from trafilatura import bare_extraction

    result = bare_extraction(text, fast=True, include_comments=False, include_tables=True, with_metadata=True)
    if result is None:
        return Output(None, {})
    return Output(result.text or None, {"title": result.title, "date": result.date, "author": result.author})


def run_cascade(text: str) -> Output:
    """babelsearch's extract_html."""
    doc = Document(id="page", path="page.html", source_sha256="0" * 64)
    try:
        extract_html(text, doc, Settings())
    except ExtractionError:
        return Output(None, {})
    return Output(doc.text(), {"title": doc.title, "date": doc.date, "author": doc.author})


CANDIDATES: dict[str, Callable[[str], Output]] = {
    "bs4-baseline": run_bs4,
    "trafilatura": run_trafilatura,
    "trafilatura-fast": run_trafilatura_fast,
    "cascade": run_cascade,
}


def evaluate(pages: list[LabelledPage], rounds: int) -> dict[str, dict]:
    """Counts, metadata accuracy and pages/s of every candidate on some pages.

    Candidates take turns page by page, so load from other processes on a
    shared machine slows them alike and the pages/s ratios stay comparable.
    """
    seconds = {name: 0.0 for name in CANDIDATES}
    outputs: dict[str, list[Output]] = {name: [] for name in CANDIDATES}
    for round_number in range(rounds):
        for page in pages:
            for name, run in CANDIDATES.items():
                start = time.perf_counter()
                output = run(page.text)
                seconds[name] += time.perf_counter() - start
                if round_number == 0:
                    outputs[name].append(output)
    return {name: _summary(pages, outputs[name], len(pages) * rounds / seconds[name]) for name in CANDIDATES}


def _summary(pages: list[LabelledPage], outputs: list[Output], pages_per_s: float) -> dict:
    counts, meta_ok = Counts(), {f: 0 for f in META_FIELDS}
    articles = [p for p in pages if p.truth["kind"] == "article"]
    for page, output in zip(pages, outputs):
        counts.add(score_page(output, page.truth))
        if page.truth["kind"] == "article":
            for f, ok in meta_hits(output, page.truth).items():
                meta_ok[f] += ok
    accuracy = {f: meta_ok[f] / len(articles) if articles else 0.0 for f in META_FIELDS}
    return {"counts": counts, "meta": accuracy, "pages_per_s": pages_per_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over each split for timing")
    parser.add_argument("--split", choices=("tune", "report"), help="only this split")
    args = parser.parse_args()
    header = f"{'split':7} {'candidate':16} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} " \
             f"{'title':>6} {'date':>6} {'author':>6} {'pages/s':>8}"
    print(header)
    print("-" * len(header))
    for split in ("tune", "report") if args.split is None else (args.split,):
        pages = load_pages(split)
        for name, result in evaluate(pages, args.rounds).items():
            c, m = result["counts"], result["meta"]
            print(f"{split:7} {name:16} {len(pages):5d} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
                  f"{m['title']:6.2f} {m['date']:6.2f} {m['author']:6.2f} {result['pages_per_s']:8.1f}")


if __name__ == "__main__":
    main()
