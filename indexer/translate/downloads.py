"""Robust downloads for ``models install --from-index`` (the only network code).

Like argostranslate, every mirror link is tried in random order with
retries and a User-Agent (some mirrors answer 403 without one); beyond it,
retries back off exponentially, a download shorter than its
``Content-Length`` or than the size the index gives is a failure, a sha256
given by the index is checked, and the bytes go to a temporary file that
the caller installs only once complete. Progress is reported through a
callback; nothing here prints.
"""
from __future__ import annotations

import hashlib
import http.client
import logging
import os
import random
import socket
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from .. import __version__
from ..errors import DownloadFailed

logger = logging.getLogger(__name__)

USER_AGENT = f"babelsearch/{__version__} (+https://github.com/argosopentech/argospm-index; like ArgosTranslate)"
SCHEMES = ("http://", "https://", "file://")

# (bytes so far, total bytes or None) for one file.
Progress = Callable[[int, "int | None"], None]


class _PermanentError(Exception):
    """A failure retrying the same link cannot fix (404, 403, unknown host)."""


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: argostranslate makes 1 attempt + 3 retries per link."""

    attempts: int = 4
    backoff_seconds: float = 1.0  # waits 1, 2, 4 s between attempts
    timeout_seconds: float = 30.0
    chunk_bytes: int = 1 << 16


@dataclass(frozen=True)
class Expected:
    """What the package index promises about a file, where it says."""

    size: int | None = None
    sha256: str | None = None


def _open(url: str, policy: RetryPolicy):  # noqa: ANN202 (an http.client or urllib response)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        return urllib.request.urlopen(request, timeout=policy.timeout_seconds)  # noqa: S310 (explicit user request)
    except urllib.error.HTTPError as exc:
        if 400 <= exc.code < 500 and exc.code not in (408, 429):
            raise _PermanentError(f"HTTP {exc.code} {exc.reason}") from exc
        raise
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (socket.gaierror, FileNotFoundError)):  # offline, a dead mirror, no such file
            raise _PermanentError(str(exc.reason)) from exc
        raise


def _copy(url: str, out: "tempfile._TemporaryFileWrapper[bytes]", policy: RetryPolicy,
          progress: Progress | None) -> None:
    """One attempt: stream ``url`` into ``out``; raise if it ends short."""
    out.seek(0)
    out.truncate()
    with _open(url, policy) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        done = 0
        for block in iter(lambda: response.read(policy.chunk_bytes), b""):
            out.write(block)
            done += len(block)
            if progress is not None:
                progress(done, total)
    if total is not None and done != total:
        raise OSError(f"truncated: {done} of {total} bytes")
    out.flush()


def _check(path: Path, expected: Expected) -> None:
    size = path.stat().st_size
    if expected.size is not None and size != expected.size:
        raise OSError(f"{size} bytes where the index says {expected.size}")
    if expected.sha256:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != expected.sha256.lower():
            raise OSError("sha256 differs from the index's")


def _try_link(url: str, out, policy: RetryPolicy, expected: Expected, progress: Progress | None) -> str | None:  # noqa: ANN001
    """Attempts on one link; None when one succeeded, else the last reason."""
    reason = "not tried"
    for attempt in range(policy.attempts):
        if attempt:
            time.sleep(policy.backoff_seconds * 2 ** (attempt - 1))
        try:
            _copy(url, out, policy, progress)
            _check(Path(out.name), expected)
            return None
        except _PermanentError as exc:
            return str(exc)
        except (OSError, ValueError, http.client.HTTPException) as exc:  # URLError, timeouts, resets, truncation
            reason = str(getattr(exc, "reason", exc))
            logger.warning("download of %s failed (attempt %d of %d): %s", url, attempt + 1, policy.attempts, reason)
    return reason


def download(links: Sequence[str], directory: Path, *, expected: Expected = Expected(),
             policy: RetryPolicy = RetryPolicy(), progress: Progress | None = None) -> Path:
    """A complete copy of the file behind ``links`` as a temporary file in ``directory``.

    Links are tried in random order, each with ``policy.attempts`` attempts.
    The caller owns (and removes) the returned file. Raises DownloadFailed
    naming every link's last reason; no partial file is left behind.
    """
    usable = [str(link) for link in links if str(link).startswith(SCHEMES)]
    if not usable:
        raise DownloadFailed([f"no http(s) link among {list(links)}"])
    directory.mkdir(parents=True, exist_ok=True)
    out = tempfile.NamedTemporaryFile(prefix=".download-", suffix=".part", dir=directory, delete=False)
    reasons = []
    try:
        for url in random.sample(usable, len(usable)):
            reason = _try_link(url, out, policy, expected, progress)
            if reason is None:
                out.close()
                return Path(out.name)
            reasons.append(f"{url}: {reason}")
    finally:
        out.close()
    os.unlink(out.name)
    raise DownloadFailed(reasons)


def fetch_bytes(url: str, policy: RetryPolicy = RetryPolicy()) -> bytes:
    """A small file (the package index) in memory, with the same retries."""
    with tempfile.TemporaryDirectory() as tmp:
        path = download([url], Path(tmp), policy=policy)
        return path.read_bytes()
