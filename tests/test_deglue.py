"""Glued English words are split; real words and names are left alone."""
import pytest

from indexer.language.deglue import deglue


@pytest.mark.parametrize(
    "text, expected",
    [
        ("interests ofthe European Union", "interests of the European Union"),
        ("and callingfor a ban", "and calling for a ban"),
        ("theEUlegalframeworktoprotectsecurity", "the EU legal framework to protect security"),
        ("the UnionanditsMember States", "the Union and its Member States"),
        ("a number ofsteps", "a number of steps"),
        # left alone: real words, names, acronyms, other languages' compounds in English text
        ("cosignatories admissibility cybersecurity", "cosignatories admissibility cybersecurity"),
        ("Groothuis Riseborough Gentiloni Nuctech", "Groothuis Riseborough Gentiloni Nuctech"),
        ("CCEI COMMISSION", "CCEI COMMISSION"),
        ("state-owned company", "state-owned company"),
    ],
)
def test_deglue(text: str, expected: str) -> None:
    assert deglue(text) == expected
