"""Build ``.argosmodel`` files in each layout the real Argos packagers produce.

Read from the packagers' sources (argos-train's ``argostrain/train.py``,
Locomotive's ``train.py`` and ``opus_mt_convert.py``), not copied:

- every packager writes ``metadata.json`` with six keys only
  (``package_version``, ``argos_version``, ``from_code``, ``from_name``,
  ``to_code``, ``to_name``: no ``type``, no ``links``), a README, the
  CTranslate2 ``model/`` folder and a ``stanza/`` sentence-splitter folder;
- **argos-train** trains one SentencePiece model on both languages and
  zips with ``shutil.make_archive``, which lists folder entries;
- **Locomotive** (``train.py``) also shares one SentencePiece model and
  writes only file entries, stored uncompressed;
- **OPUS-MT ports** (``opus_mt_convert.py``) ship the *source* SentencePiece
  model as ``sentencepiece.model`` (or the source BPE codes as
  ``bpe.model``) while the model's vocabulary is Marian's joint one, so the
  model emits target pieces the shipped tokenizer does not know.

Weights are random (``tiny_argos``); ``favour`` steers the output towards
target-only pieces so the decoding differences really occur.
"""
from __future__ import annotations

import io
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tiny_argos import build_ct2_model, packager_metadata, train_sentencepiece

SOURCE_TEXT = """\
Die Regierung hat am Montag neue Regeln beschlossen.
Der Minister sagte, die Lage sei ernst, aber unter Kontrolle.
In Berlin demonstrierten tausende Menschen gegen die Pläne.
„Wir haben keine Wahl“, sagte die Ministerin – und das Parlament stimmte zu.
Die Zeitung berichtete über die Wahl in den Niederlanden.
"""
TARGET_TEXT = """\
The government adopted new rules on Monday.
The minister said the situation was serious but under control.
Thousands of people protested against the plans in Berlin.
"We have no choice," said the minister, and parliament agreed.
The newspaper reported on the election in the Netherlands.
"""
SPECIALS = ["<unk>", "<s>", "</s>"]


@dataclass(frozen=True)
class Layout:
    """How one packager builds a package."""

    tokenizer: str  # "shared-spm" | "source-spm" | "bpe"
    folder_entries: bool
    compression: int
    metadata_indent: int | None
    version: str


LAYOUTS = {
    "argos-train": Layout("shared-spm", True, zipfile.ZIP_DEFLATED, 4, "1.9"),
    "locomotive": Layout("shared-spm", False, zipfile.ZIP_STORED, None, "1.9"),
    "opus-mt-spm": Layout("source-spm", False, zipfile.ZIP_STORED, None, "1.0"),
    "opus-mt-bpe": Layout("bpe", False, zipfile.ZIP_STORED, None, "1.0"),
}


def _pieces(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(sp_model))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _ramp(tokens: list[str]) -> dict[str, float]:
    """Favour ``tokens`` with slightly different logits, so that outputs mix them."""
    return {token: 2.6 - 0.15 * i for i, token in enumerate(tokens)}


def _spm_tokenizer(package: Path, work: Path, shared: bool) -> tuple[list[str], dict[str, float]]:
    """sentencepiece.model in ``package``; returns the model vocabulary and favoured pieces."""
    if shared:
        sp_model = train_sentencepiece(work / "shared", text=SOURCE_TEXT + TARGET_TEXT)
        shutil.copy(sp_model, package / "sentencepiece.model")
        return _pieces(sp_model), {}
    source = train_sentencepiece(work / "source", vocab_size=80, text=SOURCE_TEXT)
    target = train_sentencepiece(work / "target", vocab_size=80, text=TARGET_TEXT)
    shutil.copy(source, package / "sentencepiece.model")
    known = set(_pieces(source))
    target_only = [p for p in _pieces(target) if p not in known and p.startswith("▁") and len(p) > 2]
    vocabulary = list(dict.fromkeys(SPECIALS + _pieces(source) + _pieces(target)))
    return vocabulary, _ramp(target_only[:4] + [p for p in _pieces(source) if p.startswith("▁")][:4])


def _moses_lines(text: str, language: str) -> list[str]:
    from sacremoses import MosesPunctNormalizer, MosesTokenizer

    normalizer, tokenizer = MosesPunctNormalizer(language), MosesTokenizer(language)
    return [" ".join(tokenizer.tokenize(normalizer.normalize(line))) for line in text.splitlines()]


def _learn_codes(lines: list[str], codes_file: Path, symbols: int = 60) -> Path:
    from subword_nmt.learn_bpe import learn_bpe

    with open(codes_file, "w", encoding="utf-8") as out:
        learn_bpe(io.StringIO("\n".join(lines * 3) + "\n"), out, symbols, min_frequency=2)
    return codes_file


def _segmented(lines: list[str], codes_file: Path) -> list[str]:
    from subword_nmt.apply_bpe import BPE

    with open(codes_file, encoding="utf-8") as codes:
        bpe = BPE(codes)
    return [token for line in lines for token in bpe.segment_tokens(line.split(" "))]


def _bpe_tokenizer(package: Path, work: Path, from_code: str, to_code: str) -> tuple[list[str], dict[str, float]]:
    """bpe.model (source codes) in ``package``; model vocabulary over both sides' subwords."""
    work.mkdir(parents=True, exist_ok=True)
    source_lines, target_lines = _moses_lines(SOURCE_TEXT, from_code), _moses_lines(TARGET_TEXT, to_code)
    source_codes = _learn_codes(source_lines, work / "source.bpe")
    target_codes = _learn_codes(target_lines, work / "target.bpe")
    shutil.copy(source_codes, package / "bpe.model")
    source_tokens, target_tokens = _segmented(source_lines, source_codes), _segmented(target_lines, target_codes)
    vocabulary = list(dict.fromkeys(SPECIALS + source_tokens + target_tokens))
    joins = [t for t in dict.fromkeys(target_tokens) if t.endswith("@@")]
    escaped = [t for t in dict.fromkeys(target_tokens) if t.startswith("&")]
    words = [t for t in dict.fromkeys(target_tokens) if t.isalpha()]
    return vocabulary, _ramp(joins[:3] + escaped[:1] + words[:4])


def _stanza_folder(package: Path, from_code: str) -> None:
    """What ``stanza.download(lang, processors="tokenize")`` leaves: resources and a tokenizer model."""
    (package / "stanza" / from_code / "tokenize").mkdir(parents=True)
    (package / "stanza" / "resources.json").write_text(json.dumps({from_code: {"default_processors": {"tokenize": "gsd"}}}))
    (package / "stanza" / from_code / "tokenize" / "gsd.pt").write_bytes(bytes(range(256)) * 4)


def _zip(package: Path, archive: Path, layout: Layout) -> Path:
    if layout.folder_entries:  # argos-train: shutil.make_archive lists every folder too
        made = shutil.make_archive(str(archive.with_suffix("")), "zip", root_dir=package.parent, base_dir=package.name)
        return Path(made).rename(archive)
    with zipfile.ZipFile(archive, "w", compression=layout.compression) as zf:
        for path in sorted(package.rglob("*")):
            if path.is_file():
                zf.write(path, f"{package.name}/{path.relative_to(package).as_posix()}")
    return archive


def build_layout(workdir: Path, name: str, from_code: str = "de", to_code: str = "en", seed: int = 7) -> Path:
    """A ``translate-xx_en-V.argosmodel`` in layout ``name`` (a key of LAYOUTS)."""
    layout = LAYOUTS[name]
    top = f"translate-{from_code}_{to_code}-{layout.version.replace('.', '_')}"
    package = workdir / name / top
    package.mkdir(parents=True)
    work = workdir / name / "work"
    if layout.tokenizer == "bpe":
        vocabulary, favour = _bpe_tokenizer(package, work, from_code, to_code)
    else:
        vocabulary, favour = _spm_tokenizer(package, work, shared=layout.tokenizer == "shared-spm")
    build_ct2_model(package / "model", vocabulary, quantization="int8", eos_bias=2.0, seed=seed, favour=favour)
    _stanza_folder(package, from_code)
    metadata = json.dumps(packager_metadata(from_code, to_code, layout.version), indent=layout.metadata_indent)
    (package / "metadata.json").write_text(metadata, encoding="utf-8")
    (package / "README.md").write_text(f"# {from_code} - {to_code} version {layout.version}\n", encoding="utf-8")
    return _zip(package, workdir / name / f"{top}.argosmodel", layout)
