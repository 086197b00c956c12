"""Build real Argos packages (``.argosmodel``) inside the test suite.

No real Argos model can be downloaded where the tests run, so this module
makes one: a SentencePiece model trained on a few sentences and a
CTranslate2 Transformer with small random weights built from
``ctranslate2.specs``, zipped like a real package (one top-level directory
holding ``metadata.json``, ``model/`` and ``sentencepiece.model``).

The output of random weights is meaningless text; tests assert on structure.
The benchmark reuses ``build_ct2_model`` with Transformer-base sizes.
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TRAINING_TEXT = """\
Die Regierung hat am Montag neue Regeln beschlossen.
Der Minister sagte, die Lage sei ernst, aber unter Kontrolle.
In Berlin demonstrierten tausende Menschen gegen die Pläne.
Die Zeitung berichtete über die Wahl in den Niederlanden.
De regering heeft maandag nieuwe regels aangenomen.
De minister zei dat de situatie ernstig is.
In Amsterdam gingen duizenden mensen de straat op.
The government adopted new rules on Monday.
The minister said the situation was serious but under control.
Thousands of people protested against the plans in Berlin.
"""


@dataclass(frozen=True)
class ModelSize:
    """Transformer dimensions for a generated model."""

    layers: int = 1
    d_model: int = 16
    heads: int = 2
    ffn: int = 32


TINY = ModelSize()
TRANSFORMER_BASE = ModelSize(layers=6, d_model=512, heads=8, ffn=2048)


def train_sentencepiece(directory: Path, vocab_size: int = 120, text: str = TRAINING_TEXT) -> Path:
    """Train a small unigram SentencePiece model; returns its path."""
    import sentencepiece as spm

    directory.mkdir(parents=True, exist_ok=True)
    prefix = directory / "sentencepiece"
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text.splitlines() * 4),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def _vocabulary(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(sp_model))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _fill(layer: object, rng: np.random.Generator, d: int, ffn: int, vocab: int) -> None:
    """Give every weight of a (sub)spec random values of the right shape."""
    from ctranslate2.specs import attention_spec, common_spec, transformer_spec

    def rand(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    if isinstance(layer, common_spec.LayerNormSpec):
        layer.gamma = np.ones(d, dtype=np.float32)
        layer.beta = np.zeros(d, dtype=np.float32)
    elif isinstance(layer, common_spec.EmbeddingsSpec):
        layer.weight = rand(vocab, d)
    elif isinstance(layer, attention_spec.MultiHeadAttentionSpec):
        _fill(layer.layer_norm, rng, d, ffn, vocab)
        fused = [3 * d, d] if len(layer.linear) == 2 else [d, 2 * d, d]
        for linear, rows in zip(layer.linear, fused):
            linear.weight, linear.bias = rand(rows, d), rand(rows)
    elif isinstance(layer, transformer_spec.FeedForwardSpec):
        _fill(layer.layer_norm, rng, d, ffn, vocab)
        layer.linear_0.weight, layer.linear_0.bias = rand(ffn, d), rand(ffn)
        layer.linear_1.weight, layer.linear_1.bias = rand(d, ffn), rand(d)
    else:
        for name, value in list(vars(layer).items()):
            if name.startswith("_"):
                continue
            for item in value if isinstance(value, list) else [value]:
                if hasattr(item, "__dict__") and not isinstance(item, (np.ndarray, np.generic)):
                    _fill(item, rng, d, ffn, vocab)


def build_ct2_model(
    output_dir: Path,
    vocabulary: list[str],
    size: ModelSize = TINY,
    quantization: str | None = None,
    eos_bias: float = 3.0,
    seed: int = 0,
    favour: dict[str, float] | None = None,
) -> Path:
    """Write a CTranslate2 Transformer with random weights to ``output_dir``.

    ``eos_bias`` raises the end-of-sentence logit so that random weights
    still produce short outputs (tests stay fast); 0 leaves it unbiased.
    ``favour`` raises the logits of some tokens so that they turn up in the
    output (a layout test needs target pieces its tokenizer does not know).
    """
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config((size.layers, size.layers), size.heads)
    vocab = len(vocabulary)
    _fill(spec.encoder, rng, size.d_model, size.ffn, vocab)
    _fill(spec.decoder, rng, size.d_model, size.ffn, vocab)
    spec.decoder.projection.weight = spec.decoder.embeddings.weight.copy()
    bias = np.zeros(vocab, dtype=np.float32)
    bias[vocabulary.index("</s>")] = eos_bias
    for token, logit in (favour or {}).items():
        bias[vocabulary.index(token)] = logit
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=quantization)
    output_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(output_dir))
    return output_dir


def packager_metadata(from_code: str, to_code: str = "en", version: str = "1.9") -> dict[str, str]:
    """metadata.json as the packagers write it: six keys, no ``type``, no ``links``."""
    names = {"de": "German", "nl": "Dutch", "en": "English", "fr": "French", "nb": "Norwegian Bokmål"}
    return {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": names.get(from_code, from_code),
        "to_code": to_code,
        "to_name": names.get(to_code, to_code),
    }


def metadata(from_code: str, to_code: str = "en", version: str = "1.9") -> dict[str, object]:
    """An entry of the Argos package index (the packager's keys, a type and links)."""
    return {**packager_metadata(from_code, to_code, version), "type": "translate", "links": []}


def build_package_dir(
    directory: Path,
    from_code: str = "de",
    to_code: str = "en",
    version: str = "1.9",
    size: ModelSize = TINY,
    quantization: str | None = None,
    seed: int = 0,
) -> Path:
    """A package directory: metadata.json, model/, sentencepiece.model."""
    sp_model = train_sentencepiece(directory)
    build_ct2_model(directory / "model", _vocabulary(sp_model), size, quantization, seed=seed)
    (directory / "sentencepiece.vocab").unlink(missing_ok=True)
    (directory / "metadata.json").write_text(json.dumps(metadata(from_code, to_code, version)))
    (directory / "README.md").write_text(f"Test package {from_code}->{to_code} {version}\n")
    return directory


def zip_package(package_dir: Path, archive: Path, top: str | None = None) -> Path:
    """Zip ``package_dir`` under one top-level directory, like argospm does."""
    top = top or package_dir.name
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(package_dir.rglob("*")):
            if path.is_file():
                zf.write(path, f"{top}/{path.relative_to(package_dir).as_posix()}")
    return archive


def build_argosmodel(
    workdir: Path,
    from_code: str = "de",
    to_code: str = "en",
    version: str = "1.9",
    seed: int = 0,
) -> Path:
    """A complete ``translate-de_en-1_9.argosmodel`` file in ``workdir``."""
    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    package_dir = build_package_dir(workdir / name, from_code, to_code, version, seed=seed)
    return zip_package(package_dir, workdir / f"{name}.argosmodel")


def zip_bytes(files: dict[str, bytes | str]) -> bytes:
    """An in-memory zip of ``{name: content}`` (for bad-archive tests)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buffer.getvalue()
