"""Every real Argos package layout loads, tokenizes and detokenizes as argostranslate does.

The packages come from ``argos_layouts`` (one per packager). For each one
the tokens handed to the model and the English text made from the model's
output are compared with argostranslate's documented behaviour, restated
below in ``argos_*`` reference functions built on the same libraries
argostranslate uses (SentencePiece, sacremoses, subword-nmt, CTranslate2):

- SentencePiece packages: "the sentence is encoded into pieces with the
  package's sentencepiece.model"; decoding "decodes the pieces with
  SentencePiece and replaces the SentencePiece space marker ▁ with spaces",
  then the translation "removes the space at the beginning of the
  translation added by the tokenizer" (argostranslate 1.10/1.11, which
  also turns "_" into spaces: babelsearch keeps real underscores).
- BPE packages: the sentence is "normalised with Moses punctuation
  normalisation, tokenized with the Moses tokenizer for the source language
  and segmented with the package's BPE codes (bpe.model)"; decoding "joins
  the subwords by removing '@@ ' and detokenizes with the Moses
  detokenizer for the target language".
- Translation: ``translate_batch`` with beam size 4, length penalty 0.2 and
  unknown tokens replaced from the source.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from argos_fixtures import require, settings  # noqa: F401 (fixtures)
from argos_layouts import LAYOUTS, build_layout

from indexer.languages import detector_code
from indexer.settings import Settings
from indexer.translate.models import find_model, install_archive
from indexer.translate.translators import ArgosTranslator, model_status, translator_for

SENTENCES = [
    "Die Regierung hat am Montag neue Regeln beschlossen.",
    "„Wir haben keine Wahl“, sagte die Ministerin – und das Parlament stimmte zu.",
    "Der Minister sagte, die Lage sei ernst, aber unter Kontrolle.",
    "Preis: 3,5 € & mehr.",
]
PACKAGER_KEYS = {"package_version", "argos_version", "from_code", "from_name", "to_code", "to_name"}


@pytest.fixture(scope="session")
def layouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One .argosmodel per packager layout."""
    for module in ("ctranslate2", "sentencepiece", "sacremoses", "subword_nmt"):
        require(module)
    workdir = tmp_path_factory.mktemp("layouts")
    return {name: build_layout(workdir, name) for name in LAYOUTS}


def argos_encode(package_dir: Path, sentence: str) -> list[str]:
    """Tokens argostranslate hands to CTranslate2 for one sentence (see module docstring)."""
    metadata = json.loads((package_dir / "metadata.json").read_text())
    if (package_dir / "sentencepiece.model").exists():
        import sentencepiece as spm

        processor = spm.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
        return processor.encode(sentence, out_type=str)
    from sacremoses import MosesPunctNormalizer, MosesTokenizer
    from subword_nmt.apply_bpe import BPE

    normalised = MosesPunctNormalizer(metadata["from_code"]).normalize(sentence)
    words = " ".join(MosesTokenizer(metadata["from_code"]).tokenize(normalised))
    with open(package_dir / "bpe.model", encoding="utf-8") as codes:
        return BPE(codes).segment_tokens(words.strip("\r\n ").split(" "))


def argos_decode(package_dir: Path, tokens: list[str]) -> str:
    """English text argostranslate makes of one hypothesis (see module docstring)."""
    metadata = json.loads((package_dir / "metadata.json").read_text())
    if (package_dir / "sentencepiece.model").exists():
        import sentencepiece as spm

        processor = spm.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
        text = processor.decode_pieces(tokens).replace("▁", " ")
    else:
        from sacremoses import MosesDetokenizer

        text = MosesDetokenizer(metadata["to_code"]).detokenize(" ".join(tokens).replace("@@ ", "").split(" "))
    return text[1:] if text.startswith(" ") else text


def argos_hypotheses(package_dir: Path, sentences: list[str]) -> list[list[str]]:
    """The model's best hypothesis per sentence, called with argostranslate's parameters."""
    import ctranslate2

    model = ctranslate2.Translator(str(package_dir / "model"), device="cpu")
    tokens = [argos_encode(package_dir, s) for s in sentences]
    results = model.translate_batch(tokens, beam_size=4, length_penalty=0.2, replace_unknowns=True, max_batch_size=32)
    return [r.hypotheses[0] for r in results]


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_packages_are_built_like_the_packagers_build_them(layouts: dict[str, Path], name: str) -> None:
    layout = LAYOUTS[name]
    with zipfile.ZipFile(layouts[name]) as zf:
        names = zf.namelist()
        top = names[0].split("/")[0]
        metadata = json.loads(zf.read(f"{top}/metadata.json"))
    assert any(n.endswith("/") for n in names) == layout.folder_entries, names
    assert f"{top}/stanza/resources.json" in names
    assert set(metadata) == PACKAGER_KEYS, "no type, no links: only what the packagers write"
    tokenizer = "bpe.model" if layout.tokenizer == "bpe" else "sentencepiece.model"
    assert f"{top}/{tokenizer}" in names


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_tokens_in_and_english_out_match_argostranslate(settings: Settings, layouts: dict[str, Path], name: str) -> None:
    package = install_archive(layouts[name], settings.models_path)
    assert package.tokenizer_file == ("bpe.model" if LAYOUTS[name].tokenizer == "bpe" else "sentencepiece.model")
    translator = ArgosTranslator(package)
    assert translator.tokenize(SENTENCES) == [argos_encode(package.path, s) for s in SENTENCES]
    hypotheses = argos_hypotheses(package.path, SENTENCES)
    expected = [argos_decode(package.path, tokens) for tokens in hypotheses]
    assert translator.translate(SENTENCES) == expected
    assert all(text and "▁" not in text and "@@ " not in text for text in expected), expected


def test_opus_mt_spm_output_has_pieces_the_tokenizer_does_not_know(settings: Settings, layouts: dict[str, Path]) -> None:
    """The case that left "▁" in the English: target pieces outside the source-only model."""
    import sentencepiece as spm

    package = install_archive(layouts["opus-mt-spm"], settings.models_path)
    processor = spm.SentencePieceProcessor(model_file=str(package.tokenizer_path))
    pieces = {piece for tokens in argos_hypotheses(package.path, SENTENCES) for piece in tokens}
    unknown = {p for p in pieces if processor.piece_to_id(p) == processor.unk_id()}
    assert unknown and all(p.startswith("▁") for p in unknown), pieces


def test_opus_mt_bpe_output_joins_subwords(settings: Settings, layouts: dict[str, Path]) -> None:
    package = install_archive(layouts["opus-mt-bpe"], settings.models_path)
    hypotheses = argos_hypotheses(package.path, SENTENCES)
    assert any(a.endswith("@@") for tokens in hypotheses for a in tokens[:-1]), hypotheses


@pytest.mark.parametrize(
    ("name", "tokens", "english"),
    [
        # "▁government" and "▁adopted" are not in the source-only SentencePiece model.
        ("opus-mt-spm", ["▁government", "▁Minister", "."], "government Minister."),
        ("opus-mt-spm", ["▁Minister", "▁government", "▁adopted", "."], "Minister government adopted."),
        ("argos-train", ["▁Minister", "▁sagte", "."], "Minister sagte."),
        ("opus-mt-bpe", ["The", "govern@@", "ment", "adop@@", "ted", "&quot;", "new", "rules", "&quot;", "it", "&apos;s", "."],
         'The government adopted "new rules" it\'s.'),
    ],
)
def test_decoding_examples(settings: Settings, layouts: dict[str, Path], name: str, tokens: list[str], english: str) -> None:
    translator = ArgosTranslator(install_archive(layouts[name], settings.models_path))
    assert translator.detokenize(tokens) == english == argos_decode(translator.package.path, tokens)


def test_bpe_encoding_normalises_and_escapes_like_moses(settings: Settings, layouts: dict[str, Path]) -> None:
    translator = ArgosTranslator(install_archive(layouts["opus-mt-bpe"], settings.models_path))
    tokens = translator.tokenize(["„Wir haben keine Wahl“ – sagte sie & er."])[0]
    words = " ".join(tokens).replace("@@ ", "").split(" ")
    assert words[:5] == ["&quot;", "Wir", "haben", "keine", "Wahl"] and "&amp;" in words and "-" in words, tokens


def test_index_codes_serve_the_detectors_codes(settings: Settings, tmp_path: Path) -> None:
    archive = build_layout(tmp_path, "locomotive", from_code="nb")
    package = install_archive(archive, settings.models_path)
    assert (package.from_code, package.from_language, package.translator_id) == ("nb", "no", "argos/nb_en@1.9")
    assert find_model(settings.models_path, "no") == package
    assert translator_for(settings, "no").id == "argos/nb_en@1.9"
    assert model_status(settings, ["no"])["missing"] == []


@pytest.mark.parametrize(("argos", "detector"), [("nb", "no"), ("zt", "zh"), ("pb", "pt"), ("de", "de")])
def test_argos_codes_map_to_the_detectors(argos: str, detector: str) -> None:
    assert detector_code(argos) == detector


def test_a_detector_that_says_nb_finds_the_nb_package(settings: Settings, tmp_path: Path) -> None:
    install_archive(build_layout(tmp_path, "locomotive", from_code="nb"), settings.models_path)
    assert find_model(settings.models_path, "nb").from_code == "nb"
    assert model_status(settings, ["nb", "no"])["missing"] == []
