"""Reindex seeds/ and search it, as a user would; a killed reindex loses nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.engines.tantivy_engine import EmbeddedEngine
from indexer.query import SearchRequest, parse_query
from indexer.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def _ids(engine: EmbeddedEngine, query: str) -> list[str]:
    response = engine.search(SearchRequest(parse_query(query), size=10))
    return [hit.document.id.split("_")[0] for hit in response.hits]


@pytest.mark.parametrize(
    "query, first",
    [
        ("Sicherheitsscanner", "000"),
        ("Huawei Duisburg", "003"),
        ("Alibaba Lüttich", "001"),
        ("TP-Link", "002"),
        ("Nuctech douane", "004"),
    ],
)
def test_expected_first_hit(seeds_engine: EmbeddedEngine, query: str, first: str) -> None:
    ids = _ids(seeds_engine, query)
    assert ids and ids[0] == first, f"{query!r} ranked {ids}"


@pytest.mark.parametrize("query, found", [("Hafen", "000"), ("legal framework", "004")])
def test_expected_match(seeds_engine: EmbeddedEngine, query: str, found: str) -> None:
    assert found in _ids(seeds_engine, query)


@pytest.mark.parametrize("query", ["Vanessa Redgrave", "Top News"])
def test_boilerplate_is_not_indexed(seeds_engine: EmbeddedEngine, query: str) -> None:
    assert _ids(seeds_engine, query) == []


def _cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "indexer", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )


def _big_corpus(folder: Path, seeds_dir: Path, copies: int) -> None:
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    for number in range(copies):
        (folder / f"doc{number:05d}.txt").write_text(texts[number % len(texts)], encoding="utf-8")


@pytest.mark.slow
def test_killed_reindex_leaves_previous_index_searchable(tmp_path: Path, seeds_dir: Path) -> None:
    data = tmp_path / "data"
    first = _cli("reindex", "--data", str(data), "--corpus", str(seeds_dir))
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    engine = EmbeddedEngine(data)
    pointer = (data / "index" / "CURRENT").read_text()
    assert _ids(engine, "Sicherheitsscanner") == ["000"]

    corpus = tmp_path / "big"
    _big_corpus(corpus, seeds_dir, 4000)
    second = _cli("reindex", "--data", str(data), "--corpus", str(corpus), "--workers", "1")
    builds = data / "index" / "builds"
    deadline = time.monotonic() + 60
    while len(list(builds.iterdir())) < 2 and time.monotonic() < deadline and second.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)  # let it write part of the new build
    assert second.poll() is None, "reindex finished before it could be killed; make the corpus larger"
    os.kill(second.pid, signal.SIGKILL)
    second.wait(timeout=30)

    assert (data / "index" / "CURRENT").read_text() == pointer
    assert _ids(EmbeddedEngine(data), "Sicherheitsscanner") == ["000"]
    assert engine.stats().documents == 5

    # the lock died with the process, and the next reindex cleans up the dead build
    third = _cli("reindex", "--data", str(data), "--corpus", str(seeds_dir))
    out, err = third.communicate(timeout=120)
    assert third.returncode == 0, err
    assert len(list(builds.iterdir())) == 1
    assert _ids(engine, "Huawei Duisburg")[0] == "003"  # the open engine sees the new build


def test_a_crashing_file_is_reported_and_the_rest_indexed(corpus_copy: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.pipeline as pipeline

    real_extract = pipeline.extract

    def fragile_extract(raw, settings):
        if raw.doc_id.startswith("002"):
            raise RuntimeError("boom")
        return real_extract(raw, settings)

    monkeypatch.setattr(pipeline, "extract", fragile_extract)
    summary = pipeline.reindex(Settings(data_dir=tmp_path / "data", corpus=corpus_copy))
    assert summary.indexed == 4
    assert [reason for path, reason in summary.skipped if "002_" in path] == [
        "extraction failed unexpectedly: RuntimeError: boom"
    ]
