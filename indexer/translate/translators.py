"""Translators: installed Argos packages behind one small interface.

``Translator.translate(sentences) -> sentences`` is all the translate stage
needs. ``ArgosTranslator`` reads an installed ``.argosmodel`` directly with
CTranslate2 and SentencePiece (argostranslate itself is never imported: its
sentence splitters download models at run time). Decoding settings default
to argostranslate's own and are part of every cache key; runtime settings
(threads, batching) only change the speed.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from typing import Callable, Protocol, Sequence

from ..document import ENGLISH
from ..settings import Settings
from .models import INSTALL_HINT, ArgosPackage, find_model, installed_models

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DecodingOptions:
    """Decoding settings; they change the output, so they are in the cache key.

    Defaults are argostranslate's own (``translate()`` → beam 4, length
    penalty 0.2, unknown tokens replaced from the source) with
    CTranslate2's default maximum output length.
    """

    beam_size: int = Settings.beam_size  # one default, in the settings table
    length_penalty: float = Settings.length_penalty
    max_decoding_length: int = 256
    replace_unknowns: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> "DecodingOptions":
        """The decoding that ``settings`` asks for (BABELSEARCH_BEAM_SIZE, _LENGTH_PENALTY)."""
        return cls(beam_size=settings.beam_size, length_penalty=settings.length_penalty)

    def cache_settings(self) -> str:
        """Canonical JSON recorded with each translation and hashed into its key."""
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))


GREEDY_BATCH_TOKENS, BEAM_BATCH_TOKENS = 2048, 1024


@dataclass(frozen=True)
class RuntimeOptions:
    """How fast, not what: threads and batching (not part of the cache key).

    The defaults were chosen with ``bench/translate_throughput.py``: one
    model replica per core, each on one thread, fed batches of about 2048
    tokens for greedy search and 1024 for beam search. Measured on a 2-core
    machine (three sweeps each): greedy 2048 fastest, 4096 25% slower; beam 4
    1024 and 2048 within noise of each other, 4096 35% slower.
    ``max_batch_size=0`` means that rule.
    """

    inter_threads: int = field(default_factory=lambda: os.cpu_count() or 1)
    intra_threads: int = 1
    compute_type: str = "auto"
    max_batch_size: int = 0
    batch_type: str = "tokens"

    def batch_size_for(self, beam_size: int) -> int:
        """``max_batch_size``, or the automatic size for this beam."""
        if self.max_batch_size:
            return self.max_batch_size
        return GREEDY_BATCH_TOKENS if beam_size <= 1 else BEAM_BATCH_TOKENS


class Translator(Protocol):
    """Anything that turns sentences of one language into English sentences.

    A translator may also offer ``submit(sentences)`` returning a callable
    that waits for the result (see ``ArgosTranslator.submit``).
    """

    id: str

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """One English sentence per input sentence, in order."""
        ...


class ArgosTranslator:
    """An installed Argos package, loaded directly with CTranslate2 + SentencePiece."""

    def __init__(
        self,
        package: ArgosPackage,
        decoding: DecodingOptions = DecodingOptions(),
        runtime: RuntimeOptions | None = None,
    ) -> None:
        self.package = package
        self.id = package.translator_id
        self.decoding = decoding
        self.runtime = runtime or RuntimeOptions()
        self._model = None
        self._tokenizer = None

    def load(self) -> None:
        """Load model and tokenizer now (otherwise on first use)."""
        if self._model is not None:
            return
        import ctranslate2
        import sentencepiece

        self._tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(self.package.tokenizer_path))
        self._model = ctranslate2.Translator(
            str(self.package.model_dir),
            device="cpu",
            compute_type=self.runtime.compute_type,
            inter_threads=self.runtime.inter_threads,
            intra_threads=self.runtime.intra_threads,
        )
        logger.info("loaded %s from %s", self.package.label, self.package.path)

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate sentences in as few ``translate_batch`` calls as CTranslate2 needs."""
        return self.submit(sentences)()

    def submit(self, sentences: Sequence[str]) -> Callable[[], list[str]]:
        """Start translating in CTranslate2's threads; call the result to wait for it.

        Lets the stage queue the next batch before the current one is done,
        so both model replicas stay busy across batch boundaries.
        """
        if not sentences:
            return list
        self.load()
        tokens = self._tokenizer.encode(list(sentences), out_type=str)
        prefix = self.package.target_prefix
        pending = self._model.translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            max_batch_size=self.runtime.batch_size_for(self.decoding.beam_size),
            batch_type=self.runtime.batch_type,
            beam_size=self.decoding.beam_size,
            length_penalty=self.decoding.length_penalty,
            max_decoding_length=self.decoding.max_decoding_length,
            replace_unknowns=self.decoding.replace_unknowns,
            asynchronous=True,
        )
        return lambda: [self._detokenize(item.result().hypotheses[0]) for item in pending]

    def _detokenize(self, pieces: list[str]) -> str:
        prefix = self.package.target_prefix
        if prefix and pieces and pieces[0] == prefix:
            pieces = pieces[1:]
        return self._tokenizer.decode_pieces(pieces).strip()


class PivotTranslator:
    """xx→yy then yy→en, for languages without a direct model (opt-in)."""

    def __init__(self, first: Translator, second: Translator) -> None:
        self.first, self.second = first, second
        self.id = f"{first.id}+{second.id}"

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate through the pivot language."""
        return self.second.translate(self.first.translate(sentences))


def missing_model_reason(language: str) -> str:
    """The summary line for a language without a model."""
    return f"no {language}→en model installed — {INSTALL_HINT}"


def translator_for(
    settings: Settings,
    language: str,
    decoding: DecodingOptions = DecodingOptions(),
    runtime: RuntimeOptions | None = None,
    allow_pivot: bool = False,
) -> Translator | None:
    """The translator for ``language``→en from installed models, or None."""
    direct = find_model(settings.models_path, language, ENGLISH)
    if direct is not None:
        return ArgosTranslator(direct, decoding, runtime)
    if not allow_pivot:
        return None
    for first in reversed(installed_models(settings.models_path)):
        if first.from_code == language and first.to_code != ENGLISH:
            second = find_model(settings.models_path, first.to_code, ENGLISH)
            if second is not None:
                return PivotTranslator(ArgosTranslator(first, decoding, runtime), ArgosTranslator(second, decoding, runtime))
    return None


def model_status(settings: Settings, languages: Sequence[str] = ()) -> dict[str, object]:
    """Installed models and the ``languages`` that have no model to English.

    For ``stats`` and the health endpoint: ``{"models": [rows], "missing":
    [codes], "hint": how to install one}``; rows as ``ArgosPackage.describe``.
    """
    packages = installed_models(settings.models_path)
    direct = {p.from_code for p in packages if p.to_code == ENGLISH}
    missing = sorted({code for code in languages if code and code != ENGLISH and code not in direct})
    return {"models": [p.describe() for p in packages], "missing": missing, "hint": INSTALL_HINT}


def translator_label(translator_id: str | None) -> str | None:
    """What a UI shows for a translator id: ``argos/de_en@1.9`` → ``Argos de→en 1.9``.

    Pivot ids (``a+b``) read ``Argos fr→de 1.0 via Argos de→en 1.9``; unknown
    forms are returned unchanged, None stays None (native English).
    """
    if not translator_id:
        return None
    parts = []
    for part in translator_id.split("+"):
        engine, _, rest = part.partition("/")
        pair, _, version = rest.partition("@")
        source, _, target = pair.partition("_")
        parts.append(f"{engine.capitalize()} {source}→{target} {version}".rstrip() if target else part)
    return " via ".join(parts)
