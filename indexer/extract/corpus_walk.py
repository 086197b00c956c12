"""Which files of a corpus folder are read: the rules for odd entries.

A corpus folder may hold anything a file system can: hidden files, FIFOs,
devices, sockets, symlinks (to files, folders, outside the corpus, in
loops) and names that are not UTF-8. The rules, also in README:

1. Only ``.txt``, ``.html`` and ``.htm`` files are corpus files; other
   names are not read and not reported.
2. Hidden entries (a name starting with ``.``) are not read. A hidden
   corpus file and a hidden folder are reported, once each.
3. A symlink is followed only while its target stays inside the corpus
   folder (``BABELSEARCH_SYMLINKS=inside``, the default); ``all`` follows
   every symlink, ``none`` none. One that is not followed, or is broken, is
   reported. Every file and folder is read once: a second way to the same
   file or folder (a link to it, a loop) is reported, not read again.
4. Only regular files are read: a FIFO, device or socket is reported and
   never opened (opening a FIFO would wait for a writer forever).
5. The document id is the path below the corpus folder without its
   extension. A name may hold any character a file name can (newlines
   too); bytes that are not UTF-8 appear as ``\\xHH`` (e.g. ``caf\\xe9``),
   so every id is valid text and names its file unambiguously.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".txt", ".html", ".htm")
SYMLINK_RULES = ("inside", "all", "none")
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"),
)


@dataclass(frozen=True)
class Found:
    """A corpus file to read: its path (as reached) and its document id."""

    path: Path
    doc_id: str


@dataclass
class _Walk:
    root: Path
    real_root: str
    symlinks: str
    files: list[Found] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    seen: dict[str, Path] = field(default_factory=dict)  # real path -> the path it was reached by
    links: list[Path] = field(default_factory=list)  # followed after every real entry


def walk_corpus(root: Path, symlinks: str = "inside") -> tuple[list[Found], list[tuple[Path, str]]]:
    """The corpus files below ``root`` (sorted by path) and ``(path, reason)`` for what is left out.

    Real files and folders are walked first, symlinks after them, so a link
    never takes the id of the file it points to.
    """
    if symlinks not in SYMLINK_RULES:
        raise ValueError(f"symlink rule must be one of {', '.join(SYMLINK_RULES)}, not {symlinks!r}")
    walk = _Walk(root, os.path.realpath(root), symlinks)
    walk.seen[walk.real_root] = root
    _walk_folder(walk, root)
    while walk.links:
        _follow_link(walk, walk.links.pop(0))
    walk.files.sort(key=lambda found: str(found.path))
    return walk.files, walk.skipped


def document_id(root: Path, path: Path) -> str:
    """The id of ``path``: relative to ``root``, no extension, non-UTF-8 bytes as ``\\xHH``."""
    relative = os.fsencode(path.relative_to(root).with_suffix("").as_posix())
    return relative.decode("utf-8", "backslashreplace")


def _walk_folder(walk: _Walk, folder: Path) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        walk.skipped.append((folder, f"cannot list folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        _visit(walk, folder / entry.name, entry)


def _visit(walk: _Walk, path: Path, entry: os.DirEntry) -> None:
    is_corpus_name = entry.name.lower().endswith(SUFFIXES)
    try:
        is_link = entry.is_symlink()
        is_dir = entry.is_dir(follow_symlinks=False)
    except OSError as exc:
        walk.skipped.append((path, f"cannot read: {exc.strerror or exc}"))
        return
    if entry.name.startswith("."):
        if is_dir or is_corpus_name:
            kind = "folder" if is_dir else "file"
            walk.skipped.append((path, f"hidden {kind} (names starting with '.' are not read)"))
        return
    if is_link:
        walk.links.append(path)
    elif is_dir:
        walk.seen[os.path.realpath(path)] = path
        _walk_folder(walk, path)
    elif is_corpus_name:
        _add_file(walk, path)


def _follow_link(walk: _Walk, path: Path) -> None:
    is_corpus_name = path.name.lower().endswith(SUFFIXES)
    try:
        target_is_dir = stat.S_ISDIR(path.stat().st_mode)
    except OSError as exc:
        if is_corpus_name:
            walk.skipped.append((path, f"broken symlink ({exc.strerror or exc})"))
        return
    if not (target_is_dir or is_corpus_name):
        return
    refusal = _link_refusal(walk, path)
    if refusal:
        walk.skipped.append((path, refusal))
    elif not target_is_dir:
        _add_file(walk, path)
    elif _claim(walk, path):
        _walk_folder(walk, path)


def _link_refusal(walk: _Walk, path: Path) -> str | None:
    """Why the symlink at ``path`` is not followed, or None."""
    if walk.symlinks == "none":
        return "symlink not followed (BABELSEARCH_SYMLINKS=none)"
    target = os.path.realpath(path)
    inside = target == walk.real_root or target.startswith(walk.real_root.rstrip(os.sep) + os.sep)
    if walk.symlinks == "inside" and not inside:
        return "symlink points outside the corpus folder (BABELSEARCH_SYMLINKS=inside)"
    return None


def _add_file(walk: _Walk, path: Path) -> None:
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        walk.skipped.append((path, f"cannot read: {exc.strerror or exc}"))
        return
    if not stat.S_ISREG(mode):
        walk.skipped.append((path, f"not a regular file ({kind_of(mode)})"))
        return
    if _claim(walk, path):
        walk.files.append(Found(path, document_id(walk.root, path)))


def _claim(walk: _Walk, path: Path) -> bool:
    """Mark the file or folder behind ``path`` as read; False (reported) when it already was."""
    real = os.path.realpath(path)
    first = walk.seen.setdefault(real, path)
    if first is path:
        return True
    walk.skipped.append((path, f"already read as {first} (a symlink to it, or a loop)"))
    return False


def kind_of(mode: int) -> str:
    """'a FIFO', 'a socket', … for a file mode that is not a regular file."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")
