"""The translate stage on a tiny real Argos package, plus reassembly with a fake.

Random weights make meaningless English, so the tests assert on structure:
order and count, provenance, cache hits and misses, invalidation, no network.
"""
from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Sequence

import pytest
from argos_fixtures import argos_archives, installed, no_network, settings  # noqa: F401 (fixtures)
from tiny_argos import build_argosmodel

from indexer.document import Document, Paragraph
from indexer.language.deglue import finish_english
from indexer.reindex_summary import ReindexSummary
from indexer.settings import Settings
from indexer.translate.cache import CacheEntry, TranslationCache
from indexer.translate.models import INSTALL_HINT, install_archive
from indexer.translate.sentences import split_sentences
from indexer.translate.stage import TranslationStage
from indexer.translate.summary import TranslationProgress
from indexer.translate.translators import DecodingOptions, translator_label

DE = "Die Regierung hat am Montag neue Regeln beschlossen. Der Minister sagte, die Lage sei ernst."
DE2 = "In Berlin demonstrierten tausende Menschen gegen die Pläne."
NL = "De regering heeft maandag nieuwe regels aangenomen. De minister zei dat de situatie ernstig is."
EN = "The government adopted new rules on Monday."


def make_doc(doc_id: str, *paragraphs: tuple[str, str | None], title: str = "Die Wahl", language: str = "de") -> Document:
    """A document as ``pipeline.prepare`` hands it to the stage (languages tagged, English finished)."""
    return finish_english(Document(
        id=doc_id, path=f"{doc_id}.txt", source_sha256="0" * 64, title=title, language=language,
        paragraphs=[Paragraph(text, lang) for text, lang in paragraphs],
    ))


def corpus() -> list[Document]:
    """Three documents mixing German, Dutch, English and a language without a model."""
    return [
        make_doc("a", (DE, "de"), (EN, "en"), (NL, "nl")),
        make_doc("b", (DE2, "de"), ("Le gouvernement a adopté de nouvelles règles.", "fr"), title="De verkiezing", language="nl"),
        make_doc("c", (EN, "en"), title="An English title", language="en"),
    ]


class FakeTranslator:
    """Deterministic translator recording each call."""

    def __init__(self, translator_id: str = "fake/de_en@1") -> None:
        self.id = translator_id
        self.calls: list[list[str]] = []

    def translate(self, sentences: Sequence[str]) -> list[str]:
        self.calls.append(list(sentences))
        return [f"<{s}>" for s in sentences]


def run(settings: Settings, documents: list[Document], expected_documents: int | None = None,
        **options: object) -> tuple[list[Document], TranslationStage]:
    stage = TranslationStage(settings, **options)  # type: ignore[arg-type]
    stage.expected_documents = expected_documents
    return list(stage.run(documents)), stage


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (DE, "de", ["Die Regierung hat am Montag neue Regeln beschlossen.", "Der Minister sagte, die Lage sei ernst."]),
        (NL, "nl", ["De regering heeft maandag nieuwe regels aangenomen.", "De minister zei dat de situatie ernstig is."]),
        ("Am 26. Mai sagte Dr. Weber nichts.", "de", ["Am 26. Mai sagte Dr. Weber nichts."]),
        ("  one\n line  ", "en", ["one line"]),
        ("   ", "de", []),
        ("Zonder regels? Ja!", "xx", ["Zonder regels?", "Ja!"]),
    ],
)
def test_split_sentences(text: str, language: str, expected: list[str]) -> None:
    assert split_sentences(text, language) == expected


def test_split_sentences_caps_very_long_sentences() -> None:
    pieces = split_sentences(" ".join(["Wort"] * 250), "de", max_words=100)
    assert [len(p.split()) for p in pieces] == [100, 100, 50]


@pytest.mark.parametrize(
    ("translator_id", "label"),
    [
        ("argos/de_en@1.9", "Argos de→en 1.9"),
        ("argos/fr_de@1.0+argos/de_en@1.9", "Argos fr→de 1.0 via Argos de→en 1.9"),
        ("something-else", "something-else"),
        (None, None),
    ],
)
def test_translator_label(translator_id: str | None, label: str | None) -> None:
    assert translator_label(translator_id) == label


def test_sentences_are_batched_across_documents_and_rebuilt_in_order(settings: Settings) -> None:
    fake = FakeTranslator()
    docs, stage = run(settings, [make_doc("a", (DE, "de"), (EN, "en")), make_doc("b", (DE2, "de"), (DE, "de"))],
                      translators={"de": fake})
    assert len(fake.calls) == 1, "one translate call for both documents"
    assert len(fake.calls[0]) == 4, "shared title and repeated paragraph are translated once"
    assert [d.id for d in docs] == ["a", "b"]
    a, b = docs
    assert a.paragraphs[0].english == "<Die Regierung hat am Montag neue Regeln beschlossen.> <Der Minister sagte, die Lage sei ernst.>"
    assert a.paragraphs[1].english == EN and a.paragraphs[1].translator is None
    assert b.paragraphs[0].english == f"<{DE2}>"
    assert b.paragraphs[1].english == a.paragraphs[0].english
    assert a.title_en == "<Die Wahl>" and a.title_translator == "fake/de_en@1"
    assert stage.summary.translated == 5 and stage.summary.sentences == 4


def test_small_batches_flush_per_document_and_report_progress(settings: Settings) -> None:
    fake, seen = FakeTranslator(), []
    docs, _ = run(settings, [make_doc(i, (DE, "de")) for i in "abc"], translators={"de": fake},
                  batch_sentences=1, retranslate=True, progress=seen.append, expected_documents=6)
    assert len(fake.calls) == 3
    assert [p.documents for p in seen] == [1, 2, 3]
    assert all(isinstance(p, TranslationProgress) and p.sentences_per_second > 0 for p in seen)
    assert seen[-1].eta_seconds is not None and seen[-1].eta_seconds > 0


def test_a_failing_translator_leaves_paragraphs_untranslated(settings: Settings) -> None:
    class Broken(FakeTranslator):
        def translate(self, sentences: Sequence[str]) -> list[str]:
            return []

    docs, stage = run(settings, [make_doc("a", (DE, "de"))], translators={"de": Broken()})
    assert docs[0].paragraphs[0].english is None
    assert stage.summary.untranslated["translation failed (fake/de_en@1)"] == 2


def test_stage_translates_with_real_package_and_records_provenance(installed: Settings) -> None:
    docs, stage = run(installed, corpus())
    a, b, c = docs
    assert [len(d.paragraphs) for d in docs] == [3, 2, 1]
    assert [p.text for p in a.paragraphs] == [DE, EN, NL], "original text untouched, order kept"
    assert [p.translator for p in a.paragraphs] == ["argos/de_en@1.9", None, "argos/nl_en@1.9"]
    assert all(isinstance(p.english, str) for p in a.paragraphs)
    assert a.title_translator == "argos/de_en@1.9" and b.title_translator == "argos/nl_en@1.9"
    assert b.paragraphs[1].english is None and not b.translated
    assert c.title_en == "An English title" and c.translated
    summary = stage.summary
    assert (summary.translated, summary.from_cache) == (5, 0)
    assert summary.untranslated == {f"no fr→en model installed — {INSTALL_HINT}": 1}
    assert summary.missing_models == {"fr"}
    assert summary.translators == {"argos/de_en@1.9", "argos/nl_en@1.9"}


def test_second_run_comes_from_cache_even_for_renamed_files(installed: Settings) -> None:
    first, _ = run(installed, corpus())
    renamed = corpus()
    renamed[0].id, renamed[0].path = "elsewhere/copy", "elsewhere/copy.txt"
    second, stage = run(installed, renamed)
    assert (stage.summary.translated, stage.summary.from_cache, stage.summary.sentences) == (0, 5, 0)
    assert [p.english for p in second[0].paragraphs] == [p.english for p in first[0].paragraphs]
    assert second[0].paragraphs[0].translator == "argos/de_en@1.9"


def test_retranslate_ignores_the_cache(installed: Settings) -> None:
    run(installed, corpus())
    _, stage = run(installed, corpus(), retranslate=True)
    assert (stage.summary.translated, stage.summary.from_cache) == (5, 0)


@pytest.mark.parametrize("change", ["new model version", "other decoding settings"])
def test_cache_is_invalidated_by_model_or_settings_change(installed: Settings, argos_archives: dict[str, Path], change: str) -> None:
    run(installed, corpus())
    settings = installed
    if change == "new model version":
        install_archive(argos_archives["de-2.0"], installed.models_path)
        expected = (3, 2)  # German title + 2 paragraphs are new; Dutch ones still cached
    else:
        settings = installed.with_(beam_size=1)
        expected = (5, 0)
    docs, stage = run(settings, corpus())
    assert (stage.summary.translated, stage.summary.from_cache) == expected
    if change == "new model version":
        assert docs[0].paragraphs[0].translator == "argos/de_en@2.0"


def test_a_re_released_package_under_the_same_version_is_not_served_from_the_cache(
        installed: Settings, tmp_path: Path) -> None:
    run(installed, corpus())
    install_archive(build_argosmodel(tmp_path, "de", "en", "1.9", seed=9), installed.models_path)
    docs, stage = run(installed, corpus())
    assert (stage.summary.translated, stage.summary.from_cache) == (3, 2), "German made again, Dutch still cached"
    assert docs[0].paragraphs[0].translator == "argos/de_en@1.9"


def test_translations_cached_with_the_old_decoding_are_made_again(installed: Settings) -> None:
    """Before the detokenizer fix the key held the decoding settings only; such entries must miss."""
    documents = translatable()
    old_settings = DecodingOptions().cache_settings()
    stale = [CacheEntry(s.text, "▁stale", f"argos/{s.language}_en@1.9", old_settings)
             for d in documents for s in d.segments()]
    TranslationCache(installed.translations_dir).record(stale)
    docs, stage = run(installed, documents)
    assert stage.summary.from_cache == 0 and stage.summary.translated == len(stale)
    assert all("▁" not in (p.english or "") for d in docs for p in d.paragraphs)


def test_the_summary_says_which_device_and_threads_translated(installed: Settings) -> None:
    _, stage = run(installed.with_(translation_device="cpu", translation_inter_threads=2, translation_intra_threads=3),
                   translatable())
    assert stage.summary.runtime == "cpu, 2 inter-threads × 3 intra-threads"
    lines = ReindexSummary(translation=stage.summary).lines()
    assert "Translation device: cpu, 2 inter-threads × 3 intra-threads" in lines, lines


def test_corrupt_cache_entry_is_a_miss_with_a_warning(installed: Settings, caplog: pytest.LogCaptureFixture) -> None:
    run(installed, corpus())
    with sqlite3.connect(installed.translations_dir / "cache.sqlite3") as db:
        db.execute("UPDATE translations SET english = 'tampered' WHERE rowid = (SELECT MIN(rowid) FROM translations)")
    with caplog.at_level(logging.WARNING, logger="indexer.translate.cache"):
        docs, stage = run(installed, corpus())
    assert "corrupt translation cache entry" in caplog.text
    assert (stage.summary.translated, stage.summary.from_cache) == (1, 4)
    assert all(p.english != "tampered" for d in docs for p in d.paragraphs)


def translatable() -> list[Document]:
    """Documents whose languages all have a model."""
    return [make_doc("a", (DE, "de"), (NL, "nl")), make_doc("b", (DE2, "de"), title="Die Pläne")]


def test_killed_run_keeps_finished_documents(installed: Settings) -> None:
    stage = TranslationStage(installed, batch_sentences=1)
    stream = stage.run(translatable())
    next(stream)
    stream.close()  # the run dies after its first document
    assert stage.cache.last_complete_run() is None, "a killed run does not count as complete"
    _, again = run(installed, translatable())
    assert again.summary.from_cache == 3, "document a's title, German and Dutch paragraphs were kept"
    assert again.summary.translated == 2, "document b's title and paragraph were not"
    assert again.cache.last_complete_run() is not None


def test_run_with_a_missing_model_is_not_complete(installed: Settings) -> None:
    _, stage = run(installed, corpus())  # has a French paragraph
    assert stage.summary.missing_models == {"fr"}
    assert stage.cache.last_complete_run() is None, "prune must not drop what the missing model's run never saw"


def test_no_translate_passes_documents_through(installed: Settings) -> None:
    docs, stage = run(installed, corpus(), enabled=False)
    assert all(p.english is None for d in docs for p in d.paragraphs if p.language != "en")
    assert docs[0].paragraphs[1].english == EN
    assert stage.summary.untranslated == {"translation skipped (--no-translate)": 6}
    assert not (installed.translations_dir / "cache.sqlite3").exists()


def test_without_models_nothing_is_an_error(settings: Settings) -> None:
    docs, stage = run(settings, corpus())
    assert all(d.untranslated_paragraphs for d in docs[:2])
    assert stage.summary.missing_models == {"de", "nl", "fr"}
    lines = ReindexSummary(translation=stage.summary).lines()
    assert any("no de→en model installed" in line for line in lines), lines


@pytest.mark.parametrize("allow_pivot", [False, True])
def test_pivot_only_when_allowed(installed: Settings, argos_archives: dict[str, Path], allow_pivot: bool) -> None:
    install_archive(argos_archives["fr-de"], installed.models_path)
    docs, stage = run(installed.with_(allow_pivot=allow_pivot), corpus())
    french = docs[1].paragraphs[1]
    if allow_pivot:
        assert french.translator == "argos/fr_de@1.0+argos/de_en@1.9" and french.english is not None
        assert not stage.summary.missing_models
    else:
        assert french.english is None and stage.summary.missing_models == {"fr"}


def test_undetected_language_is_reported(settings: Settings) -> None:
    _, stage = run(settings, [make_doc("x", ("???", None), title="", language=None)])
    assert stage.summary.untranslated == {"language not detected": 1}


def test_translation_runs_with_sockets_disabled(installed: Settings, no_network: list) -> None:
    docs = list(TranslationStage(installed, retranslate=True).run(corpus()))
    assert docs[0].paragraphs[0].translator == "argos/de_en@1.9"
    assert no_network == [], "translation tried to open a connection"


def test_translation_never_imports_argostranslate(installed: Settings, tmp_path: Path) -> None:
    script = f"""
import sys
from pathlib import Path
from indexer.document import Document, Paragraph
from indexer.settings import Settings
from indexer.translate.stage import TranslationStage
import indexer.cli.model_commands, indexer.cli.translation_commands
s = Settings(data_dir=Path({str(installed.data_dir)!r}), translations_dir=Path({str(tmp_path / 'tr')!r}))
doc = Document(id="a", path="a", source_sha256="0", paragraphs=[Paragraph({DE!r}, "de")])
stage = TranslationStage(s)
out = list(stage.run([doc]))
assert out[0].paragraphs[0].translator == "argos/de_en@1.9", out
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("argostranslate", "stanza", "torch", "spacy"))
assert not heavy, heavy
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert result.returncode == 0, result.stderr


def test_reindex_cli_translates_caches_and_skips(installed: Settings, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from indexer.cli import main

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    runner = CliRunner(env={"BABELSEARCH_TRANSLATIONS": str(installed.translations_dir),
                            "BABELSEARCH_TRANSLATION_DEVICE": "cpu", "BABELSEARCH_TRANSLATION_INTER_THREADS": "2"})
    args = ["reindex", "--corpus", str(seeds), "--data", str(installed.data_dir), "--workers", "1"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "Untranslated paragraphs: 0" in first.output
    assert "Translation: 69 paragraphs and titles translated (" in first.output, first.output
    assert ", 0 from the cache" in first.output
    assert "Translation device: cpu, 2 inter-threads × " in first.output
    again = runner.invoke(main, args)
    assert again.exit_code == 0, again.output
    assert "Translation: 0 paragraphs and titles translated" in again.output, "everything came from the cache"
    skipped = runner.invoke(main, [*args, "--no-translate"])
    assert skipped.exit_code == 0, skipped.output
    assert "translation skipped (--no-translate)" in skipped.output
    stats = runner.invoke(main, ["stats", "--data", str(installed.data_dir)])
    assert stats.exit_code == 0, stats.output
    assert "Models:      de→en 1.9, nl→en 1.9" in stats.output
    assert "Translation device: cpu, 2 inter-threads × " in stats.output


def test_without_models_reindex_and_stats_say_how_to_install(settings: Settings) -> None:
    from click.testing import CliRunner

    from indexer.cli import main

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    runner = CliRunner(env={"BABELSEARCH_TRANSLATIONS": str(settings.translations_dir)})
    result = runner.invoke(main, ["reindex", "--corpus", str(seeds), "--data", str(settings.data_dir), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert f"no de→en model installed — {INSTALL_HINT}" in result.output
    stats = runner.invoke(main, ["stats", "--data", str(settings.data_dir)])
    assert "No de→en model" in stats.output and "No nl→en model" in stats.output, stats.output
    assert not settings.translations_dir.exists(), "nothing to cache, no cache created"
