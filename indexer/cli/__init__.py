"""The ``babelsearch`` command: one click group, thin commands per module."""
from __future__ import annotations

import click

from .. import __version__
from .options import configure_logging


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="babelsearch")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def main(verbose: int, quiet: bool) -> None:
    """babelsearch: search German and Dutch news in English."""
    configure_logging(verbose, quiet)


def _register() -> None:
    # Each module adds its commands to ``main``; imported here, after ``main``
    # exists, so that command modules stay independent of each other.
    from . import (  # noqa: F401
        index_commands,  # noqa: F401
        lexicon_commands,  # noqa: F401
        model_commands,
        serve_command,  # noqa: F401
        translation_commands,
    )


_register()
