"""Corpus reader: good files are read, every bad file is reported with a reason."""
from __future__ import annotations

import os
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

    real_open = os.open

    def deny(path, *args, **kwargs) -> int:  # root ignores chmod, so refuse here
        if Path(path) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
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


def test_reading_is_bounded_by_bytes_read_not_by_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # /proc files and growing logs report a size that is not what a read returns
    target = tmp_path / "liar.txt"
    target.write_text(GERMAN * 100, encoding="utf-8")
    real_fstat = os.fstat

    def size_zero(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 0,
                               st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(os, "fstat", size_zero)
    outcome = read_file(list_corpus(tmp_path)[0][0], 1000)
    assert isinstance(outcome, Skipped) and "more than 1,000 bytes" in outcome.reason, outcome


@pytest.mark.parametrize("rule, indexed, reason", [
    ("inside", {"real/a"}, "points outside the corpus folder"),
    ("all", {"real/a", "out", "outdir/b"}, "already read as"),
    ("none", {"real/a"}, "symlink not followed"),
])
def test_symlink_rules(tmp_path: Path, rule: str, indexed: set[str], reason: str) -> None:
    root, outside = tmp_path / "corpus", tmp_path / "outside"
    (root / "real").mkdir(parents=True)
    (outside / "dir").mkdir(parents=True)
    for path in (root / "real" / "a.txt", outside / "o.txt", outside / "dir" / "b.txt"):
        path.write_text(GERMAN, encoding="utf-8")
    (root / "inner.txt").symlink_to(root / "real" / "a.txt")  # a second way to a file already read
    (root / "out.txt").symlink_to(outside / "o.txt")
    (root / "outdir").symlink_to(outside / "dir")
    files, skipped = list_corpus(root, rule)
    assert {f.doc_id for f in files} == indexed, (files, skipped)
    assert any(reason in s.reason for s in skipped), skipped
    assert len(files) + len(skipped) == 4, "every entry is either read or reported"


@pytest.mark.parametrize("data, expected", [
    ("Grüße aus Köln, schöne Straße".encode() + b"\xff" + " Übermaß".encode(), "Grüße aus Köln, schöne Straße\ufffd Übermaß"),
    ("Straße ü".encode() + "ö".encode()[:1], "Straße ü\ufffd"),
    ("Grüße aus Köln, schöne Straße, Übermaß an Ärger".encode("cp1252"), "Grüße aus Köln, schöne Straße, Übermaß an Ärger"),
])
def test_one_bad_byte_costs_only_that_byte(data: bytes, expected: str) -> None:
    text, _ = decode(data)
    assert text == expected
