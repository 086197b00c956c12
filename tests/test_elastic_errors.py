"""Cluster failures the stand-in cannot produce, against a small fake HTTP server.

Each case checks that the user gets EngineUnavailable with one message that
names the URL (never the credentials) and says what to do, and that no
secret reaches a message, a repr or the log.
"""
from __future__ import annotations

import base64
import json
import logging
import shutil
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from es_standin import free_port
from system_deps import missing_dependency

from indexer.engines import open_engine
from indexer.engines.elastic import ElasticEngine
from indexer.errors import EngineUnavailable
from indexer.query import SearchRequest, parse_query
from indexer.settings import Settings

PASSWORD = "pw-Sekr3t-9911"
API_KEY = "a2V5LWlkOmFwaS1rZXktc2VjcmV0"
GREEN = (200, {"status": "green", "cluster_name": "fake"})

Reply = tuple[int, Any]
Route = Callable[[str, str], Reply | None]  # (method, path) -> reply, None: not mine


class FakeCluster:
    """An HTTP server that answers like Elasticsearch with canned replies."""

    def __init__(self, route: Route, product_header: bool = True, tls: ssl.SSLContext | None = None) -> None:
        self.route = route
        self.product_header = product_header
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        cluster = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                cluster.requests.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
                status, body = cluster.route(self.command, self.path) or (404, {"error": {"type": "not_found"}})
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if cluster.product_header:
                    self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _answer

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def __enter__(self) -> "FakeCluster":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def _error(status: int, kind: str, reason: str) -> Reply:
    return status, {"error": {"root_cause": [{"type": kind, "reason": reason}], "type": kind, "reason": reason},
                    "status": status}


def always(reply: Reply) -> Route:
    return lambda method, path: reply


def health_then(reply: Reply) -> Route:
    """A green health answer, and ``reply`` to everything else."""
    return lambda method, path: GREEN if path.startswith("/_cluster/health") else reply


@pytest.fixture
def secrets_checked(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Capture every log record and prove afterwards that no secret is in it."""
    caplog.set_level(logging.DEBUG)
    yield
    assert PASSWORD not in caplog.text and API_KEY not in caplog.text


def engine_for(url: str, tmp_path: Path, **settings: Any) -> ElasticEngine:
    engine = open_engine(Settings(engine=url, data_dir=tmp_path / "data", **settings))
    assert isinstance(engine, ElasticEngine)
    return engine


def failure(action: Callable[[], Any]) -> str:
    """The EngineUnavailable message that ``action`` raises."""
    with pytest.raises(EngineUnavailable) as caught:
        action()
    message = str(caught.value)
    assert PASSWORD not in message and API_KEY not in message
    return message


def search(engine: ElasticEngine) -> Callable[[], Any]:
    return lambda: engine.search(SearchRequest(parse_query("Huawei")))


# --- authentication ---------------------------------------------------------

CREDENTIALS = [
    ("user and password", {"es_user": "elastic", "es_password": PASSWORD}, f"Basic {base64.b64encode(f'elastic:{PASSWORD}'.encode()).decode()}"),
    ("api key", {"es_api_key": API_KEY}, f"ApiKey {API_KEY}"),
    ("password in the URL", {}, f"Basic {base64.b64encode(f'elastic:{PASSWORD}'.encode()).decode()}"),
]


@pytest.mark.parametrize("settings, header", [c[1:] for c in CREDENTIALS], ids=[c[0] for c in CREDENTIALS])
def test_auth_failure_names_the_url_and_the_settings(tmp_path, secrets_checked, settings, header) -> None:
    with FakeCluster(always(_error(401, "security_exception", "unable to authenticate user"))) as cluster:
        url = cluster.url.replace("://", f"://elastic:{PASSWORD}@") if not settings else cluster.url
        engine = engine_for(url, tmp_path, **settings)
        message = failure(search(engine))
        assert cluster.url in message and "401" in message
        assert "BABELSEARCH_ES_USER" in message and "BABELSEARCH_ES_API_KEY" in message
        assert PASSWORD not in repr(engine) and API_KEY not in repr(engine)
        assert cluster.requests[0][2].get("authorization") == header, "the credentials were sent"


def test_settings_repr_hides_secrets() -> None:
    settings = Settings.load({"BABELSEARCH_ES_PASSWORD": PASSWORD, "BABELSEARCH_ES_API_KEY": API_KEY,
                              "BABELSEARCH_ES_USER": "elastic"})
    assert (settings.es_password, settings.es_api_key) == (PASSWORD, API_KEY)
    assert PASSWORD not in repr(settings) and API_KEY not in repr(settings)


def test_forbidden_names_the_privileges(tmp_path, secrets_checked) -> None:
    with FakeCluster(health_then(_error(403, "security_exception", "action unauthorized"))) as cluster:
        message = failure(search(engine_for(cluster.url, tmp_path, es_index="news")))
        assert cluster.url in message and "403" in message and "'news*'" in message


# --- TLS --------------------------------------------------------------------


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with the openssl command."""
    if shutil.which("openssl") is None:
        missing_dependency("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


def _tls(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def test_untrusted_certificate_points_to_ca_certs(tmp_path, self_signed, secrets_checked) -> None:
    with FakeCluster(always(GREEN), tls=_tls(*self_signed)) as cluster:
        message = failure(engine_for(cluster.url, tmp_path, es_user="elastic", es_password=PASSWORD).stats)
        assert cluster.url in message and "BABELSEARCH_ES_CA_CERTS" in message
        assert "certificate verify failed" in message and "_ssl.c" not in message


def test_ca_certs_makes_the_certificate_trusted(tmp_path, self_signed) -> None:
    route = health_then((404, {"error": {"type": "index_not_found_exception"}}))
    with FakeCluster(route, tls=_tls(*self_signed)) as cluster:
        stats = engine_for(cluster.url, tmp_path, es_ca_certs=self_signed[0]).stats()
        assert stats.documents == 0 and stats.built_at is None


# --- cluster state ----------------------------------------------------------


def test_unreachable_cluster(tmp_path, secrets_checked) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    message = failure(search(engine_for(url, tmp_path, es_api_key=API_KEY)))
    assert url in message and "cannot reach" in message and "BABELSEARCH_ENGINE" in message
    assert "Connection refused" in message and "Error(" not in message, "the reason, not nested reprs"


def test_red_cluster_refuses_a_build(tmp_path) -> None:
    with FakeCluster(always((200, {"status": "red"}))) as cluster:
        message = failure(engine_for(cluster.url, tmp_path).new_build)
        assert cluster.url in message and "red" in message
        assert not any(method == "PUT" for method, _, _ in cluster.requests), "no index was created"


def test_unassigned_shards_on_search(tmp_path) -> None:
    reply = _error(503, "search_phase_execution_exception", "all shards failed")
    with FakeCluster(health_then(reply)) as cluster:
        message = failure(search(engine_for(cluster.url, tmp_path)))
        assert cluster.url in message and "_cluster/health" in message


def test_not_elasticsearch(tmp_path) -> None:
    with FakeCluster(always(GREEN), product_header=False) as cluster:
        message = failure(search(engine_for(cluster.url, tmp_path)))
        assert cluster.url in message and "not Elasticsearch" in message


# --- mapping conflicts --------------------------------------------------------

CONFLICTS = [
    ("template with other field types", "PUT",
     _error(400, "mapper_parsing_exception", "Failed to parse mapping: mapper [year] cannot be changed from type [keyword] to [integer]")),
    ("alias name taken by an index", "POST",
     _error(400, "invalid_alias_name_exception", "Invalid alias name [babelsearch]: an index or data stream exists with the same name as the alias")),
]


@pytest.mark.parametrize("method, reply", [c[1:] for c in CONFLICTS], ids=[c[0] for c in CONFLICTS])
def test_mapping_conflict(tmp_path, method: str, reply: Reply) -> None:
    def route(verb: str, path: str) -> Reply | None:
        if path.startswith("/_cluster/health"):
            return GREEN
        if verb == method:
            return reply
        if verb == "HEAD":
            return 404, {}
        return 200, {"acknowledged": True}

    with FakeCluster(route) as cluster:
        engine = engine_for(cluster.url, tmp_path)

        def build_and_publish() -> None:
            build = engine.new_build()
            try:
                build.publish()
            finally:
                build.discard()

        message = failure(build_and_publish)
        assert cluster.url in message and "mapping conflict" in message and "BABELSEARCH_ES_INDEX" in message


# --- at the CLI edge -------------------------------------------------------------

CLI_CALLS = [["search", "Huawei"], ["stats"], ["reindex", "--corpus", "seeds"]]


@pytest.mark.parametrize("args", CLI_CALLS, ids=[a[0] for a in CLI_CALLS])
def test_cli_reports_an_unreachable_cluster_without_secrets(tmp_path, secrets_checked, args) -> None:
    from click.testing import CliRunner

    from indexer.cli import main

    safe_url = f"http://127.0.0.1:{free_port()}"
    url = safe_url.replace("://", f"://elastic:{PASSWORD}@")
    result = CliRunner().invoke(main, [*args, "--engine", url, "--data", str(tmp_path / "data")],
                                env={"BABELSEARCH_ES_API_KEY": API_KEY})
    assert result.exit_code == 1, result.output
    assert safe_url in result.output and "cannot reach" in result.output, result.output
    assert PASSWORD not in result.output and API_KEY not in result.output


# --- configuration mistakes, caught before any request ------------------------------

BAD_CONFIG = [
    ("port is not a number", "http://es:port", {}, "bad port"),
    ("no port on http", "http://localhost", {}, "port"),
    ("CA file missing", "https://es:9200", {"es_ca_certs": Path("/no/such/ca.pem")}, "BABELSEARCH_ES_CA_CERTS"),
]


@pytest.mark.parametrize("url, settings, says", [b[1:] for b in BAD_CONFIG], ids=[b[0] for b in BAD_CONFIG])
def test_bad_configuration(tmp_path, url: str, settings: dict, says: str) -> None:
    with pytest.raises(EngineUnavailable, match=says):
        open_engine(Settings(engine=url, data_dir=tmp_path, **settings))


def test_ca_certs_is_ignored_for_plain_http(tmp_path, self_signed) -> None:
    engine = engine_for("http://127.0.0.1:9200", tmp_path, es_ca_certs=self_signed[0])
    assert engine.address.url == "http://127.0.0.1:9200"


# --- at the API edge ---------------------------------------------------------------

API_CALLS = ["/api/search?q=Huawei", "/api/health", "/api/documents/de/x"]


@pytest.mark.parametrize("path", API_CALLS)
def test_api_answers_503_for_an_unreachable_cluster(tmp_path, secrets_checked, path: str) -> None:
    from server import create_app

    safe_url = f"http://127.0.0.1:{free_port()}"
    settings = Settings(engine=safe_url.replace("://", f"://elastic:{PASSWORD}@"), data_dir=tmp_path / "data",
                        es_api_key=API_KEY)
    response = create_app({"SETTINGS": settings, "TESTING": True}).test_client().get(path)
    assert response.status_code == 503, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == "engine_unavailable" and safe_url in error["message"], error
    assert PASSWORD not in response.get_data(as_text=True) and API_KEY not in response.get_data(as_text=True)


# --- OpenSearch: the same messages through its own client ----------------------------


def opensearch_for(url: str, tmp_path: Path, **settings: Any):
    from indexer.engines.opensearch import OpenSearchEngine

    engine = open_engine(Settings(engine=f"opensearch+{url}", data_dir=tmp_path / "data", **settings))
    assert isinstance(engine, OpenSearchEngine)
    return engine


def test_opensearch_unreachable(tmp_path, secrets_checked) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    message = failure(search(opensearch_for(url.replace("://", f"://admin:{PASSWORD}@"), tmp_path)))
    assert url in message and "cannot reach OpenSearch" in message and "docker compose up -d opensearch" in message
    assert "Connection refused" in message and "Error(" not in message


def test_opensearch_auth_failure(tmp_path, secrets_checked) -> None:
    with FakeCluster(always(_error(401, "security_exception", "unauthorized"))) as cluster:
        engine = opensearch_for(cluster.url, tmp_path, es_user="admin", es_password=PASSWORD)
        message = failure(search(engine))
        assert cluster.url in message and "OpenSearch" in message and "401" in message
        assert PASSWORD not in repr(engine)
        expected = f"Basic {base64.b64encode(f'admin:{PASSWORD}'.encode()).decode()}"
        assert cluster.requests[0][2].get("authorization") == expected, "the credentials were sent"


def test_opensearch_untrusted_certificate(tmp_path, self_signed, secrets_checked) -> None:
    with FakeCluster(always(GREEN), tls=_tls(*self_signed)) as cluster:
        message = failure(opensearch_for(cluster.url, tmp_path, es_user="admin", es_password=PASSWORD).stats)
        assert cluster.url in message and "BABELSEARCH_ES_CA_CERTS" in message


def test_opensearch_has_no_api_keys(tmp_path) -> None:
    with pytest.raises(EngineUnavailable, match="OpenSearch has no API keys") as caught:
        opensearch_for("http://127.0.0.1:9200", tmp_path, es_api_key=API_KEY)
    assert API_KEY not in str(caught.value)


def test_opensearch_mapping_conflict(tmp_path) -> None:
    reply = _error(400, "invalid_alias_name_exception", "an index exists with the same name as the alias")
    route = health_then(reply)
    with FakeCluster(lambda verb, path: (200, {"acknowledged": True}) if verb == "PUT" else route(verb, path)) as cluster:
        engine = opensearch_for(cluster.url, tmp_path)
        build = engine.new_build()
        message = failure(build.publish)
        assert "mapping conflict" in message and "BABELSEARCH_ES_INDEX" in message and cluster.url in message
