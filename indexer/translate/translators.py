"""Translators: installed Argos packages behind one small interface.

``Translator.translate(sentences) -> sentences`` is all the translate stage
needs. ``ArgosTranslator`` reads an installed ``.argosmodel`` directly with
CTranslate2 and the package's tokenizer (``tokenizers``; argostranslate
itself is never imported: its sentence splitters download models at run
time). Decoding settings default to argostranslate's own; with the
detokenizer version and the package's content hash they are part of every
cache key. Runtime settings (device, threads, batching) only change the speed.
"""
from __future__ import annotations

import copy
import json
import logging
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Callable, Protocol, Sequence

from ..document import ENGLISH
from ..settings import Settings
from .models import INSTALL_HINT, ArgosPackage, find_model, installed_models
from .runtime import RuntimeOptions
from .tokenizers import DETOKENIZER_VERSION, Tokenizer, load_tokenizer

if TYPE_CHECKING:
    from .queue_client import QueueClient

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


class Translator(Protocol):
    """Anything that turns sentences of one language into English sentences.

    A translator may also offer ``submit(sentences)`` returning a callable
    that waits for the result (see ``ArgosTranslator.submit``).
    """

    id: str

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """One English sentence per input sentence, in order."""
        ...


def cache_settings(translator: Translator, decoding: DecodingOptions) -> str:
    """What besides the text and translator id decides a translation (hashed into its key).

    A translator's own ``cache_settings()`` when it has one (package hash,
    detokenizer version, decoding), else the decoding settings alone.
    """
    own = getattr(translator, "cache_settings", None)
    return own() if own is not None else decoding.cache_settings()


def package_cache_settings(package: ArgosPackage, decoding: DecodingOptions) -> str:
    """What decides a translation by ``package`` besides its text, as canonical
    JSON: the decoding, the detokenizer version and the package's content hash.
    The same whether the package runs here or on a queue worker."""
    return json.dumps(
        {**asdict(decoding), "detokenizer": DETOKENIZER_VERSION, "package": package.content_sha256()},
        sort_keys=True, separators=(",", ":"),
    )


class ArgosTranslator:
    """An installed Argos package, loaded directly with CTranslate2 and its tokenizer."""

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
        self._tokenizer: Tokenizer | None = None
        self._cache_settings = ""

    def cache_settings(self) -> str:
        """Decoding settings, detokenizer version and package content hash, as canonical JSON."""
        if not self._cache_settings:
            self._cache_settings = package_cache_settings(self.package, self.decoding)
        return self._cache_settings

    def load(self) -> None:
        """Load model and tokenizer now (otherwise on first use)."""
        if self._model is not None:
            return
        import ctranslate2

        self._tokenizer = load_tokenizer(self.package.tokenizer_path, self.package.from_code, self.package.to_code)
        self._model = ctranslate2.Translator(
            str(self.package.model_dir),
            device=self.runtime.device,
            device_index=list(self.runtime.device_index),
            compute_type=self.runtime.compute_type,
            inter_threads=self.runtime.inter_threads,
            intra_threads=self.runtime.intra_threads,
        )
        logger.info("loaded %s from %s", self.package.label, self.package.path)

    def with_decoding(self, decoding: DecodingOptions) -> "ArgosTranslator":
        """This loaded model with other decoding settings (a worker serves every setting)."""
        self.load()
        twin = copy.copy(self)  # shares the CTranslate2 model and the tokenizer
        twin.decoding = decoding
        return twin

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
        tokens = self._tokenizer.encode(sentences)
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
        return lambda: [self.detokenize(item.result().hypotheses[0]) for item in pending]

    def detokenize(self, tokens: list[str]) -> str:
        """English text for one hypothesis: target prefix dropped, then the tokenizer's decoding."""
        self.load()
        prefix = self.package.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        return self._tokenizer.decode(tokens)

    def tokenize(self, sentences: Sequence[str]) -> list[list[str]]:
        """The tokens the model is given for each sentence."""
        self.load()
        return self._tokenizer.encode(sentences)


class PivotTranslator:
    """xx→yy then yy→en, for languages without a direct model (opt-in)."""

    def __init__(self, first: Translator, second: Translator) -> None:
        self.first, self.second = first, second
        self.id = f"{first.id}+{second.id}"

    def cache_settings(self) -> str:
        """Both legs' settings."""
        legs = [json.loads(cache_settings(leg, DecodingOptions())) for leg in (self.first, self.second)]
        return json.dumps({"pivot": legs}, sort_keys=True, separators=(",", ":"))

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
    queue: "QueueClient | None" = None,
) -> Translator | None:
    """The translator for ``language``→en from installed models, or None.

    With a ``queue`` the installed package only names the model; the
    translating happens on the queue's workers.
    """

    def make(package: ArgosPackage) -> Translator:
        if queue is not None:
            from .queue_client import QueueTranslator

            return QueueTranslator(queue, package, decoding)
        return ArgosTranslator(package, decoding, runtime)

    direct = find_model(settings.models_path, language, ENGLISH)
    if direct is not None:
        return make(direct)
    if not allow_pivot:
        return None
    for first in reversed(installed_models(settings.models_path)):
        if language in (first.from_code, first.from_language) and first.to_language != ENGLISH:
            second = find_model(settings.models_path, first.to_language, ENGLISH)
            if second is not None:
                return PivotTranslator(make(first), make(second))
    return None


def model_status(settings: Settings, languages: Sequence[str] = ()) -> dict[str, object]:
    """Installed models and the ``languages`` that have no model to English.

    For ``stats`` and the health endpoint: ``{"models": [rows], "missing":
    [codes], "hint": how to install one}``; rows as ``ArgosPackage.describe``.
    """
    packages = installed_models(settings.models_path)
    direct = {code for p in packages if p.to_language == ENGLISH for code in (p.from_code, p.from_language)}
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
