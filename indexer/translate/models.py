"""Argos translation packages in babelsearch's own model directory.

A package (``.argosmodel``) is a zip archive holding one top-level
directory with ``metadata.json``, a CTranslate2 model in ``model/`` and a
tokenizer: ``sentencepiece.model`` or, for OPUS-MT ports of BPE models,
``bpe.model`` (see ``tokenizers``); a ``stanza/`` sentence splitter may be
there too and is not used. The zip may or may not list folder entries, and
``metadata.json`` may hold only the keys the packagers write (codes, names,
versions: no ``type``, no ``links``). babelsearch installs them
under ``Settings.models_path`` (default ``DATA/models``), never in
argostranslate's per-user directory, and reads them itself: argostranslate
is not needed to list, install from a file or translate.

Installing from argostranslate's online package index lives in
``package_index``.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import InvalidModelPackage
from ..languages import detector_code
from .tokenizers import TOKENIZER_FILES, load_tokenizer

logger = logging.getLogger(__name__)

INSTALL_HINT = (
    "install one with `babelsearch models install FILE.argosmodel` "
    "(where to get files: README, Translation models) or, online, `--from-index LANG`"
)

CONTENT_STAMP = ".content-sha256.json"


@dataclass(frozen=True)
class ArgosPackage:
    """One installed (or unpacked) Argos translation package."""

    path: Path
    from_code: str
    to_code: str
    version: str
    from_name: str = ""
    to_name: str = ""
    target_prefix: str = ""
    tokenizer_file: str = TOKENIZER_FILES[0]

    @property
    def from_language(self) -> str:
        """The detector's code for the source language (``nb`` packages translate ``no``)."""
        return detector_code(self.from_code)

    @property
    def to_language(self) -> str:
        """The detector's code for the target language."""
        return detector_code(self.to_code)

    def translates(self, from_code: str, to_code: str = "en") -> bool:
        """True when this package serves the pair, named by package or detector codes."""
        return from_code in (self.from_code, self.from_language) and to_code in (self.to_code, self.to_language)

    @property
    def pair(self) -> str:
        """Human form of the language pair, e.g. ``de→en``."""
        return f"{self.from_code}→{self.to_code}"

    @property
    def translator_id(self) -> str:
        """Provenance id recorded with each translation, e.g. ``argos/de_en@1.9``."""
        return f"argos/{self.from_code}_{self.to_code}@{self.version}"

    @property
    def label(self) -> str:
        """What a UI shows: ``Argos de→en 1.9``."""
        return f"Argos {self.pair} {self.version}"

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 model directory."""
        return self.path / "model"

    @property
    def tokenizer_path(self) -> Path:
        """The tokenizer: ``sentencepiece.model`` or ``bpe.model``."""
        return self.path / self.tokenizer_file

    def content_sha256(self) -> str:
        """sha256 over what decides the output: metadata, tokenizer and model files.

        Part of each translation's cache key, so a package re-released under
        the same version does not reuse translations of the old one. The
        ``stanza/`` folder and README are not read. Computed at install and
        remembered in ``.content-sha256.json`` next to the files, with their
        sizes and modification times: a changed file is hashed again.
        """
        files = [self.path / "metadata.json", self.tokenizer_path]
        files += sorted(p for p in self.model_dir.rglob("*") if p.is_file())
        signature = [[f.relative_to(self.path).as_posix(), f.stat().st_size, f.stat().st_mtime_ns] for f in files]
        stamp = self.path / CONTENT_STAMP
        try:
            remembered = json.loads(stamp.read_text(encoding="utf-8"))
            if remembered.get("files") == signature:
                return str(remembered["sha256"])
        except (OSError, ValueError, AttributeError, KeyError):
            pass  # no stamp yet, or an unreadable one: hash again
        digest = _digest(self.path, files)
        try:
            stamp.write_text(json.dumps({"files": signature, "sha256": digest}), encoding="utf-8")
        except OSError:  # a read-only models directory: hash on every load
            logger.debug("cannot remember the content hash of %s", self.path)
        return digest

    def size_bytes(self) -> int:
        """Disk size of the package directory."""
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def describe(self) -> dict[str, Any]:
        """A JSON-ready row for ``models list``, ``stats`` and health."""
        return {
            "pair": self.pair,
            "from": self.from_code,
            "to": self.to_code,
            "version": self.version,
            "translator": self.translator_id,
            "tokenizer": self.tokenizer_file,
            "size_bytes": self.size_bytes(),
            "path": str(self.path),
        }


def _digest(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"{file.relative_to(root).as_posix()}\0{file.stat().st_size}\0".encode())
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def version_key(version: str) -> tuple[Any, ...]:
    """Sort key for versions like ``1.9`` < ``1.10``; odd parts sort as text."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in version.split("."))


def _metadata_package(path: Path, metadata: Any, tokenizer_file: str) -> ArgosPackage:
    if not isinstance(metadata, dict):
        raise InvalidModelPackage(f"{path}: metadata.json is not a JSON object")
    if metadata.get("type", "translate") != "translate":
        raise InvalidModelPackage(f"{path}: package type {metadata.get('type')!r} is not a translation model")
    missing = [k for k in ("from_code", "to_code") if not metadata.get(k)]
    if missing:
        raise InvalidModelPackage(f"{path}: metadata.json lacks {', '.join(missing)}")
    return ArgosPackage(
        path=path,
        from_code=str(metadata["from_code"]),
        to_code=str(metadata["to_code"]),
        version=str(metadata.get("package_version") or "0"),
        from_name=str(metadata.get("from_name", "")),
        to_name=str(metadata.get("to_name", "")),
        target_prefix=str(metadata.get("target_prefix", "")),
        tokenizer_file=tokenizer_file,
    )


def read_package(path: Path) -> ArgosPackage:
    """Read and check an unpacked package directory.

    Raises InvalidModelPackage naming what is wrong.
    """
    meta_file = path / "metadata.json"
    if not meta_file.is_file():
        raise InvalidModelPackage(f"{path}: no metadata.json")
    try:
        metadata = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidModelPackage(f"{path}: metadata.json is not valid JSON ({exc})") from exc
    tokenizer_file = next((name for name in TOKENIZER_FILES if (path / name).is_file()), "")
    package = _metadata_package(path, metadata, tokenizer_file)
    if not (package.model_dir / "model.bin").is_file():
        raise InvalidModelPackage(f"{path}: no CTranslate2 model (model/model.bin is missing)")
    if not tokenizer_file:
        raise InvalidModelPackage(f"{path}: no tokenizer (sentencepiece.model or bpe.model is missing)")
    return package


def installed_models(models_path: Path) -> list[ArgosPackage]:
    """Every valid package under ``models_path``, sorted by pair then version.

    Broken package directories are skipped with a warning.
    """
    if not models_path.is_dir():
        return []
    packages = []
    for child in sorted(models_path.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        try:
            packages.append(read_package(child))
        except InvalidModelPackage as exc:
            logger.warning("skipping broken model package: %s", exc)
    return sorted(packages, key=lambda p: (p.from_code, p.to_code, version_key(p.version)))


def installed_model_rows(models_path: Path) -> list[dict[str, Any]]:
    """``installed_models`` as JSON-ready rows (pair, version, size, path)."""
    return [package.describe() for package in installed_models(models_path)]



def find_model(models_path: Path, from_code: str, to_code: str = "en") -> ArgosPackage | None:
    """The newest installed package for one pair of detector codes, or None.

    A package written with the same codes wins over one reached through an
    alias (a ``zh`` package over a ``zt`` one for ``zh``).
    """
    matches = [p for p in installed_models(models_path) if p.translates(from_code, to_code)]
    exact = [p for p in matches if (p.from_code, p.to_code) == (from_code, to_code)]
    return (exact or matches)[-1] if matches else None


def _archive_top(path: Path, names: list[str]) -> str:
    tops = set()
    for name in names:
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or "\\" in name:
            raise InvalidModelPackage(f"{path}: unsafe path in archive: {name!r}")
        tops.add(pure.parts[0])
    if len(tops) != 1:
        raise InvalidModelPackage(
            f"{path}: expected one top-level directory in the archive, found {len(tops)}: {sorted(tops)[:5]}"
        )
    return tops.pop()


def _check_loadable(package: ArgosPackage) -> None:
    import ctranslate2

    try:
        load_tokenizer(package.tokenizer_path, package.from_code, package.to_code)
    except (OSError, RuntimeError, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise InvalidModelPackage(f"{package.path.name}: {package.tokenizer_file} cannot be loaded ({exc})") from exc
    try:
        ctranslate2.Translator(str(package.model_dir), device="cpu", intra_threads=1)
    except Exception as exc:  # CTranslate2 raises RuntimeError, IndexError, ValueError… for bad models
        raise InvalidModelPackage(f"{package.path.name}: model/ cannot be loaded by CTranslate2 ({exc})") from exc


def _check_zip(archive: Path) -> None:
    if not archive.is_file():
        raise InvalidModelPackage(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise InvalidModelPackage(f"{archive}: not an Argos package (.argosmodel files are zip archives)")


def _unpack(archive: Path, staging: Path) -> ArgosPackage:
    try:
        with zipfile.ZipFile(archive) as zf:
            top = _archive_top(archive, zf.namelist())
            zf.extractall(staging)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InvalidModelPackage(f"{archive}: damaged archive ({exc})") from exc
    try:
        package = read_package(staging / top)
    except InvalidModelPackage as exc:
        raise InvalidModelPackage(f"{archive.name}: {str(exc).split(': ', 1)[-1]}") from exc
    _check_loadable(package)
    return package


def _package_dir_name(package: ArgosPackage) -> str:
    return f"translate-{package.from_code}_{package.to_code}-{package.version.replace('.', '_')}"


def install_archive(archive: Path, models_path: Path) -> ArgosPackage:
    """Validate ``archive`` and install it into ``models_path``.

    The package is unpacked and checked in a staging directory next to the
    models, then moved into place, so a bad or interrupted install never
    leaves a half package. Other versions of the same pair are replaced.
    """
    _check_zip(Path(archive))
    models_path.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".install-", dir=models_path) as tmp:
        staged = _unpack(Path(archive), Path(tmp))
        target = models_path / _package_dir_name(staged)
        previous = [p for p in installed_models(models_path) if (p.from_code, p.to_code) == (staged.from_code, staged.to_code)]
        old = models_path / f".old-{target.name}"
        if target.exists():
            target.rename(old)
        staged.path.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    for package in previous:
        if package.path != target and package.path.exists():
            logger.info("replacing %s %s", package.pair, package.version)
            shutil.rmtree(package.path)
    installed = read_package(target)
    installed.content_sha256()  # hashed once now, not in the first reindex
    return installed
