"""The named errors of babelsearch.

Stages raise these; the CLI turns them into a one-line message and a
non-zero exit, the API into ``{"error": {"code", "message"}}`` with a status.
"""
from __future__ import annotations


class BabelsearchError(Exception):
    """Base of every error babelsearch reports to a user."""

    code = "error"


class CorpusError(BabelsearchError):
    """The corpus folder is missing or cannot be read at all."""

    code = "corpus_error"


class ExtractionError(BabelsearchError):
    """A single file gave no usable document (reported, then skipped)."""

    code = "extraction_error"


class EngineUnavailable(BabelsearchError):
    """The search engine cannot be reached or used (HTTP 503)."""

    code = "engine_unavailable"


class IndexBusy(BabelsearchError):
    """Another reindex holds the lock on this data dir."""

    code = "index_busy"


class IndexNotFound(BabelsearchError):
    """Nothing has been published yet: run ``babelsearch reindex``."""

    code = "index_not_found"


class ModelNotInstalled(BabelsearchError):
    """No translation model for a language pair."""

    code = "model_not_installed"


class QuerySyntaxError(BabelsearchError):
    """The search query cannot be parsed (HTTP 400)."""

    code = "query_syntax"


class BadRequest(BabelsearchError):
    """A search parameter is out of range or malformed (HTTP 400)."""

    code = "bad_request"


class WorkersUnavailable(BabelsearchError):
    """The translation queue's broker or workers did not answer in time."""

    code = "workers_unavailable"


class ModelMismatch(BabelsearchError):
    """A translation worker's model differs from the one the batch asks for."""

    code = "model_mismatch"
