"""``python -m indexer.cli`` runs the babelsearch command."""
from . import main

main(prog_name="babelsearch")
