"""Cross-language retrieval quality without a translation model.

Indexes shared/clir-dev (German and Dutch versions of 41 news articles)
through babelsearch, runs its 81 English queries through the engine
interface and prints recall@1, recall@10 and MRR@10 (overall, per language,
per query type) on the tuning and the reporting half of the articles
(split by a hash of ``article_id``), for:

- none:      English words over the untranslated text (no lexicon);
- query:     + dictionary query translation (synonym groups);
- gloss:     + dictionary glosses of the documents (no query translation);
- fusion:    query translation + glosses in one engine query (also shown
             without the per-language normalisation of translation groups,
             and without each of issue 14's paths: translations chosen by
             the collection statistics, cognate keys, word forms; see
             ``clir_paths.py``);
- upper:     the English reference texts given to the index as if they were
             translations (injected into Paragraph.english / title_en, since
             no translation cache is used here), no lexicon.

Then fusion once more with the queries exactly as written (quotes, dashes,
apostrophes: what a user pastes), counting queries the parser refuses
(there must be none), lexicon coverage per language, a per-language
summary, and query latency p50/p95 without query translation and with the
new paths off and on, on the embedded engine and on the Elasticsearch API
(the noida-db stand-in unless ``--es-url``).

    python bench/clir_quality.py [--dev ../shared/clir-dev] [--lexicon FILE] [--tune]
                                 [--baseline-lexicon FILE] [--es-url URL] [--es-queries N] [--engine URL]

``--engine`` builds and ranks the tables' index variants on another engine,
e.g. ``opensearch+http://127.0.0.1:9200`` (one alias ``clir-<variant>`` per
variant, dropped at the end; the first latency lines are then on that engine);
``--tune`` runs on the embedded engine.

Figures of 2026-11-30 (issue 14: all Debian dictionaries incl. the Dutch
pivots through German and French, no MT model), MRR@10 tuning half
all/de/nl | reporting half all/de/nl: none 0.640 0.627 0.654 | 0.895 0.899
0.891; query 0.878 0.866 0.890 | 0.965 0.972 0.959; gloss 0.859 0.904
0.814 | 0.960 1.000 0.921; fusion 0.962 0.965 0.958 | 0.994 0.988 1.000;
fusion with the new paths off 0.947 0.950 0.944 | 0.988 0.988 0.988;
upper bound 0.992 1.000 0.983 | 1.000 1.000 1.000. Coverage of the dev
queries' content words, Dutch: 67.0% -> 75.3% with the pivots (German
83.3%). Embedded latency p50/p95 (ms): bare engine 33/72, dictionary
search with the new paths off 50/97, with them 54/110.

Figures of 2026-11-30, after "nothing drops" (issue 14's last part: a query's
English function words search English text only, an English possessive
goes, dictionary abbreviations and pronunciations are no part of a
translation), same lexicon sources, MRR@10 tuning half all/de/nl |
reporting half all/de/nl: none 0.672 0.673 0.671 | 0.935 0.930 0.939;
query 0.941 0.927 0.954 | 0.978 0.984 0.972; gloss 0.900 0.919 0.881 |
0.978 1.000 0.956; fusion 0.958 0.949 0.967 | 0.994 0.988 1.000; fusion
with the new paths off 0.955 0.958 0.951 | 0.994 0.988 1.000; upper bound
0.992 1.000 0.983 | 1.000 1.000 1.000. The same before issue 14 (commit
7390e73, per language): none 0.638 0.623 0.654 | 0.889 0.885 0.893; query
0.846 0.843 0.850 | 0.942 0.959 0.925; gloss 0.884 0.904 0.863 | 0.974
1.000 0.947; fusion 0.946 0.944 0.948 | 0.982 0.988 0.976. The gloss row
had fallen because the glosses lost their function words while the
queries kept theirs: "to" or "on" then matched only a few glosses
("up-to-date", "knock-on") and English names in German text, as rare,
heavy terms. Fusion's tuning half is 0.004 below the issue-14 figure:
two German pairs had ranked first on such matches ("of", "the" in an
English agency name; "on" in a gloss of "knock-on"). Embedded latency
p50/p95 (ms, with main's search-speed work): bare engine 3/10, dictionary
search with the new paths off 9/22, with them 9/22. On a real OpenSearch
2.19.6 node (``--engine opensearch+http://...``, scripts/opensearch-node):
gloss 0.901 0.920 0.883 | 0.979 1.000 0.957; fusion 0.960 0.966 0.954 |
0.994 0.988 1.000; latency p50/p95 (ms): bare engine 16/27, dictionary
search with the new paths off 26/40, with them 28/44 (1.11x at p95).

Figures of 2026-11-23 (before issue 14; all Debian dictionaries, pivot
"missing", no MT model), MRR@10 tuning half / reporting half: none 0.638 / 0.889; query
0.846 / 0.942; gloss 0.884 / 0.974; fusion 0.946 / 0.982 (without the
per-language normalisation 0.944 / 0.976); upper bound 0.992 / 1.000.
Lexicon variants, fusion MRR@10 on the tuning half (chosen: 0.946): pivot
off 0.939, pivot for all Dutch words 0.937, frequency exponent 1.0 0.945,
without the FreeDict German dictionaries (Ding only) 0.934.

``--lexicon`` reuses a compiled lexicon.sqlite (else the installed Debian
dictionaries' one comes from the machine's lexicon cache, compiled there the
first time); ``--tune`` also prints the grid of weights tried on the tuning
half.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import json
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clir_paths import (  # noqa: E402
    PATHS_OFF,
    ablations,
    elastic,
    print_coverage,
    print_latency,
    print_summary,
    tune_paths,
)

from indexer.document import Document  # noqa: E402
from indexer.engines import open_engine  # noqa: E402
from indexer.engines.base import Engine  # noqa: E402
from indexer.engines.tantivy_engine import EmbeddedEngine  # noqa: E402
from indexer.errors import BabelsearchError, EngineUnavailable  # noqa: E402
from indexer.lexicon import lexicon_path, open_lexicon  # noqa: E402
from indexer.lexicon.context import open_statistics  # noqa: E402
from indexer.lexicon.expand import translate_query  # noqa: E402
from indexer.pipeline import ReindexOptions, reindex  # noqa: E402
from indexer.query import Filters, SearchRequest, parse_query  # noqa: E402
from indexer.ranking import Ranking  # noqa: E402
from indexer.settings import Settings  # noqa: E402

DEFAULT_DEV = ROOT.parent / "shared" / "clir-dev"  # ../shared beside the clone
TARGET_MRR = 0.90
DEPTH = 10


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSON-lines file."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


HALVES: dict[str, str] = {}


def split_halves(article_ids: Iterable[str]) -> dict[str, str]:
    """Articles ordered by the SHA-1 of their id: the first half tunes, the rest reports."""
    ordered = sorted(set(article_ids), key=lambda a: hashlib.sha1(a.encode()).hexdigest())
    return {a: "tune" if i < len(ordered) // 2 else "report" for i, a in enumerate(ordered)}


def half(article_id: str) -> str:
    """'tune' or 'report' for an article (see ``split_halves``)."""
    return HALVES[article_id]


def write_corpus(docs: list[dict], folder: Path) -> None:
    """One text file per doc: title line, then one paragraph per segment."""
    folder.mkdir(parents=True)
    for doc in docs:
        lines = doc["text"].split("\n")
        (folder / f"{doc['id']}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def reference_stage(docs: list[dict], refs: list[dict]):
    """A pipeline stage that puts the English originals in as translations."""
    english_of: dict[str, str] = {}
    titles: dict[str, str] = {}
    by_article = {ref["id"]: ref for ref in refs}
    for doc in docs:
        ref = by_article[doc["article_id"]]
        for own, english in zip(doc["segments"], ref["segments"]):
            english_of[" ".join(own.split())] = english
        titles[doc["id"]] = ref["segments"][0]

    def stage(documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            document.title_en = titles.get(document.id)
            for paragraph in document.paragraphs:
                paragraph.english = english_of.get(" ".join(paragraph.text.split()))
                paragraph.translator = "reference" if paragraph.english else None
            yield document

    return stage


@dataclasses.dataclass
class Scores:
    """Ranks of relevant docs per (query, language) pair, with grouping keys."""

    rows: list[tuple[str, str, str, int | None]] = dataclasses.field(default_factory=list)  # half, lang, type, rank
    failed: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (query, error) refused by the parser

    def summary(self, keep=lambda row: True) -> tuple[int, float, float, float]:
        ranks = [row[3] for row in self.rows if keep(row)]
        if not ranks:
            return 0, 0.0, 0.0, 0.0
        r1 = sum(1 for r in ranks if r == 1) / len(ranks)
        r10 = sum(1 for r in ranks if r is not None and r <= DEPTH) / len(ranks)
        mrr = sum(1 / r for r in ranks if r is not None and r <= DEPTH) / len(ranks)
        return len(ranks), r1, r10, mrr


def plain_words(text: str) -> str:
    """The query as a user's plain words: no quotes, no leading +/- operators, no AND/OR."""
    words = [w.lstrip("+-") for w in text.replace('"', " ").split()]
    return " ".join(w.lower() if w in ("AND", "OR") else w for w in words if w)


@dataclasses.dataclass(frozen=True)
class Config:
    """One way of searching: an engine, whether and how the query is translated."""

    engine: Any
    data: Path  # the data dir with the lexicon and the collection statistics
    translate: bool = True
    ranking: Ranking = Ranking()
    context: bool = True  # choose translations with the collection statistics


def embedded(data: Path, translate: bool = True, ranking: Ranking = Ranking(), context: bool = True) -> Config:
    """A Config on the embedded engine of ``data``."""
    return Config(EmbeddedEngine(data), data, translate, ranking, context)


def evaluate(config: Config, queries: list[dict], docs_by_id: dict[str, dict],
             latencies: list[float] | None = None, as_written: bool = False) -> Scores:
    """Rank every doc for every query; record the rank of each relevant doc.

    The query is translated here with the config's ranking (and collection
    statistics), as ``indexer.search`` does, and the engine renders it with
    the same ranking. With ``as_written`` the query goes to the parser
    exactly as written (quotes, dashes and all, as a user pastes it); a
    query the parser refuses counts as not found and is listed in
    ``Scores.failed``.
    """
    engine, translate, ranking = config.engine, config.translate, config.ranking
    lexicon = open_lexicon(config.data) if translate else None
    statistics = open_statistics(config.data) if config.context else None
    scores = Scores()
    article_of = {doc_id: doc["article_id"] for doc_id, doc in docs_by_id.items()}
    for query in queries:
        try:
            parsed = parse_query(query["query"] if as_written else plain_words(query["query"]))
        except BabelsearchError as exc:
            scores.failed.append((query["query"], str(exc)))
            scores.rows += [(half(query["article_id"]), lang, query["type"], None) for lang in query["relevant_by_lang"]]
            continue
        started = time.perf_counter()  # query translation counts towards the latency, as in a search
        if lexicon is not None:
            parsed = translate_query(parsed, lexicon, ranking, statistics=statistics)
        request = SearchRequest(parsed, Filters(), size=100, facets=False, translate=translate)
        ranked = [hit.document.id for hit in engine.search(request, ranking).hits]
        if latencies is not None:
            latencies.append((time.perf_counter() - started) * 1000)
        for lang, relevant in query["relevant_by_lang"].items():
            target = relevant[0]
            others = {d for d in query["relevant_doc_ids"] if d != target and article_of.get(d) == query["article_id"]}
            kept = [d for d in ranked if d not in others]
            rank = kept.index(target) + 1 if target in kept else None
            scores.rows.append((half(query["article_id"]), lang, query["type"], rank))
    return scores


def print_table(name: str, scores: Scores) -> None:
    """recall@1, recall@10, MRR@10 by half, language and query type."""
    print(f"\n== {name}")
    print(f"  {'subset':28} {'n':>4} {'R@1':>6} {'R@10':>6} {'MRR@10':>7}")
    for part in ("tune", "report"):
        groups = [("all", lambda r, p=part: r[0] == p)]
        groups += [(f"lang={lang}", lambda r, p=part, x=lang: r[0] == p and r[1] == x) for lang in ("de", "nl")]
        groups += [(f"type={kind}", lambda r, p=part, x=kind: r[0] == p and r[2] == x) for kind in ("title", "keyword_span")]
        for label, keep in groups:
            n, r1, r10, mrr = scores.summary(keep)
            print(f"  {part + ' ' + label:28} {n:>4} {r1:6.3f} {r10:6.3f} {mrr:7.3f}")


def variant_engine(target: str, data: Path) -> Engine:
    """The engine ``target`` names for one index variant (its own alias on a cluster)."""
    if target == "embedded":
        return EmbeddedEngine(data)
    return open_engine(Settings(data_dir=data, engine=target, es_index=f"clir-{data.name}"))


def on_engine(target: str, data: Path, translate: bool = True, ranking: Ranking = Ranking(),
              context: bool = True) -> Config:
    """A Config like ``embedded``'s, on the engine ``target`` names."""
    return Config(variant_engine(target, data), data, translate, ranking, context)


def index_variant(root: Path, name: str, corpus: Path, lexicon: Path | None, stages=(),
                  ranking: Ranking = Ranking(), target: str = "embedded") -> Path:
    """A data dir with ``corpus`` indexed; glossed when ``lexicon`` is given."""
    data = root / name
    if lexicon:
        copy = lexicon_path(data)
        copy.parent.mkdir(parents=True)
        shutil.copy(lexicon, copy)
    settings = Settings(data_dir=data, corpus=corpus, translations_dir=data / "translations", workers=1)
    summary = reindex(settings, ReindexOptions(ranking=ranking), engine=variant_engine(target, data),
                      extra_stages=stages)
    logging.info("%s: indexed %d docs; %s", name, summary.indexed, "; ".join(summary.notes))
    return data


def build_lexicon_file(folder: Path) -> Path:
    """The installed Debian dictionaries' compiled lexicon in ``folder`` (from the machine's cache when there)."""
    from indexer.lexicon.cache import compile_lexicon
    from indexer.lexicon.sources import standard_sources

    found, missing = standard_sources()
    if missing:
        logging.warning("missing dictionary packages: %s", ", ".join(missing))
    path = folder / "lexicon.sqlite"
    report = compile_lexicon(found, path)
    logging.info("lexicon %s", f"built in {report.seconds:.0f}s: {report.entries}" if report else "from the cache")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--lexicon", type=Path, help="a compiled lexicon.sqlite to reuse")
    parser.add_argument("--tune", action="store_true", help="print the weight grid on the tuning half")
    parser.add_argument("--engine", default="embedded", help="engine for the tables (default: embedded)")
    parser.add_argument("--baseline-lexicon", type=Path, help="a second lexicon.sqlite whose coverage is printed beside")
    parser.add_argument("--es-url", help="Elasticsearch to measure (default: the noida-db stand-in, when installed)")
    parser.add_argument("--es-queries", type=int, default=6, help="queries timed on Elasticsearch, the shortest (default 6)")
    args = parser.parse_args()
    if args.tune and args.engine != "embedded":
        parser.error("--tune runs on the embedded engine: leave --engine at embedded")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("indexer.engines").setLevel(logging.WARNING)
    docs = read_jsonl(args.dev / "docs_de.jsonl") + read_jsonl(args.dev / "docs_nl.jsonl")
    refs = read_jsonl(args.dev / "refs_en.jsonl")
    queries = read_jsonl(args.dev / "queries_en.jsonl")
    docs_by_id = {doc["id"]: doc for doc in docs}
    HALVES.update(split_halves(ref["id"] for ref in refs))
    with tempfile.TemporaryDirectory(prefix="clir-bench-") as tmp:
        root = Path(tmp)
        lexicon = args.lexicon or build_lexicon_file(root)
        corpus = root / "corpus"
        write_corpus(docs, corpus)
        plain = index_variant(root, "plain", corpus, None, target=args.engine)
        glossed = index_variant(root, "glossed", corpus, lexicon, target=args.engine)
        upper = index_variant(root, "upper", corpus, None, stages=[reference_stage(docs, refs)], target=args.engine)
        shutil.copytree(glossed / "lexicons", plain / "lexicons")  # query translation on the unglossed index
        make = functools.partial(on_engine, args.engine)
        engines = {
            "none": make(plain, translate=False),
            "query": make(plain),
            "gloss": make(glossed, translate=False),
            "fusion": make(glossed),
            **ablations(glossed, make),
            "fusion, no per-language normalisation": make(glossed, ranking=Ranking(normalize_languages=False)),
            "upper": make(upper, translate=False),
        }
        print(f"engine: {engines['none'].engine.name}")
        if args.tune:
            tune(engines, queries, docs_by_id, glossed, plain)
            tune_gloss_words(root, corpus, lexicon, queries, docs_by_id)
            tune_paths(glossed, embedded, evaluate, queries, docs_by_id)
        results = print_results(engines, queries, docs_by_id)
        print_coverage({"in use": lexicon, **({"baseline": args.baseline_lexicon} if args.baseline_lexicon else {})},
                       queries, docs)
        print_summary(results)
        print_latencies(engines, glossed, root, corpus, lexicon, args, queries, docs_by_id)
        final = results["fusion"].summary(lambda r: r[0] == "report")[3]
        print(f"\nfusion MRR@10 on the reporting half: {final:.3f} (target {TARGET_MRR})")
        for data in (plain, glossed, upper):  # a cluster keeps indices after the temporary folder is gone
            getattr(variant_engine(args.engine, data), "drop", lambda: None)()


def print_results(engines: dict, queries: list[dict], docs_by_id: dict) -> dict:
    """The table of every configuration, and of fusion with the queries as written; returns the scores."""
    results = {name: evaluate(config, queries, docs_by_id) for name, config in engines.items()}
    for name, scores in results.items():
        print_table(name, scores)
    written = evaluate(engines["fusion"], queries, docs_by_id, as_written=True)
    print_table("fusion, queries as written (quotes and operators kept)", written)
    print(f"\nfailed queries (refused by the parser): {len(written.failed)} of {len(queries)}")
    for text, error in written.failed:
        print(f"  {text[:70]!r}: {error}")
    return results


def print_latencies(engines: dict, glossed: Path, root: Path, corpus: Path, lexicon: Path, args,
                    queries: list[dict], docs_by_id: dict) -> None:
    """Latency without query translation, and with the new paths off and on:
    on the tables' engine (``--engine``), then on the Elasticsearch API."""
    name = engines["gloss"].engine.name
    print_latency({
        f"{name}: bare engine (no query translation)": engines["gloss"],
        f"{name}: dictionary search, new paths off": engines[next(iter(ablations(glossed, embedded)))],
        f"{name}: dictionary search, all paths": engines["fusion"],
    }, evaluate, queries, docs_by_id)
    with elastic(root, corpus, lexicon, args.es_url) as found:
        if found is None:
            return
        engine, data = found  # the stand-in takes seconds per query: the shortest few, two rounds
        try:
            print_latency({
                "elasticsearch: bare engine (no query translation)": Config(engine, data, translate=False),
                "elasticsearch: dictionary search, new paths off": Config(engine, data, ranking=PATHS_OFF,
                                                                          context=False),
                "elasticsearch: dictionary search, all paths": Config(engine, data),
            }, evaluate, sorted(queries, key=lambda q: len(q["query"]))[: args.es_queries], docs_by_id, rounds=2)
        except EngineUnavailable as exc:
            print(f"  elasticsearch: not measured ({exc})")


def tune(engines: dict, queries: list[dict], docs_by_id: dict, glossed: Path, plain: Path) -> None:
    """MRR@10 on the tuning half over a small grid of query-time weights."""
    print("\n== tuning half: MRR@10 over the weight grid (alternatives, translation weight, gloss boost)")
    tune_only = [q for q in queries if half(q["article_id"]) == "tune"]
    for gloss_boost in (0.5, 1.0, 1.5, 2.0):
        for alternatives in (2, 4, 6):
            for weight in (0.25, 0.5, 1.0):
                for normalize in (False, True):
                    ranking = Ranking(gloss_boost=gloss_boost, alternatives=alternatives,
                                      translation_weight=weight, normalize_languages=normalize)
                    n, r1, r10, mrr = evaluate(embedded(glossed, ranking=ranking), tune_only, docs_by_id).summary()
                    print(f"  gloss={gloss_boost:<4} alt={alternatives} weight={weight:<5} normalize={normalize!s:5} "
                          f"R@1 {r1:.3f} R@10 {r10:.3f} MRR@10 {mrr:.3f}")
    print("\n== tuning half: MRR@10 over group tie-breaker and title boost (chosen weights otherwise)")
    for tie in (0.0, 0.1, 0.3):
        for title in (1.0, 2.0):
            ranking = Ranking(group_tie=tie, translated_title_boost=title)
            n, r1, r10, mrr = evaluate(embedded(glossed, ranking=ranking), tune_only, docs_by_id).summary()
            print(f"  tie={tie:<4} title={title:<4} R@1 {r1:.3f} R@10 {r10:.3f} MRR@10 {mrr:.3f}")


def tune_gloss_words(root: Path, corpus: Path, lexicon: Path, queries: list[dict], docs_by_id: dict) -> None:
    """MRR@10 on the tuning half for 1, 2 and 3 gloss translations per word (reindexes)."""
    print("\n== tuning half: MRR@10 by gloss translations per word (gloss only / fusion)")
    tune_only = [q for q in queries if half(q["article_id"]) == "tune"]
    for per_word in (1, 2, 3):
        ranking = Ranking(gloss_translations=per_word)
        data = index_variant(root, f"gloss{per_word}", corpus, lexicon, ranking=ranking)
        alone = evaluate(embedded(data, translate=False, ranking=ranking), tune_only, docs_by_id).summary()[3]
        fused = evaluate(embedded(data, ranking=ranking), tune_only, docs_by_id).summary()[3]
        print(f"  per_word={per_word} gloss {alone:.3f} fusion {fused:.3f}")


if __name__ == "__main__":
    main()
