"""Compiled lexicons kept once per machine, keyed by what they are built from.

A compiled lexicon depends only on its dictionary files, the build options
and the build code, so it is built once into
``${XDG_CACHE_HOME:-~/.cache}/babelsearch/lexicons/<key>/lexicon.sqlite``
and every data dir (a second clone, ``make test``, the CLIR bench) gets a
hard link to it, or a copy where the cache lies on another file system.
A data dir never depends on the cache staying: deleting either leaves the
other intact, and nothing writes to a compiled lexicon after its build.

The key hashes each dictionary file's path, size and modification time
(a package upgrade changes them), the build options, the source of the
build modules and the versions of wordfreq and wordsegment.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path
from typing import Callable

from ..progress import Progress
from .build import FREQUENCY_EXPONENT, BuildReport, build_lexicon
from .sources import Source
from .store import FILE_NAME

logger = logging.getLogger(__name__)

KEEP = 3  # compiled lexicons kept; older ones go when a new one is built
_PACKAGES = ("wordfreq", "wordsegment")


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/babelsearch/lexicons`` (``~/.cache`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "babelsearch" / "lexicons"


def cache_key(sources: list[Source], options: dict) -> str:
    """A hex digest of everything a compiled lexicon depends on."""
    files = []
    for source in sources:
        for path in source.files():
            stat = path.stat()
            files.append([source.name, source.kind, str(path.resolve()), stat.st_size, stat.st_mtime_ns])
    identity = {"files": files, "options": options, "code": _code_digest(),
                "packages": {name: _version(name) for name in _PACKAGES}}
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:24]


def cached_lexicon(key: str, build: Callable[[Path], object], root: Path | None = None) -> tuple[Path, bool]:
    """(the compiled lexicon for ``key``, whether it was built now); ``build(path)`` writes one.

    Concurrent builders of one key each build into their own folder; the
    first to finish publishes it and the others keep theirs out.
    """
    root = root or cache_root()
    entry = root / key / FILE_NAME
    if entry.is_file():
        os.utime(entry.parent)  # recently used entries survive pruning
        return entry, False
    staging = root / f".{key}.{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        build(staging / FILE_NAME)
        try:
            staging.rename(entry.parent)
        except OSError:
            if not entry.is_file():  # not a concurrent build that finished first
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _prune(root, keep=entry.parent)
    return entry, True


def compile_lexicon(sources: list[Source], target: Path, pivot: str = "missing", progress: Progress | None = None,
                    rebuild: bool = False) -> BuildReport | None:
    """Put the compiled lexicon of ``sources`` at ``target``: the build's report, or None when it came from the cache."""
    reports: list[BuildReport] = []

    def build(path: Path) -> None:
        if progress is not None:
            progress.write(f"Compiling {len(sources)} dictionaries (once per machine; kept in {cache_root()})",
                           final=True)
        reports.append(build_lexicon(sources, path, pivot=pivot, frequency=FREQUENCY_EXPONENT, progress=progress))

    compile_cached(sources, {"pivot": pivot, "frequency": FREQUENCY_EXPONENT}, target, build, rebuild)
    return reports[0] if reports else None


def compile_cached(sources: list[Source], options: dict, target: Path, build: Callable[[Path], object],
                   rebuild: bool = False) -> bool:
    """Put the compiled lexicon of ``sources`` at ``target``, from the cache or built now (True).

    ``rebuild`` replaces the cached one. When the cache cannot be written
    (a read-only home), the lexicon is built straight into ``target``.
    """
    root = cache_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
        writable = os.access(root, os.W_OK)
    except OSError:
        writable = False
    if not writable:
        logger.warning("cannot write the lexicon cache %s: building into %s", root, target.parent)
        build(target)
        return True
    key = cache_key(sources, options)
    if rebuild:
        shutil.rmtree(root / key, ignore_errors=True)
    compiled, built = cached_lexicon(key, build, root)
    install(compiled, target)
    return built


def install(compiled: Path, target: Path) -> bool:
    """Make ``target`` the compiled lexicon (hard link, else copy), atomically; False when it already is."""
    if target.exists() and os.path.samefile(compiled, target):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    temporary.unlink(missing_ok=True)
    try:
        os.link(compiled, temporary)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(compiled, temporary)
    os.replace(temporary, target)
    return True


def _prune(root: Path, keep: Path) -> None:
    """Remove all but the ``KEEP`` most recently used entries (never ``keep``)."""
    entries = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=_last_used, reverse=True)
    for old in entries[KEEP:]:
        if old != keep:
            logger.info("removing the old compiled lexicon %s", old)
            shutil.rmtree(old, ignore_errors=True)


def _last_used(entry: Path) -> float:
    try:
        return entry.stat().st_mtime
    except OSError:  # removed meanwhile by another process
        return 0.0


def _code_digest() -> str:
    """Hash of the lexicon package's modules and the word segmenter the build uses."""
    from ..language import deglue

    digest = hashlib.sha256()
    modules = sorted(Path(__file__).parent.glob("*.py")) + [Path(sys.modules[deglue.__name__].__file__ or "")]
    for module in modules:
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""
