"""Pytest fixtures around tiny_argos: built packages and installed settings.

Test modules import the fixtures they use from here.
"""
from __future__ import annotations

import importlib
import socket
from pathlib import Path

import pytest
from system_deps import missing_dependency
from tiny_argos import build_argosmodel

from indexer.settings import Settings
from indexer.translate.models import install_archive


def require(module: str) -> None:
    """Skip without ``module``, except under CI=true where that is a failure."""
    try:
        importlib.import_module(module)
    except ImportError:
        missing_dependency(f"the {module} Python package is not installed (pip install {module})")


@pytest.fixture(scope="session")
def argos_archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Built .argosmodel files: ``de``, ``nl`` (1.9), ``de-2.0`` (new weights), ``fr-de``."""
    for module in ("ctranslate2", "sentencepiece", "pysbd"):
        require(module)
    workdir = tmp_path_factory.mktemp("argos")
    return {
        "de": build_argosmodel(workdir, "de", "en", "1.9", seed=1),
        "nl": build_argosmodel(workdir, "nl", "en", "1.9", seed=2),
        "de-2.0": build_argosmodel(workdir / "v2", "de", "en", "2.0", seed=3),
        "fr-de": build_argosmodel(workdir, "fr", "de", "1.0", seed=4),
    }


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing every directory into a fresh temp dir."""
    return Settings(data_dir=tmp_path / "data", translations_dir=tmp_path / "translations")


@pytest.fixture
def installed(settings: Settings, argos_archives: dict[str, Path]) -> Settings:
    """``settings`` with the de→en and nl→en test packages installed."""
    install_archive(argos_archives["de"], settings.models_path)
    install_archive(argos_archives["nl"], settings.models_path)
    return settings


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """Sockets fail like on an offline machine; returns the attempts made."""
    attempts: list[tuple[object, ...]] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts
