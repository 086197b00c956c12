"""Installing Argos packages from argostranslate's online package index.

Same index URL as argostranslate, same ``ARGOS_PACKAGE_INDEX`` override, for
machines that are online (``babelsearch models install --from-index``, which
``make run`` calls). Downloads go through ``downloads`` (every link, retries,
checks, a temporary file); everything else about packages, offline, is in
``models``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from ..errors import DownloadFailed, PackageIndexUnavailable
from ..languages import detector_code
from .downloads import Expected, Progress, RetryPolicy, download, fetch_bytes
from .models import ArgosPackage, install_archive, version_key

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
OFFLINE_HINT = "install from a file instead: babelsearch models install FILE.argosmodel (README: Translation models)"


def package_index_url() -> str:
    """argostranslate's index URL (``ARGOS_PACKAGE_INDEX`` overrides it)."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX)
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def load_index(policy: RetryPolicy = RetryPolicy()) -> list[dict[str, Any]]:
    """The package index's entries; PackageIndexUnavailable (one line) when offline or malformed."""
    url = package_index_url()
    try:
        index = json.loads(fetch_bytes(url, policy))
    except DownloadFailed as exc:
        raise PackageIndexUnavailable(f"cannot download the Argos package index: {exc}", OFFLINE_HINT) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PackageIndexUnavailable(f"{url} is not a package index ({exc})") from exc
    if not isinstance(index, list):
        raise PackageIndexUnavailable(f"{url} is not a package index (expected a JSON list)")
    return [entry for entry in index if isinstance(entry, dict)]


def _codes(code: object) -> tuple[str, str]:
    """An index code and the detector's code for it (``nb``, ``no``)."""
    return str(code), detector_code(str(code))


def pick(index: list[dict[str, Any]], language: str, to_code: str = "en") -> dict[str, Any]:
    """The newest ``language``→``to_code`` translation entry (index codes like ``nb`` serve ``no``).

    An entry written with the detector's own code wins over an alias.
    """
    candidates = [
        entry for entry in index
        if entry.get("type", "translate") == "translate" and entry.get("links")
        and language in _codes(entry.get("from_code")) and to_code in _codes(entry.get("to_code"))
    ]
    if not candidates:
        raise PackageIndexUnavailable(f"the Argos package index has no {language}→{to_code} package")
    return max(candidates, key=lambda e: (e.get("from_code") == language, version_key(str(e.get("package_version", "0")))))


def expected_of(entry: dict[str, Any]) -> Expected:
    """Size and checksum, where the index entry gives them (today's index does not)."""
    size = entry.get("size") or entry.get("filesize")
    checksum = entry.get("sha256") or entry.get("checksum")
    return Expected(size=int(size) if str(size or "").isdigit() else None,
                    sha256=str(checksum).removeprefix("sha256:") if checksum else None)


def install_entry(entry: dict[str, Any], models_path: Path, policy: RetryPolicy = RetryPolicy(),
                  progress: Progress | None = None) -> ArgosPackage:
    """Download one index entry to a temporary file and install it once complete and valid."""
    try:
        archive = download(entry["links"], models_path, expected=expected_of(entry), policy=policy, progress=progress)
    except DownloadFailed as exc:
        pair = f"{entry.get('from_code')}→{entry.get('to_code')}"
        raise PackageIndexUnavailable(f"cannot download the {pair} package: {exc}", OFFLINE_HINT) from exc
    try:
        return install_archive(archive, models_path)
    finally:
        archive.unlink(missing_ok=True)


def install_from_index(
    languages: Iterable[str], models_path: Path, to_code: str = "en", policy: RetryPolicy = RetryPolicy(),
    progress: Progress | None = None,
) -> list[ArgosPackage]:
    """Download and install the newest ``xx→en`` package for each language.

    Needs a network connection; offline it raises PackageIndexUnavailable
    with a one-line message saying to install from a file.
    """
    index = load_index(policy)
    return [install_entry(pick(index, language, to_code), models_path, policy, progress) for language in languages]
