"""Corpus reader: good files are read, every bad file is reported with a reason."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import CorpusError
from indexer.extract.sources import RawFile, Skipped, decode, list_corpus, read_file

GERMAN = "Die Stadt Duisburg lässt die Zusammenarbeit mit Huawei ruhen. Größere Häfen prüfen Scanner."


def _read_all(root: Path, max_bytes: int = 1000) -> dict[str, RawFile | Skipped]:
    files, skipped = list_corpus(root)
    results = {item.doc_id: read_file(item, max_bytes) for item in files}
    results.update({f"listing:{s.path.name}": s for s in skipped})
    return results


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "good.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GERMAN.encode("utf-8"))
    (tmp_path / "sub" / "latin1.txt").write_bytes(GERMAN.encode("cp1252"))
    (tmp_path / "page.html").write_bytes(
        b'<html><head><meta charset="iso-8859-1"></head><body><p>' + GERMAN.encode("latin-1") + b"</p></body></html>"
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 2)
    (tmp_path / "huge.txt").write_text("x" * 2000, encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "dup.html").write_text(f"<p>{GERMAN}</p>", encoding="utf-8")
    (tmp_path / "dup.txt").write_text("same document id as dup.html, read second", encoding="utf-8")
    return tmp_path


def test_good_files_are_decoded(mixed_folder: Path) -> None:
    results = _read_all(mixed_folder)
    for doc_id in ("good", "bom", "sub/latin1", "page"):
        raw = results[doc_id]
        assert isinstance(raw, RawFile), f"{doc_id}: {raw}"
        assert "lässt" in raw.text and "Größere" in raw.text, (doc_id, raw.encoding, raw.text[:80])
    assert results["bom"].encoding == "utf-8-sig"
    assert not results["bom"].text.startswith("\ufeff")


@pytest.mark.parametrize(
    "doc_id, reason",
    [
        ("empty", "empty file"),
        ("blank", "empty file"),
        ("binary", "binary"),
        ("huge", "too large"),
    ],
)
def test_bad_files_are_skipped_with_reason(mixed_folder: Path, doc_id: str, reason: str) -> None:
    outcome = _read_all(mixed_folder)[doc_id]
    assert isinstance(outcome, Skipped), outcome
    assert reason in outcome.reason
    assert outcome.path.name.startswith(doc_id.split("/")[-1])


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_text(GERMAN, encoding="utf-8")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    files, _ = list_corpus(tmp_path)
    outcome = read_file(files[0], 10_000)
    assert isinstance(outcome, Skipped) and outcome.reason == "permission denied"


def test_duplicate_ids_and_other_extensions(mixed_folder: Path) -> None:
    files, skipped = list_corpus(mixed_folder)
    ids = [f.doc_id for f in files]
    assert "ignored" not in ids
    assert ids.count("dup") == 1
    assert [f.path.name for f in files if f.doc_id == "dup"] == ["dup.html"]
    assert [s.path.name for s in skipped if "duplicate document id 'dup'" in s.reason] == ["dup.txt"], skipped


def test_missing_corpus_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        list_corpus(tmp_path / "nope")


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Grüße aus Köln".encode("utf-8"), "utf-8"),
        ("Grüße aus Köln, schöne Straße, Übermaß an Ärger".encode("cp1252"), None),
        (b"\xff\xfe" + "Grüße".encode("utf-16-le"), "utf-16"),
    ],
)
def test_decode_table(data: bytes, expected: str | None) -> None:
    text, encoding = decode(data)
    assert text.startswith("Grüße")
    if expected:
        assert encoding == expected
