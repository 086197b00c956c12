"""The dictionary-search paths of issue 14, measured by ``clir_quality.py``.

- ablations: fusion without the collection statistics (dictionary order),
  without cognate groups, without the word forms of the index, and with
  all three off;
- a tuning grid over their ``Ranking`` weights (tuning half only);
- a per-language summary of MRR@10 for every configuration;
- lexicon coverage per language: the share of the dev queries' content
  words that get a translation, and of the documents' words that get a
  gloss (``--baseline-lexicon`` prints a second lexicon beside it);
- latency p50/p95 with and without the new paths, on the embedded engine
  and on the Elasticsearch API (the noida-db stand-in, or ``--es-url``),
  beside the bare engine (no query translation) measured in the same run.
  The stand-in takes seconds per query (its speed says nothing about
  real Elasticsearch), so only the shortest ``--es-queries`` are timed there.
"""
from __future__ import annotations

import contextlib
import logging
import re
import shutil
import sys
import uuid
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from es_standin import standin  # noqa: E402  (the tests' stand-in runner)

from indexer.engines import open_engine  # noqa: E402
from indexer.languages import ENGLISH, is_function_word  # noqa: E402
from indexer.lexicon import lexicon_path  # noqa: E402
from indexer.lexicon.lookup import Lexicon  # noqa: E402
from indexer.lexicon.store import LexiconStore  # noqa: E402
from indexer.pipeline import reindex  # noqa: E402
from indexer.ranking import Ranking  # noqa: E402
from indexer.settings import Settings  # noqa: E402

LANGUAGES = ("de", "nl")
PATHS_OFF = Ranking(cognate_weight=0.0, forms_boost=0.0)  # with context=False: dictionary search before issue 14
_WORD = re.compile(r"[^\W\d_]{3,}")


def ablations(data: Path, make: Callable) -> dict:
    """Fusion configurations with one or all of the new paths switched off."""
    return {
        "fusion, new paths off (dictionary order, no cognates, no word forms)": make(data, ranking=PATHS_OFF,
                                                                                     context=False),
        "fusion, no context statistics (dictionary order)": make(data, context=False),
        "fusion, no cognates": make(data, ranking=Ranking(cognate_weight=0.0)),
        "fusion, no word forms": make(data, ranking=Ranking(forms_boost=0.0)),
    }


def mrr_row(scores) -> str:
    """MRR@10: tuning half all/de/nl | reporting half all/de/nl."""
    cells = []
    for part in ("tune", "report"):
        values = [scores.summary(lambda r, p=part, x=lang: r[0] == p and x in (None, r[1]))[3]
                  for lang in (None, *LANGUAGES)]
        cells.append(" ".join(f"{v:.3f}" for v in values))
    return " | ".join(cells)


def print_summary(results: dict) -> None:
    """One line per configuration: MRR@10 per half and language."""
    print("\n== summary: MRR@10, tuning half all de nl | reporting half all de nl")
    for name, scores in results.items():
        print(f"  {name:72} {mrr_row(scores)}")


def tune_paths(data: Path, make: Callable, evaluate: Callable, queries: list[dict], docs_by_id: dict) -> None:
    """MRR@10 on the tuning half over the weights of the new paths (one at a time)."""
    grid = {
        "context_weight": (0.0, 2.0, 4.0, 8.0, 16.0),
        "dictionary_prior": (0.25, 0.5, 1.0),
        "min_alternative_weight": (0.1, 0.3, 1.0),
        "run_member_weight": (0.5, 1.0),
        "cognate_weight": (0.0, 0.15, 0.3, 0.6),
        "forms_boost": (0.0, 0.5, 1.0),
    }
    print("\n== tuning half: the new paths' weights, one at a time (others at their defaults); "
          "MRR@10 tune all de nl | report all de nl")
    for name, values in grid.items():
        for value in values:
            scores = evaluate(make(data, ranking=Ranking(**{name: value})), queries, docs_by_id)
            print(f"  {name}={value:<6} {mrr_row(scores)}")


def print_coverage(lexicons: dict[str, Path], queries: list[dict], docs: list[dict]) -> None:
    """Per language: content words of the queries with a translation, words of the documents with a gloss."""
    query_words = {w.lower() for q in queries for w in _WORD.findall(q["query"])}
    query_words = sorted(w for w in query_words if not is_function_word(w, ENGLISH))
    print("\n== lexicon coverage: query words translated (en->xx), document words glossable (xx->en)")
    for name, path in lexicons.items():
        lexicon = Lexicon(LexiconStore(path))
        for language in LANGUAGES:
            translated = sum(1 for w in query_words if lexicon.translate(w, ENGLISH, language, 1))
            words = [w.lower() for d in docs if d["lang"] == language for w in _WORD.findall(d["text"])]
            words = [w for w in words if not is_function_word(w, language)]
            glossable = sum(1 for w in words if lexicon.translate(w, language, ENGLISH, 1))
            print(f"  {name:10} {language}: queries {translated / len(query_words):6.1%} of {len(query_words)} words,"
                  f" documents {glossable / len(words):6.1%} of {len(words)} words")
        lexicon.store.close()


def print_latency(configs: dict, evaluate: Callable, queries: list[dict], docs_by_id: dict, rounds: int = 3) -> None:
    """p50/p95 of one search (size 100, no facets, query translation included), per config."""
    print(f"\n== latency per query (ms), {len(queries)} queries, {rounds} round(s)")
    times: dict[str, list[float]] = {name: [] for name in configs}
    for _ in range(rounds):  # configurations take turns, so a busy moment of the machine hits all alike
        for name, config in configs.items():
            evaluate(config, queries, docs_by_id, times[name])
    for name, found in times.items():
        print(f"  {name:60} p50 {percentile(found, 0.5):7.2f}  p95 {percentile(found, 0.95):7.2f}")


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


@contextlib.contextmanager
def elastic(root: Path, corpus: Path, lexicon: Path, es_url: str | None) -> Iterator[tuple[object, Path] | None]:
    """(engine, data dir) with ``corpus`` indexed into Elasticsearch (``es_url``
    or the stand-in), glossed with ``lexicon``; None when neither is available."""
    with contextlib.ExitStack() as stack:
        if es_url is None:
            try:
                es_url = stack.enter_context(standin(root / "standin"))
            except (FileNotFoundError, RuntimeError) as exc:
                logging.warning("no Elasticsearch measured: %s", exc)
                yield None
                return
        data = root / "es-data"
        lexicon_path(data).parent.mkdir(parents=True)
        shutil.copy(lexicon, lexicon_path(data))
        settings = Settings(data_dir=data, corpus=corpus, translations_dir=root / "es-tr", workers=1,
                            engine=es_url, es_index=f"clir-bench-{uuid.uuid4().hex[:8]}")
        engine = open_engine(settings)
        reindex(settings, engine=engine)
        try:
            yield engine, data
        finally:
            engine.drop()
            engine.close()
