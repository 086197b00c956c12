"""Installing, validating and listing Argos packages; the ``models`` CLI."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from argos_fixtures import argos_archives, installed, no_network, settings  # noqa: F401 (fixtures)
from click.testing import CliRunner
from tiny_argos import metadata, zip_bytes

from indexer.errors import InvalidModelPackage, PackageIndexUnavailable
from indexer.settings import Settings
from indexer.translate.downloads import RetryPolicy
from indexer.translate.models import (
    CONTENT_STAMP,
    find_model,
    install_archive,
    installed_model_rows,
    installed_models,
    version_key,
)
from indexer.translate.package_index import install_from_index


def repacked(archive: Path, tmp_path: Path, drop: str = "", add: dict[str, bytes | str] | None = None,
             rename_top: str | None = None) -> Path:
    """A copy of a good archive with one member dropped, some added or the top dir renamed."""
    files: dict[str, bytes | str] = {}
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            top, _, rest = name.partition("/")
            if drop and rest == drop:
                continue
            files[f"{rename_top or top}/{rest}"] = zf.read(name)
    files.update(add or {})
    target = tmp_path / "bad.argosmodel"
    target.write_bytes(zip_bytes(files))
    return target


def test_install_and_list(settings: Settings, argos_archives: dict[str, Path]) -> None:
    package = install_archive(argos_archives["de"], settings.models_path)
    assert (package.pair, package.version, package.translator_id) == ("de→en", "1.9", "argos/de_en@1.9")
    assert package.path == settings.models_path / "translate-de_en-1_9"
    rows = installed_model_rows(settings.models_path)
    assert [(r["pair"], r["version"]) for r in rows] == [("de→en", "1.9")]
    assert rows[0]["size_bytes"] > 1000 and rows[0]["path"] == str(package.path)
    assert [p.name for p in settings.models_path.iterdir()] == ["translate-de_en-1_9"], "no staging left behind"


def test_newer_version_replaces_the_old_one(installed: Settings, argos_archives: dict[str, Path]) -> None:
    install_archive(argos_archives["de-2.0"], installed.models_path)
    assert [(p.pair, p.version) for p in installed_models(installed.models_path)] == [("de→en", "2.0"), ("nl→en", "1.9")]
    assert find_model(installed.models_path, "de").translator_id == "argos/de_en@2.0"
    assert find_model(installed.models_path, "fr") is None


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("not-a-zip", "not an Argos package (.argosmodel files are zip archives)"),
        ("missing-file", "no such file"),
        ("two-tops", "expected one top-level directory"),
        ("zip-slip", "unsafe path in archive"),
        ("no-metadata", "no metadata.json"),
        ("bad-json", "metadata.json is not valid JSON"),
        ("no-codes", "metadata.json lacks from_code"),
        ("sbd-type", "is not a translation model"),
        ("no-model", "model/model.bin is missing"),
        ("no-tokenizer", "no tokenizer (sentencepiece.model or bpe.model is missing)"),
        ("broken-bpe", "bpe.model cannot be loaded (bpe.model is not a BPE codes file)"),
        ("broken-model", "cannot be loaded by CTranslate2"),
        ("broken-tokenizer", "sentencepiece.model cannot be loaded"),
    ],
)
def test_bad_archives_say_what_is_wrong(settings: Settings, argos_archives: dict[str, Path], tmp_path: Path,
                                        damage: str, message: str) -> None:
    good = argos_archives["de"]
    top = "translate-de_en-1_9"
    archive = {
        "not-a-zip": lambda: _write(tmp_path / "x.argosmodel", b"hello"),
        "missing-file": lambda: tmp_path / "absent.argosmodel",
        "two-tops": lambda: repacked(good, tmp_path, add={"other/readme.txt": "x"}),
        "zip-slip": lambda: repacked(good, tmp_path, add={f"{top}/../../evil.txt": "x"}),
        "no-metadata": lambda: repacked(good, tmp_path, drop="metadata.json"),
        "bad-json": lambda: repacked(good, tmp_path, add={f"{top}/metadata.json": "{not json"}),
        "no-codes": lambda: repacked(good, tmp_path, add={f"{top}/metadata.json": json.dumps({"package_version": "1"})}),
        "sbd-type": lambda: repacked(good, tmp_path, add={f"{top}/metadata.json": json.dumps({**metadata("de"), "type": "sbd"})}),
        "no-model": lambda: repacked(good, tmp_path, drop="model/model.bin"),
        "no-tokenizer": lambda: repacked(good, tmp_path, drop="sentencepiece.model"),
        "broken-bpe": lambda: repacked(good, tmp_path, drop="sentencepiece.model", add={f"{top}/bpe.model": "x"}),
        "broken-model": lambda: repacked(good, tmp_path, add={f"{top}/model/model.bin": b"\0" * 64}),
        "broken-tokenizer": lambda: repacked(good, tmp_path, add={f"{top}/sentencepiece.model": b"junk"}),
    }[damage]()
    with pytest.raises(InvalidModelPackage) as excinfo:
        install_archive(archive, settings.models_path)
    assert message in str(excinfo.value)
    assert "\n" not in str(excinfo.value), "one-line message"
    assert installed_models(settings.models_path) == []
    assert not settings.models_path.exists() or not any(settings.models_path.iterdir()), "nothing half-installed"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_broken_installed_package_is_skipped(installed: Settings, caplog: pytest.LogCaptureFixture) -> None:
    (installed.models_path / "translate-nl_en-1_9" / "metadata.json").write_text("{")
    assert [p.pair for p in installed_models(installed.models_path)] == ["de→en"]
    assert "skipping broken model package" in caplog.text


@pytest.mark.parametrize(("lower", "higher"), [("1.9", "1.10"), ("1.0", "2.0"), ("1", "1.1")])
def test_version_order(lower: str, higher: str) -> None:
    assert version_key(lower) < version_key(higher)


def _local_index(tmp_path: Path, archives: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    index = [
        {**metadata("de", version="1.0"), "links": [archives["de"].as_uri()]},
        {**metadata("de", version="2.0"), "links": [archives["de-2.0"].as_uri()]},
        {**metadata("nl"), "links": [archives["nl"].as_uri()]},
        {**metadata("en", "de"), "links": ["file:///nonexistent"]},
    ]
    (tmp_path / "index.json").write_text(json.dumps(index))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", (tmp_path / "index.json").as_uri())


def test_install_from_index_picks_newest_xx_en(settings: Settings, argos_archives: dict[str, Path], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _local_index(tmp_path, argos_archives, monkeypatch)
    packages = install_from_index(["de", "nl"], settings.models_path)
    assert [p.translator_id for p in packages] == ["argos/de_en@2.0", "argos/nl_en@1.9"]


def test_install_from_index_offline_says_install_from_file(settings: Settings, no_network: list,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    with pytest.raises(PackageIndexUnavailable) as excinfo:
        install_from_index(["de"], settings.models_path, policy=RetryPolicy(attempts=2, backoff_seconds=0, timeout_seconds=2))
    message = str(excinfo.value)
    assert "babelsearch models install FILE.argosmodel" in message and "\n" not in message
    assert no_network, "the index was really tried"


def test_install_from_index_unknown_language(settings: Settings, argos_archives: dict[str, Path], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _local_index(tmp_path, argos_archives, monkeypatch)
    with pytest.raises(PackageIndexUnavailable, match="no xx→en package"):
        install_from_index(["xx"], settings.models_path)


def invoke(*args: str) -> object:
    from indexer.cli import main

    return CliRunner().invoke(main, list(args))


def test_cli_install_then_list(settings: Settings, argos_archives: dict[str, Path]) -> None:
    data = str(settings.data_dir)
    result = invoke("models", "install", "--data", data, str(argos_archives["de"]), str(argos_archives["nl"]))
    assert result.exit_code == 0, result.output
    assert "Installed Argos de→en 1.9 (argos/de_en@1.9)" in result.output
    result = invoke("models", "list", "--data", data)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[:2] for line in lines] == [["de→en", "1.9"], ["nl→en", "1.9"]]
    assert str(settings.models_path) in lines[0]
    rows = json.loads(invoke("models", "list", "--data", data, "--json").output)
    assert [r["translator"] for r in rows] == ["argos/de_en@1.9", "argos/nl_en@1.9"]


def test_cli_bad_archive_is_a_one_line_error(tmp_path: Path) -> None:
    bad = _write(tmp_path / "x.argosmodel", b"nope")
    result = invoke("models", "install", "--models", str(tmp_path / "m"), str(bad))
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines() == [f"Error: {bad}: not an Argos package (.argosmodel files are zip archives)"]


def test_cli_list_without_models_says_how_to_install(tmp_path: Path) -> None:
    result = invoke("models", "list", "--data", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "babelsearch models install FILE.argosmodel" in result.output


def test_content_hash_is_remembered_and_follows_changes(installed: Settings) -> None:
    package = find_model(installed.models_path, "de")
    first = package.content_sha256()
    assert json.loads((package.path / CONTENT_STAMP).read_text())["sha256"] == first, "hashed at install"
    assert package.content_sha256() == first
    config = package.model_dir / "config.json"
    config.write_text(config.read_text() + " ")
    assert package.content_sha256() != first, "a changed model file changes the hash"
