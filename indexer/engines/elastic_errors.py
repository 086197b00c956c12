"""Cluster problems as one clear EngineUnavailable message each.

The client raises a dozen exception types; users need to know which URL
failed and what to do. Messages name the URL without credentials and never
quote a header, a password or an API key.
"""
from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.parse import unquote, urlsplit, urlunsplit

import elastic_transport
from elasticsearch import (
    ApiError,
    AuthenticationException,
    AuthorizationException,
    UnsupportedProductError,
)

from ..errors import BabelsearchError, EngineUnavailable

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


@contextlib.contextmanager
def translated_errors(
    address: ClusterAddress,
    index: str,
    on_missing: Callable[[], BabelsearchError] | None = None,
) -> Iterator[None]:
    """Run a block of client calls; re-raise cluster failures as EngineUnavailable.

    ``on_missing`` builds the error for "index not found" (e.g. IndexNotFound
    when nothing is published yet); without it that is a plain failure.
    """
    try:
        yield
    except elastic_transport.TlsError as exc:
        raise EngineUnavailable(
            f"TLS to Elasticsearch at {address.url} failed ({transport_reason(exc)}): set BABELSEARCH_ES_CA_CERTS "
            "to the cluster's CA certificate (PEM), or use http:// if the cluster has no TLS"
        ) from None
    except (elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout) as exc:
        raise EngineUnavailable(
            f"cannot reach Elasticsearch at {address.url} ({transport_reason(exc)}): start it "
            "(e.g. docker compose up -d elasticsearch) or fix --engine / BABELSEARCH_ENGINE"
        ) from None
    except AuthenticationException:
        raise EngineUnavailable(
            f"Elasticsearch at {address.url} rejected the credentials (401): set BABELSEARCH_ES_USER and "
            "BABELSEARCH_ES_PASSWORD, or BABELSEARCH_ES_API_KEY"
        ) from None
    except AuthorizationException:
        raise EngineUnavailable(
            f"Elasticsearch at {address.url} refused access to '{index}' (403): give the user "
            f"read, write and manage privileges on '{index}*'"
        ) from None
    except UnsupportedProductError:
        raise EngineUnavailable(
            f"the server at {address.url} is not Elasticsearch: point --engine at an Elasticsearch 8.x or 9.x cluster"
        ) from None
    except ApiError as exc:
        raise _api_error(address, index, exc, on_missing) from None


def _api_error(
    address: ClusterAddress,
    index: str,
    exc: ApiError,
    on_missing: Callable[[], BabelsearchError] | None,
) -> BabelsearchError:
    kind, reason = error_type(exc)
    if kind == "index_not_found_exception" and on_missing is not None:
        return on_missing()
    if kind in MAPPING_CONFLICTS or exc.status_code == 409:
        return EngineUnavailable(
            f"index mapping conflict for '{index}' at {address.url} ({kind}: {reason}): delete the conflicting "
            f"index or index template, or set BABELSEARCH_ES_INDEX to another name, then reindex"
        )
    if kind in _SHARDS_DOWN or exc.status_code == 503:
        return EngineUnavailable(
            f"Elasticsearch at {address.url} cannot serve '{index}' ({kind}: {reason}); the cluster may be red: "
            "check GET _cluster/health and the cluster's logs"
        )
    log.debug("Elasticsearch error %s at %s: %s", exc.status_code, address.url, reason)
    return EngineUnavailable(
        f"Elasticsearch at {address.url} answered {exc.status_code} ({kind}: {reason}) for '{index}'"
    )


def transport_reason(exc: Exception) -> str:
    """What went wrong on the wire, without the nested exception reprs."""
    found = _TRANSPORT_REASONS.findall(str(exc))
    return found[-1].strip() if found else _short(exc, 120)


def error_type(exc: ApiError) -> tuple[str, str]:
    """The error type and reason of an API error (root cause first)."""
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error", {})
    if not isinstance(error, dict):
        return "error", _short(error)
    causes = error.get("root_cause") or [error]
    cause = causes[0] if isinstance(causes[0], dict) else error
    return str(cause.get("type") or error.get("type") or "error"), _short(cause.get("reason") or "")


def _short(value: object, limit: int = 200) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
