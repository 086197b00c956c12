"""The two tokenizers real Argos packages ship, read the way argostranslate reads them.

A package holds either ``sentencepiece.model`` or ``bpe.model``
(argostranslate checks in that order):

- **SentencePiece**: pieces from the package's model; decoding joins the
  pieces, turns every "▁" into a space and drops one leading space. The
  "▁" replacement matters for OPUS-MT ports, whose ``sentencepiece.model``
  is the *source* model while CTranslate2's target vocabulary is Marian's
  joint one: target pieces unknown to the source model come back verbatim,
  "▁" included. (argostranslate 1.10+ also turns "_" into spaces; that
  would change real underscores, so babelsearch does not.)
- **BPE** (OPUS-MT ports of BPE models): Moses punctuation normalisation
  and tokenisation (sacremoses, source language), subword-nmt with "@@"
  joins; decoding removes the "@@ " joins and Moses-detokenizes (target
  language).

``DETOKENIZER_VERSION`` is part of every translation's cache key: raise it
when decoding changes, so that translations decoded the old way are made
again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol, Sequence

# 1: decode_pieces().strip() (left "▁" in OPUS-MT output); 2: argostranslate's decoding.
DETOKENIZER_VERSION = 2

SENTENCEPIECE_FILE = "sentencepiece.model"
BPE_FILE = "bpe.model"
TOKENIZER_FILES = (SENTENCEPIECE_FILE, BPE_FILE)  # argostranslate's order of preference


class Tokenizer(Protocol):
    """Sentences to model tokens and model tokens back to text."""

    kind: str

    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        """Tokens for each sentence."""
        ...

    def decode(self, tokens: Sequence[str]) -> str:
        """Text for one translated token sequence."""
        ...


def _without_leading_space(text: str) -> str:
    """argostranslate drops the one space the tokenizer puts in front."""
    return text[1:] if text.startswith(" ") else text


class SentencePieceTokenizer:
    """``sentencepiece.model``: encode with SentencePiece, decode as argostranslate does."""

    kind = "sentencepiece"

    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self.processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        """SentencePiece pieces for each sentence (one call for the batch)."""
        return self.processor.encode(list(sentences), out_type=str)

    def decode(self, tokens: Sequence[str]) -> str:
        """Known pieces decoded by SentencePiece; any "▁" left (unknown pieces) becomes a space."""
        return _without_leading_space(self.processor.decode_pieces(list(tokens)).replace("▁", " "))


class BPETokenizer:
    """``bpe.model``: sacremoses + subword-nmt, as argostranslate's BPE path."""

    kind = "bpe"

    def __init__(self, codes_file: Path, from_code: str, to_code: str) -> None:
        from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer
        from subword_nmt.apply_bpe import BPE

        self.normalizer = MosesPunctNormalizer(from_code)
        self.tokenizer = MosesTokenizer(from_code)
        self.detokenizer = MosesDetokenizer(to_code)
        with open(codes_file, encoding="utf-8") as codes:
            try:
                self.bpe = BPE(codes)
            except SystemExit as exc:  # subword-nmt exits on a malformed codes line
                raise ValueError(f"{codes_file.name} is not a BPE codes file") from exc

    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        """Normalised, Moses-tokenized, BPE-segmented tokens for each sentence."""
        return [self._encode_one(sentence) for sentence in sentences]

    def _encode_one(self, sentence: str) -> list[str]:
        words = " ".join(self.tokenizer.tokenize(self.normalizer.normalize(sentence)))
        return self.bpe.segment_tokens(words.strip("\r\n ").split(" "))

    def decode(self, tokens: Sequence[str]) -> str:
        """Join "@@" subwords, then Moses-detokenize."""
        return self.detokenizer.detokenize(" ".join(tokens).replace("@@ ", "").split(" "))


def load_tokenizer(path: Path, from_code: str, to_code: str) -> Tokenizer:
    """The tokenizer file at ``path`` (its name says which kind)."""
    if path.name == BPE_FILE:
        return BPETokenizer(path, from_code, to_code)
    return SentencePieceTokenizer(path)
