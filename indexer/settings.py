"""One Settings object, driven by one table.

Every setting has a name, a default, an environment variable and a help
text. The CLI builds its options from ``SETTINGS``, the server reads the
same object, and README's configuration table lists the same rows.
Precedence: explicit value (a CLI flag) over environment over default.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from .languages import DEFAULT_LANGUAGES


def _languages(value: str | tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return value
    return tuple(code.strip().lower() for code in value.split(",") if code.strip())


def _yes(value: str | bool) -> bool:
    """True for 1/true/yes/on (any case)."""
    return value if isinstance(value, bool) else value.strip().lower() in ("1", "true", "yes", "on")


def _size(value: str | int) -> int:
    """Bytes from ``20000000``, ``20MB`` or ``512KB``."""
    if isinstance(value, int):
        return value
    text = value.strip().upper()
    for suffix, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)):
        if text.endswith(suffix):
            return int(float(text[: -len(suffix)]) * factor)
    return int(text)


TRANSLATION_DEVICES = ("auto", "cpu", "cuda")


def _device(value: str) -> str:
    """One of TRANSLATION_DEVICES (any case)."""
    device = value.strip().lower()
    if device not in TRANSLATION_DEVICES:
        raise ValueError(f"translation device must be one of {', '.join(TRANSLATION_DEVICES)}, not {value!r}")
    return device


def _symlink_rule(value: str) -> str:
    rule = value.strip().lower()
    if rule not in ("inside", "all", "none"):
        raise ValueError(f"BABELSEARCH_SYMLINKS must be inside, all or none, not {value!r}")
    return rule


@dataclass(frozen=True)
class Setting:
    """One row of the settings table."""

    name: str
    env: str
    help: str
    parse: Callable[[Any], Any] = str


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "BABELSEARCH_DATA", "Directory holding the index, models and lexicons.", Path),
    Setting("engine", "BABELSEARCH_ENGINE", "Search engine: 'embedded' (Tantivy, default), an Elasticsearch URL (http(s)://host:9200) or an OpenSearch URL (opensearch+http(s)://host:9200)."),
    Setting("corpus", "BABELSEARCH_CORPUS", "Corpus folder of .txt/.html files to index.", Path),
    Setting("translations_dir", "BABELSEARCH_TRANSLATIONS", "Translation cache directory.", Path),
    Setting("models_dir", "BABELSEARCH_MODELS", "Argos model directory (default: DATA/models).", Path),
    Setting("max_file_bytes", "BABELSEARCH_MAX_FILE_BYTES", "Files larger than this are skipped (e.g. 20MB).", _size),
    Setting("html_max_chars", "BABELSEARCH_HTML_MAX_CHARS", "HTML pages longer than this many characters are reported, not extracted.", int),
    Setting("file_timeout", "BABELSEARCH_FILE_TIMEOUT", "Seconds one file may take to read, extract and tag before it is reported and skipped (0: no limit).", float),
    Setting("symlinks", "BABELSEARCH_SYMLINKS", "Which symlinks in the corpus are followed: 'inside' (target inside the corpus folder), 'all' or 'none'.", _symlink_rule),
    Setting("languages", "BABELSEARCH_LANGUAGES", "Comma-separated languages the detector chooses from.", _languages),
    Setting("beam_size", "BABELSEARCH_BEAM_SIZE", "Beam size for translation (argostranslate's default: 4; 1 = greedy, faster).", int),
    Setting("length_penalty", "BABELSEARCH_LENGTH_PENALTY", "Length penalty for translation (argostranslate's default: 0.2).", float),
    Setting("translation_device", "BABELSEARCH_TRANSLATION_DEVICE", "Translation device: auto (CUDA when CTranslate2 finds a GPU, else CPU), cpu or cuda.", _device),
    Setting("translation_inter_threads", "BABELSEARCH_TRANSLATION_INTER_THREADS", "Model replicas translating in parallel (CTranslate2 inter_threads; 0: one per core on CPU, 1 on CUDA).", int),
    Setting("translation_intra_threads", "BABELSEARCH_TRANSLATION_INTRA_THREADS", "Threads per model replica (CTranslate2 intra_threads; 0: the cores left per replica).", int),
    Setting("allow_pivot", "BABELSEARCH_ALLOW_PIVOT", "Translate a language without a direct xx->en model through another language (e.g. fr->de->en).", _yes),
    Setting("workers", "BABELSEARCH_WORKERS", "Worker processes: reindex extracts and detects languages in them, serve answers requests in them (0: one per core).", int),
    Setting("broker", "BABELSEARCH_BROKER", "Redis URL of the translation queue (redis://host:6379/0); unset: translate in this process."),
    Setting("worker_timeout", "BABELSEARCH_WORKER_TIMEOUT", "Seconds a reindex waits without any answer from a translation worker before it stops; a batch held by a dead worker is handed to another after half of it.", float),
    Setting("es_index", "BABELSEARCH_ES_INDEX", "Elasticsearch/OpenSearch alias that names the live index."),
    Setting("es_user", "BABELSEARCH_ES_USER", "Elasticsearch/OpenSearch user name (basic auth, with BABELSEARCH_ES_PASSWORD)."),
    Setting("es_password", "BABELSEARCH_ES_PASSWORD", "Elasticsearch/OpenSearch password (never printed or logged)."),
    Setting("es_api_key", "BABELSEARCH_ES_API_KEY", "Elasticsearch API key, instead of user and password (never printed or logged; OpenSearch has none)."),
    Setting("es_ca_certs", "BABELSEARCH_ES_CA_CERTS", "CA certificate file (PEM) to verify an https:// Elasticsearch/OpenSearch URL.", Path),
)


@dataclass(frozen=True)
class Settings:
    """Configuration for one run of the indexer, the CLI or the server."""

    data_dir: Path = Path("data")
    # A URL may carry user:password@; show ``engine_display`` instead (also kept out of repr).
    engine: str = field(default="embedded", repr=False)
    corpus: Path = Path("seeds")
    translations_dir: Path = Path("translations")
    models_dir: Path | None = None
    max_file_bytes: int = 20 * 1024 * 1024
    html_max_chars: int = 5_000_000
    file_timeout: float = 120.0
    symlinks: str = "inside"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    beam_size: int = 4
    length_penalty: float = 0.2
    translation_device: str = "auto"
    translation_inter_threads: int = 0
    translation_intra_threads: int = 0
    allow_pivot: bool = False
    workers: int = 0
    # A broker URL may carry a password; show ``broker_display`` instead.
    broker: str | None = field(default=None, repr=False)
    worker_timeout: float = 600.0
    es_index: str = "babelsearch"
    es_user: str | None = None
    # Secrets stay out of repr() so that logging a Settings never leaks them.
    es_password: str | None = field(default=None, repr=False)
    es_api_key: str | None = field(default=None, repr=False)
    es_ca_certs: Path | None = None

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Defaults, then environment variables, then non-None ``overrides``."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            if setting.env in environ and environ[setting.env] != "":
                values[setting.name] = setting.parse(environ[setting.env])
        for name, value in overrides.items():
            if value is not None:
                row = next((s for s in SETTINGS if s.name == name), None)
                values[name] = row.parse(value) if row and isinstance(value, str) else value
        return cls(**values)

    def with_(self, **changes: Any) -> "Settings":
        """A copy with some values changed."""
        return replace(self, **changes)

    @property
    def engine_display(self) -> str:
        """``engine`` safe to print, log or send: credentials in a URL removed."""
        return redact_url(self.engine)

    @property
    def broker_display(self) -> str | None:
        """``broker`` safe to print or log: credentials removed."""
        return redact_url(self.broker) if self.broker else None

    @property
    def models_path(self) -> Path:
        """Where Argos models live: ``models_dir`` or ``DATA/models``."""
        return self.models_dir if self.models_dir is not None else self.data_dir / "models"

    @property
    def worker_count(self) -> int:
        """Worker processes to use (``workers`` or one per core)."""
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)


_USERINFO = re.compile(r"(?<=://)[^/@\s]*@")


def redact_url(text: str) -> str:
    """``text`` with the ``user:password@`` part of any URL in it removed."""
    return _USERINFO.sub("", text)
