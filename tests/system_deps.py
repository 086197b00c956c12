"""One rule for tests that need something outside Python's reach.

Without a system dependency (chromium, the Debian dictionaries, noida-db,
openssl, a native module) a test is skipped with a reason that says how to
install it, except under CI=true, where a missing dependency fails the run.
"""
from __future__ import annotations

import os

import pytest


def missing_dependency(reason: str) -> None:
    """Skip with ``reason``, or fail when CI=true."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a missing dependency fails the run, it is not skipped)")
    pytest.skip(reason)


def debian_dictionaries_reason(missing: list[str]) -> str:
    """The message for missing Debian dictionary packages."""
    return f"Debian dictionaries not installed: {', '.join(missing)} (apt-get install {' '.join(missing)})"
