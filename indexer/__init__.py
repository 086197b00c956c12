"""babelsearch indexer: corpus -> documents -> translations -> search index."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("babelsearch")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.1.0"
