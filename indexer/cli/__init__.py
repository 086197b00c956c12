"""The ``babelsearch`` command: one click group, thin commands per module.

Global options (``-v``/``-q``, ``--data``, ``--engine``) may come before or
after the subcommand: ``babelsearch --data X stats`` and ``babelsearch
stats --data X -v`` mean the same. Bare ``babelsearch`` prints the help.
"""
from __future__ import annotations

from pathlib import Path

import click

from .. import __version__
from .options import GLOBAL_FLAGS, configure_logging, global_settings_option


class GlobalOptionsGroup(click.Group):
    """A group that also takes its logging flags after the subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Move ``-v``/``-vv``/``--verbose``/``-q``/``--quiet`` found after the
        subcommand (before any ``--``) to the front, where the group reads them."""
        if "--" in args:
            cut = args.index("--")
            head, tail = args[:cut], args[cut:]
        else:
            head, tail = args, []
        flags = [a for a in head if a in GLOBAL_FLAGS]
        rest = [a for a in head if a not in GLOBAL_FLAGS]
        return super().parse_args(ctx, flags + rest + tail)


@click.group(cls=GlobalOptionsGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="babelsearch")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@global_settings_option("data_dir", type=click.Path(file_okay=False, path_type=Path))
@global_settings_option("engine")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """babelsearch: search German and Dutch news in English."""
    configure_logging(verbose, quiet)
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        ctx.exit(0)


def _register() -> None:
    # Each module adds its commands to ``main``; imported here, after ``main``
    # exists, so that command modules stay independent of each other.
    from . import (  # noqa: F401
        index_commands,  # noqa: F401
        lexicon_commands,  # noqa: F401
        model_commands,
        search_command,  # noqa: F401
        serve_command,  # noqa: F401
        translation_commands,
        worker_command,
    )


_register()
