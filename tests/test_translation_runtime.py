"""Translation device and threads: settings, resolution, and a run on each device.

The CPU path always runs. The CUDA path runs where CTranslate2 reports a
GPU and is skipped otherwise, under CI too: a GPU is hardware, not a
dependency CI can install.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from argos_fixtures import argos_archives, installed, settings  # noqa: F401 (fixtures)

from indexer.errors import TranslationDeviceUnavailable
from indexer.settings import Settings
from indexer.translate.models import find_model
from indexer.translate.runtime import (
    RuntimeOptions,
    cuda_device_count,
    runtime_status_line,
)
from indexer.translate.translators import ArgosTranslator

CORES = os.cpu_count() or 1
SENTENCES = ["Die Regierung hat am Montag neue Regeln beschlossen.", "Der Minister sagte, die Lage sei ernst."]


def _gpus(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    monkeypatch.setattr("indexer.translate.runtime.cuda_device_count", lambda: count)


@pytest.mark.parametrize(
    ("device", "inter", "intra", "gpus", "expected"),
    [
        ("cpu", 0, 0, 1, ("cpu", CORES, 1)),
        ("cpu", 1, 0, 0, ("cpu", 1, CORES)),
        ("cpu", 2, 3, 0, ("cpu", 2, 3)),
        ("auto", 0, 0, 0, ("cpu", CORES, 1)),
        ("auto", 0, 0, 2, ("cuda", 1, CORES)),
        ("cuda", 4, 1, 1, ("cuda", 4, 1)),
    ],
)
def test_device_and_threads_from_settings(monkeypatch: pytest.MonkeyPatch, device: str, inter: int, intra: int,
                                          gpus: int, expected: tuple[str, int, int]) -> None:
    _gpus(monkeypatch, gpus)
    settings = Settings(translation_device=device, translation_inter_threads=inter, translation_intra_threads=intra)
    runtime = RuntimeOptions.from_settings(settings)
    assert (runtime.device, runtime.inter_threads, runtime.intra_threads) == expected
    assert runtime.device_index == (tuple(range(gpus)) if expected[0] == "cuda" else (0,))
    assert runtime.describe().startswith(f"cuda ({gpus} GPU" if expected[0] == "cuda" else "cpu, ")
    assert runtime.compute_type == "default", "argostranslate leaves CTranslate2's compute type alone"


def test_cuda_without_a_gpu_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _gpus(monkeypatch, 0)
    settings = Settings.load({"BABELSEARCH_TRANSLATION_DEVICE": "CUDA"})
    with pytest.raises(TranslationDeviceUnavailable, match="finds no CUDA device"):
        RuntimeOptions.from_settings(settings)
    assert "finds no CUDA device" in runtime_status_line(settings)


def test_an_unknown_device_is_refused() -> None:
    with pytest.raises(ValueError, match="one of auto, cpu, cuda, not 'tpu'"):
        Settings.load({"BABELSEARCH_TRANSLATION_DEVICE": "tpu"})


def test_cpu_run_uses_the_threads_asked_for(installed: Settings) -> None:
    runtime = RuntimeOptions.from_settings(installed.with_(translation_device="cpu", translation_inter_threads=2))
    translator = ArgosTranslator(find_model(installed.models_path, "de"), runtime=runtime)
    english = translator.translate(SENTENCES)
    assert len(english) == 2 and all(english)
    model = translator._model
    assert (model.device, model.num_translators) == ("cpu", 2)


@pytest.mark.skipif(cuda_device_count() == 0, reason="no CUDA device: CTranslate2 reports none (the GPU path needs one)")
def test_cuda_run_when_a_gpu_is_there(installed: Settings) -> None:
    runtime = RuntimeOptions.from_settings(installed.with_(translation_device="auto"))
    assert runtime.device == "cuda"
    package = find_model(installed.models_path, "de")
    on_gpu = ArgosTranslator(package, runtime=runtime)
    english = on_gpu.translate(SENTENCES)
    assert on_gpu._model.device == "cuda"
    assert len(english) == 2 and all(isinstance(text, str) and "▁" not in text for text in english)


def test_reindex_asking_for_cuda_without_a_gpu_stops_with_one_line(settings: Settings,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from indexer.cli import main

    _gpus(monkeypatch, 0)
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    runner = CliRunner(env={"BABELSEARCH_TRANSLATION_DEVICE": "cuda"})
    result = runner.invoke(main, ["reindex", "--corpus", str(seeds), "--data", str(settings.data_dir), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines()[-1].startswith("Error: BABELSEARCH_TRANSLATION_DEVICE=cuda, but CTranslate2")
