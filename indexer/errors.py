"""Every named error of babelsearch, in one place.

Stages raise these; the CLI turns them into a one-line message and a
non-zero exit, the API into ``{"error": {"code", "message"}}`` with the
error's own ``status``. An error users cannot cause keeps status 500.
"""
from __future__ import annotations


class BabelsearchError(Exception):
    """Base of every error babelsearch reports to a user."""

    code = "error"
    status = 500  # HTTP status when it reaches the API


class CorpusError(BabelsearchError):
    """The corpus folder is missing or cannot be read at all."""

    code = "corpus_error"


class ExtractionError(BabelsearchError):
    """A single file gave no usable document (reported, then skipped)."""

    code = "extraction_error"


class EngineUnavailable(BabelsearchError):
    """The search engine cannot be reached or used."""

    code = "engine_unavailable"
    status = 503


class IndexBusy(BabelsearchError):
    """Another reindex holds the lock on this data dir and engine."""

    code = "index_busy"
    status = 503


class IndexNotFound(BabelsearchError):
    """Nothing has been published yet: run ``babelsearch reindex``."""

    code = "index_not_found"
    status = 503


class DocumentNotFound(BabelsearchError):
    """No document has the requested id."""

    code = "not_found"
    status = 404


class QuerySyntaxError(BabelsearchError):
    """The search query cannot be parsed."""

    code = "query_syntax"
    status = 400


class BadRequest(BabelsearchError):
    """A search parameter is out of range or malformed."""

    code = "bad_request"
    status = 400


class InvalidModelPackage(BabelsearchError):
    """A file or directory is not a usable Argos translation package."""

    code = "invalid_model_package"


class PackageIndexUnavailable(BabelsearchError):
    """The online Argos package index cannot be reached or has no such package.

    ``problem`` is what went wrong; the message may add a ``hint`` (how to
    install offline).
    """

    code = "package_index_unavailable"

    def __init__(self, problem: str, hint: str = "") -> None:
        super().__init__(f"{problem}; {hint}" if hint else problem)
        self.problem = problem


class DownloadFailed(BabelsearchError):
    """No link gave a complete, valid copy of a file; ``reasons`` has one line per link."""

    code = "download_failed"

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class TranslationDeviceUnavailable(BabelsearchError):
    """The translation device asked for (``cuda``) is not there."""

    code = "translation_device_unavailable"


class TranslationCacheUnavailable(BabelsearchError):
    """The translation cache is locked, read-only or cannot be opened."""

    code = "translation_cache_unavailable"


class NothingToPrune(BabelsearchError):
    """No complete translation run is recorded, so usage is unknown."""

    code = "nothing_to_prune"


class LexiconError(BabelsearchError):
    """A lexicon source or the compiled lexicon cannot be read."""

    code = "lexicon_error"


class DiskFull(BabelsearchError):
    """No space left on the device while writing the index or the translation cache."""

    code = "disk_full"
    status = 507


class ModelNotInstalled(BabelsearchError):
    """No translation model is installed where one is needed (a worker with no models)."""

    code = "model_not_installed"


class WorkersUnavailable(BabelsearchError):
    """The translation queue's broker or workers did not answer in time."""

    code = "workers_unavailable"
    status = 503


class ModelMismatch(BabelsearchError):
    """A translation worker's model differs from the one the batch asks for."""

    code = "model_mismatch"
