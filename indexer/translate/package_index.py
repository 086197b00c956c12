"""Installing Argos packages from argostranslate's online package index.

Same index URL as argostranslate, same ``ARGOS_PACKAGE_INDEX`` override, for
machines that are online (``babelsearch models install --from-index``).
Everything else about packages, offline, is in ``models``.
"""
from __future__ import annotations

import json
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Iterable

from ..errors import PackageIndexUnavailable
from .models import ArgosPackage, install_archive, version_key

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


def package_index_url() -> str:
    """argostranslate's index URL (``ARGOS_PACKAGE_INDEX`` overrides it)."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX)
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _fetch(url: str, timeout: float) -> bytes:
    offline = "install from a file instead: babelsearch models install FILE.argosmodel"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (explicit user request)
            return response.read()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PackageIndexUnavailable(f"cannot download {url} ({reason}); {offline}") from exc


def _pick(index: list[dict[str, Any]], language: str, to_code: str) -> dict[str, Any]:
    candidates = [
        entry for entry in index
        if isinstance(entry, dict) and entry.get("type", "translate") == "translate"
        and entry.get("from_code") == language and entry.get("to_code") == to_code and entry.get("links")
    ]
    if not candidates:
        raise PackageIndexUnavailable(f"the Argos package index has no {language}→{to_code} package")
    return max(candidates, key=lambda e: version_key(str(e.get("package_version", "0"))))


def install_from_index(
    languages: Iterable[str], models_path: Path, to_code: str = "en", timeout: float = 30.0
) -> list[ArgosPackage]:
    """Download and install the newest ``xx→en`` package for each language.

    Needs a network connection; offline it raises PackageIndexUnavailable
    with a one-line message saying to install from a file.
    """
    url = package_index_url()
    try:
        index = json.loads(_fetch(url, timeout))
    except json.JSONDecodeError as exc:
        raise PackageIndexUnavailable(f"{url} is not a package index ({exc})") from exc
    if not isinstance(index, list):
        raise PackageIndexUnavailable(f"{url} is not a package index (expected a JSON list)")
    installed = []
    for language in languages:
        entry = _pick(index, language, to_code)
        data = _fetch(str(entry["links"][0]), timeout)
        with tempfile.TemporaryDirectory() as tmp:
            archive = Path(tmp) / f"translate-{language}_{to_code}.argosmodel"
            archive.write_bytes(data)
            installed.append(install_archive(archive, models_path))
    return installed
