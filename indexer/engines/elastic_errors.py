"""Cluster problems as one clear EngineUnavailable message each.

Elasticsearch's and OpenSearch's clients raise a dozen exception types each;
users need to know which URL failed and what to do. Each client adapter
sorts its exceptions into a ``Failure`` (``ClusterClient.classify``); the
messages are written once, here. They name the URL without credentials and
never quote a header, a password or an API key.
"""
from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Literal, Protocol
from urllib.parse import unquote, urlsplit, urlunsplit

from ..errors import BabelsearchError, EngineUnavailable

if TYPE_CHECKING:
    from ..settings import Settings

log = logging.getLogger(__name__)

# Error types Elasticsearch answers when our index body clashes with what is
# already in the cluster (an index or template with other field types, an
# index that holds the alias's name, an alias where an index should be).
MAPPING_CONFLICTS = {
    "mapper_parsing_exception",
    "illegal_argument_exception",
    "resource_already_exists_exception",
    "invalid_index_name_exception",
    "invalid_alias_name_exception",
    "strict_dynamic_mapping_exception",
    "document_parsing_exception",
}
# The innermost, human part of a transport failure, e.g. "[Errno 111] Connection refused".
_TRANSPORT_REASONS = re.compile(
    r"\[Errno -?\d+\] [^)'\"]+|certificate verify failed[^)'\"]*|\[SSL[^\]]*\][^()'\"]*|timed out|Name or service not known"
)
_SHARDS_DOWN = {"no_shard_available_action_exception", "cluster_block_exception", "unavailable_shards_exception"}


@dataclass(frozen=True)
class ClusterAddress:
    """An Elasticsearch URL split into the part safe to show and the credentials."""

    url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, engine: str) -> "ClusterAddress":
        """Take ``user:password@`` out of the URL so that it is never shown."""
        parts = urlsplit(engine.strip().rstrip("/"))
        try:
            parts.port
        except ValueError:
            raise EngineUnavailable(f"'{parts.scheme}://{parts.hostname}…' has a bad port: use http(s)://host:9200") from None
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{host}:{parts.port}" if parts.port else host
        url = urlunsplit((parts.scheme, netloc, parts.path, "", ""))
        user = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password else None
        return cls(url, user, password)


@dataclass(frozen=True)
class Credentials:
    """How to log in to a cluster, from the URL or the settings (never shown)."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    api_key: str | None = field(default=None, repr=False)
    ca_certs: str | None = None  # PEM file, only for https://

    @classmethod
    def of(cls, address: ClusterAddress, settings: "Settings") -> "Credentials":
        """The URL's user and password win over the settings'; a CA file must exist."""
        ca_certs = None
        if settings.es_ca_certs and address.url.startswith("https://"):
            if not Path(settings.es_ca_certs).is_file():
                raise EngineUnavailable(
                    f"BABELSEARCH_ES_CA_CERTS names {settings.es_ca_certs}, which is not a file: "
                    f"point it at the PEM CA certificate of {address.url}"
                )
            ca_certs = str(settings.es_ca_certs)
        user = address.user or settings.es_user
        password = (address.password or settings.es_password or "") if user else None
        return cls(user, password, settings.es_api_key, ca_certs)


FailureKind = Literal["tls", "connect", "auth", "forbidden", "product", "api"]


@dataclass(frozen=True)
class Failure:
    """A client exception sorted into what the user must do about it."""

    kind: FailureKind
    detail: str = ""  # the transport's reason, for tls and connect
    status: int = 0  # HTTP status, for api
    error_type: str = "error"  # the server's error type (root cause first), for api
    reason: str = ""


class Classifier(Protocol):
    """What ``translated_errors`` needs from a client adapter."""

    address: "ClusterAddress"
    product: str  # "Elasticsearch" or "OpenSearch", as users know it
    service: str  # its docker-compose service
    supported: str  # the servers this client talks to, e.g. "an Elasticsearch 8.x or 9.x cluster"

    def classify(self, exc: Exception) -> Failure | None:
        """The failure an exception of this client means, None if not a client error."""
        ...


# What each failure kind (other than an API error) tells the user to do.
_MESSAGES = {
    "tls": "TLS to {product} at {url} failed ({detail}): set BABELSEARCH_ES_CA_CERTS "
           "to the cluster's CA certificate (PEM), or use http:// if the cluster has no TLS",
    "connect": "cannot reach {product} at {url} ({detail}): start it "
               "(e.g. docker compose up -d {service}) or fix --engine / BABELSEARCH_ENGINE",
    "auth": "{product} at {url} rejected the credentials (401): set BABELSEARCH_ES_USER and "
            "BABELSEARCH_ES_PASSWORD, or BABELSEARCH_ES_API_KEY",
    "forbidden": "{product} at {url} refused access to '{index}' (403): give the user "
                 "read, write and manage privileges on '{index}*'",
    "product": "the server at {url} is not {product}: point --engine at {supported}",
}


def failure_of(exc: Exception, kinds: tuple[tuple[type | tuple[type, ...], FailureKind], ...]) -> Failure | None:
    """The Failure of the first ``(exception types, kind)`` entry that ``exc`` matches."""
    for types, kind in kinds:
        if isinstance(exc, types):
            return Failure(kind, detail=transport_reason(exc) if kind in ("tls", "connect") else "")
    return None


@contextlib.contextmanager
def translated_errors(
    client: Classifier,
    index: str,
    on_missing: Callable[[], BabelsearchError] | None = None,
) -> Iterator[None]:
    """Run a block of client calls; re-raise cluster failures as EngineUnavailable.

    ``on_missing`` builds the error for "index not found" (e.g. IndexNotFound
    when nothing is published yet); without it that is a plain failure.
    """
    try:
        yield
    except Exception as exc:
        failure = client.classify(exc)
        if failure is None:
            raise
        raise _message(client, index, failure, on_missing) from None


def _message(
    client: Classifier,
    index: str,
    failure: Failure,
    on_missing: Callable[[], BabelsearchError] | None,
) -> BabelsearchError:
    if failure.kind in _MESSAGES:
        return EngineUnavailable(_MESSAGES[failure.kind].format(
            product=client.product, url=client.address.url, detail=failure.detail, index=index,
            service=client.service, supported=client.supported,
        ))
    return _api_message(client, index, failure, on_missing)


def _api_message(
    client: Classifier,
    index: str,
    failure: Failure,
    on_missing: Callable[[], BabelsearchError] | None,
) -> BabelsearchError:
    url, product, kind, reason = client.address.url, client.product, failure.error_type, failure.reason
    if kind == "index_not_found_exception" and on_missing is not None:
        return on_missing()
    if kind in MAPPING_CONFLICTS or failure.status == 409:
        return EngineUnavailable(
            f"index mapping conflict for '{index}' at {url} ({kind}: {reason}): delete the conflicting "
            f"index or index template, or set BABELSEARCH_ES_INDEX to another name, then reindex"
        )
    if kind in _SHARDS_DOWN or failure.status == 503:
        return EngineUnavailable(
            f"{product} at {url} cannot serve '{index}' ({kind}: {reason}); the cluster may be red: "
            "check GET _cluster/health and the cluster's logs"
        )
    log.debug("%s error %s at %s: %s", product, failure.status, url, reason)
    return EngineUnavailable(f"{product} at {url} answered {failure.status} ({kind}: {reason}) for '{index}'")


class _QuietUnlessDebugging(logging.Filter):
    """Transports log each failed attempt as a warning with a traceback; the
    engine reports the failure once, as EngineUnavailable. Show the
    transport's own records only when debug logging is on."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep errors always, everything else only under debug logging."""
        return record.levelno >= logging.ERROR or logging.getLogger().isEnabledFor(logging.DEBUG)


_QUIET = _QuietUnlessDebugging()


def quiet_transport_logs(*names: str) -> None:
    """Silence a client library's per-attempt warnings (see ``_QuietUnlessDebugging``).

    Called when a client is made (once per logger), so that importing an
    engine module changes no logging."""
    for name in names:
        transport_logger = logging.getLogger(name)
        if _QUIET not in transport_logger.filters:
            transport_logger.addFilter(_QUIET)


def transport_reason(exc: Exception) -> str:
    """What went wrong on the wire, without the nested exception reprs."""
    found = _TRANSPORT_REASONS.findall(str(exc))
    return found[-1].strip() if found else _short(exc, 120)


def api_failure(status: int, body: object) -> Failure:
    """An API error answer (status and JSON body) as a Failure."""
    kind, reason = error_type(body)
    return Failure("api", status=status, error_type=kind, reason=reason)


def error_type(body: object) -> tuple[str, str]:
    """The error type and reason of an API error body (root cause first)."""
    error = body.get("error", {}) if isinstance(body, dict) else {}
    if not isinstance(error, dict):
        return "error", _short(error)
    causes = error.get("root_cause") or [error]
    cause = causes[0] if isinstance(causes[0], dict) else error
    return str(cause.get("type") or error.get("type") or "error"), _short(cause.get("reason") or "")


def _short(value: object, limit: int = 200) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
