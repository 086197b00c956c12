"""README stays in step with the code it documents."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("env", [s.env for s in SETTINGS])
def test_every_setting_is_in_the_configuration_table(env: str) -> None:
    assert re.search(rf"^\|.*`{env}`.*\|$", README, re.M), f"{env} missing from README's configuration table"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r"^make test\s+# set up \.venv and run the test suite$", README, re.M)
    assert command, "README's quick start names `make test` as the test command"
    assert ci.rstrip().splitlines()[-1] == "make test"
