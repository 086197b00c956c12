"""docker-compose.yml and the Dockerfile, checked without Docker.

Docker cannot run in the development environment, so these tests read the
files: services, pinned image, healthcheck, start order, named volumes, and
that every setting, command and path they use exists in this repository.
"""
from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from indexer.cli import main
from indexer.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
ES, APP = SERVICES.get("elasticsearch", {}), SERVICES.get("babelsearch", {})
OS, OS_APP = SERVICES.get("opensearch", {}), SERVICES.get("babelsearch-opensearch", {})
REDIS, WORKER = SERVICES.get("redis", {}), SERVICES.get("worker", {})
# (cluster service, babelsearch service, engine URL scheme) for each way to run it.
PAIRS = [("elasticsearch", "babelsearch", "http"), ("opensearch", "babelsearch-opensearch", "opensearch+http")]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
_DEFAULTED = re.compile(r"\$\{(\w+):-([^}]*)\}")


def default_of(value: str) -> str:
    """A compose value with each ``${VAR:-default}`` replaced by its default."""
    return _DEFAULTED.sub(lambda m: m.group(2), value)


def environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment as a dict, whichever form the file uses."""
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: default_of(str(value)) for key, value in env.items()}


def command_line(value: Any) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_services() -> None:
    assert set(SERVICES) == {"elasticsearch", "babelsearch", "opensearch", "babelsearch-opensearch", "redis", "worker"}


def test_opensearch_is_an_opt_in_profile() -> None:
    assert "profiles" not in ES and "profiles" not in APP, "plain `docker compose up` runs Elasticsearch"
    assert OS["profiles"] == OS_APP["profiles"] == ["opensearch"]


def test_opensearch_image_is_official_and_the_tested_version() -> None:
    image, _, tag = OS["image"].partition(":")
    assert image == "opensearchproject/opensearch"
    script = (ROOT / "scripts" / "opensearch-node").read_text(encoding="utf-8")
    tested = re.search(r'OPENSEARCH_VERSION:-([\d.]+)\}', script).group(1)
    assert tag == tested, f"compose runs {tag}, the tests run {tested}"


def test_opensearch_is_single_node_without_the_security_plugin() -> None:
    env = environment(OS)
    assert env["discovery.type"] == "single-node" and env["DISABLE_SECURITY_PLUGIN"] == "true"
    heap = dict(re.findall(r"-Xm([sx])(\S+)", env["OPENSEARCH_JAVA_OPTS"]))
    assert heap["s"] == heap["x"], "equal -Xms and -Xmx"


def test_both_babelsearch_services_run_the_same_image_and_command() -> None:
    for key in ("build", "command"):
        assert OS_APP[key] == APP[key], key
    assert {p.split(":")[0] for p in OS_APP["ports"]}.isdisjoint(p.split(":")[0] for p in APP["ports"])


def test_redis_image_is_official_pinned_with_a_healthcheck() -> None:
    image, _, tag = REDIS["image"].partition(":")
    assert image == "redis" and re.fullmatch(r"\d+\.\d+\.\d+", tag), f"pin an exact redis version, not {tag!r}"
    assert "redis-cli" in command_line(REDIS["healthcheck"]["test"]) and "ping" in command_line(REDIS["healthcheck"]["test"])
    assert "ports" not in REDIS, "the queue stays on the compose network unless you publish it on purpose"


@pytest.mark.parametrize("service", ["babelsearch", "babelsearch-opensearch", "worker"])
def test_app_and_workers_share_the_redis_queue(service: str) -> None:
    config = SERVICES[service]
    assert environment(config)["BABELSEARCH_BROKER"] == "redis://redis:6379/0"
    assert config["depends_on"]["redis"]["condition"] == "service_healthy"
    assert config["build"] == APP["build"], "workers run the app's image (same code, same models)"


def test_worker_runs_babelsearch_worker_without_ports() -> None:
    assert command_line(WORKER["command"]).startswith("babelsearch worker")
    assert "ports" not in WORKER
    assert APP["depends_on"]["worker"]["condition"] == "service_started"


def test_elasticsearch_image_is_official_pinned_and_supported_by_the_client() -> None:
    image, _, tag = ES["image"].partition(":")
    assert image == "docker.elastic.co/elasticsearch/elasticsearch"
    assert re.fullmatch(r"\d+\.\d+\.\d+", tag), f"pin an exact version, not {tag!r}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pin = next(d for d in project["dependencies"] if d.startswith("elasticsearch"))
    low, high = re.fullmatch(r"elasticsearch>=([\d.]+),<(\d+)", pin).groups()
    assert version(low) <= version(tag) < (int(high),), f"server {tag} outside the client range {pin}"


def test_elasticsearch_is_single_node_with_a_fixed_heap() -> None:
    env = environment(ES)
    assert env["discovery.type"] == "single-node"
    heap = dict(re.findall(r"-Xm([sx])(\S+)", env["ES_JAVA_OPTS"]))
    assert heap["s"] == heap["x"], "equal -Xms and -Xmx"
    assert "vm.max_map_count" in (ROOT / "docker-compose.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("service", ["elasticsearch", "opensearch"])
def test_cluster_healthcheck(service: str) -> None:
    check = SERVICES[service]["healthcheck"]
    assert "_cluster/health" in command_line(check["test"])
    assert check["retries"] >= 3 and "interval" in check


VOLUMES = [("elasticsearch", "/usr/share/elasticsearch/data"), ("babelsearch", "/data"),
           ("opensearch", "/usr/share/opensearch/data"), ("babelsearch-opensearch", "/data")]


@pytest.mark.parametrize("service, target", VOLUMES)
def test_data_lives_in_named_volumes(service: str, target: str) -> None:
    mounts = {parts[1]: parts[0] for parts in (default_of(m).split(":") for m in SERVICES[service]["volumes"])}
    source = mounts[target]
    assert "/" not in source and source in COMPOSE["volumes"], f"{target} should be a named volume, not {source}"


@pytest.mark.parametrize("cluster, app, scheme", PAIRS)
def test_babelsearch_starts_after_its_cluster_is_healthy(cluster: str, app: str, scheme: str) -> None:
    assert SERVICES[app]["depends_on"][cluster] == {"condition": "service_healthy"}
    assert SERVICES[app]["build"]["context"] == "."


@pytest.mark.parametrize("cluster, app, scheme", PAIRS)
def test_babelsearch_talks_to_its_cluster_service(cluster: str, app: str, scheme: str) -> None:
    url = environment(SERVICES[app])["BABELSEARCH_ENGINE"]
    container_port = SERVICES[cluster]["ports"][0].rsplit(":", 1)[1]
    assert url == f"{scheme}://{cluster}:{container_port}"


@pytest.mark.parametrize("app", ["babelsearch", "babelsearch-opensearch"])
def test_environment_uses_known_settings(app: str) -> None:
    known = {s.env for s in SETTINGS}
    used = {key for service in (SERVICES[app], WORKER) for key in environment(service) if key.startswith("BABELSEARCH_")}
    assert used <= known, f"unknown settings: {used - known}"
    dockerfile_env = set(re.findall(r"\b(BABELSEARCH_\w+)=", DOCKERFILE))
    assert dockerfile_env <= known, f"unknown settings in Dockerfile: {dockerfile_env - known}"


def test_corpus_mount_defaults_to_the_seeds() -> None:
    mounts = [default_of(m).split(":") for m in APP["volumes"]]
    source = next(parts[0] for parts in mounts if parts[1] == "/corpus")
    assert (ROOT / source).resolve() == ROOT / "seeds"
    assert environment(APP)["BABELSEARCH_CORPUS"] == "/corpus"


def test_babelsearch_reindexes_then_serves_on_8000() -> None:
    command = command_line(APP["command"])
    assert re.search(r"babelsearch reindex && exec babelsearch serve --host 0\.0\.0\.0 --port 8000", command)
    assert any(p.split(":")[-1] == "8000" for p in APP["ports"])


def _cli_path(words: list[str]) -> click.Command | None:
    command: click.Command | None = main
    for word in words:
        if not isinstance(command, click.Group):
            break
        command = command.commands.get(word)
        if command is None:
            return None
    return command


def _babelsearch_calls() -> list[list[str]]:
    """Every ``babelsearch ...`` invocation in the Dockerfile and the compose file."""
    text = DOCKERFILE + "\n" + command_line(APP["command"]) + "\n" + command_line(WORKER.get("command", ""))
    calls = dict.fromkeys(tuple(shlex.split(call)) for call in _CALL.findall(text))
    return [list(call) for call in calls]


# babelsearch in command position: line start, after && || ; exec then -c or a quote.
_CALL = re.compile(r"(?:^|&&|\|\||;|\bexec|\bthen|-c|\")\s*babelsearch\s+([a-z][^&|;\n\"\\]*)", re.MULTILINE)


@pytest.mark.parametrize("call", _babelsearch_calls(), ids=lambda c: " ".join(c))
def test_images_call_existing_cli_commands(call: list[str]) -> None:
    words = [w for w in call if not w.startswith("-")]
    command = _cli_path(words[:2])
    assert command is not None, f"'babelsearch {' '.join(call)}' is not a command"
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    flags = {w for w in call if w.startswith("--")}
    assert flags <= options, f"unknown options {flags - options} for {command.name}"


DOCKERFILE_NEEDS = [
    ("python base image", r"^FROM python:3\.1[1-9]"),
    ("installs the package", r"pip install \."),
    ("installs de and nl models when online", r"babelsearch models install --from-index de nl"),
    ("model install may fail offline", r"models install[^\n]*\n\s*\|\|"),
    ("models outside the data volume", r"BABELSEARCH_MODELS=/opt/"),
    ("serves on 8000", r"^EXPOSE 8000"),
    ("does not run as root", r"^USER (?!root)\w+"),
]


@pytest.mark.parametrize("pattern", [p for _, p in DOCKERFILE_NEEDS], ids=[n for n, _ in DOCKERFILE_NEEDS])
def test_dockerfile(pattern: str) -> None:
    assert re.search(pattern, DOCKERFILE, re.MULTILINE), pattern


def test_dockerfile_copies_what_exists_and_is_not_ignored() -> None:
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    for sources in re.findall(r"^COPY ((?:\S+ )+)\S+$", DOCKERFILE, re.MULTILINE):
        for source in sources.split():
            path = source.rstrip("/")
            assert (ROOT / path).exists(), f"COPY {source}: not in the repository"
            assert path not in ignored, f"COPY {source} is excluded by .dockerignore"
