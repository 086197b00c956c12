"""``python -m indexer`` runs the babelsearch command."""
from .cli import main

main(prog_name="babelsearch")
