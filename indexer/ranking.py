"""Every tuned number of cross-language ranking, as one frozen value.

Engines render queries with it, query expansion picks translations with
it, glossing and dictionary lookups weigh with it. The defaults were chosen
on the tuning half of ``shared/clir-dev`` with ``bench/clir_quality.py
--tune`` (fusion MRR@10 there, other weights at their defaults); the bench
passes other ``Ranking`` values instead of patching modules.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ranking:
    """Weights of English search over original and translated text."""

    # Field weights (title and title_en; the body fields weigh 1.0).
    title_boost: float = 2.0
    # Retrieval-only dictionary glosses: 0.5 / 1.0 / 1.5 -> 0.907 / 0.946 / 0.933.
    gloss_boost: float = 1.0
    # How much non-best fields add to a word's score (dis_max tie-breaker).
    field_tie: float = 0.3
    # How much further translations of one term add inside its group:
    # 0 / 0.1 / 0.3 -> 0.946 / 0.946 / 0.940.
    group_tie: float = 0.1
    # A translation found in the original title: 1.0 / 2.0 -> 0.937 / 0.946.
    translated_title_boost: float = 2.0
    # Translations per query term: 2 / 4 / 6 -> 0.939 / 0.940 / 0.946.
    alternatives: int = 6
    # Translations per excluded term: an exclusion is translated exactly like
    # an inclusion, so "-Finland" also drops the German "Finnland" (issue 13).
    exclude_alternatives: int = 6
    # Weight of a translation group next to its English clause:
    # 0.25 / 0.5 / 1.0 -> 0.935 / 0.946 / 0.927.
    translation_weight: float = 0.5
    # Scale each language's groups by (words translated into the best-covered
    # language) / (words translated into this one), so Dutch documents, whose
    # lexicon covers fewer query words, compete fairly: 0.946 with, 0.944 without.
    normalize_languages: bool = True
    # Dictionary translations per word in a gloss: 1 / 2 / 3 -> 0.924 / 0.946 / 0.938.
    gloss_translations: int = 2
    # Translations of a word's lemma rank just below those of the exact form.
    lemma_weight: float = 0.8
    # In a split compound the head carries the meaning; a modifier's
    # translation counts this much.
    modifier_weight: float = 0.5
    # Choosing translations in context (lexicon/context.py, issue 14), with the
    # collection statistics a reindex writes. Figures: fusion MRR@10 on the
    # tuning half, all/de/nl (bench/clir_quality.py --tune; 0.962 0.965 0.958
    # at the defaults, 0.947 0.950 0.944 with the new paths off).
    # Dictionary translations looked at per term before the context keeps
    # ``alternatives`` of them (a rarer sense needs context support, see
    # context.rank_candidates).
    candidates: int = 12
    # How much co-occurrence with the other query words' translations counts:
    # 0 / 2 / 4 / 8 / 16 -> nl 0.945 / 0.946 / 0.958 / 0.958 / 0.958 (de 0.965).
    context_weight: float = 8.0
    # Exponent on a translation's dictionary weight over the best one's:
    # 0.25 / 0.5 / 1.0 -> 0.962 each.
    dictionary_prior: float = 0.5
    # A translation the collection never has ranks below those it has (a factor).
    absent_factor: float = 0.1
    # Context scores weight the translations within a group (the best 1.0, the
    # weakest min_alternative_weight): 0.1 / 0.3 / 1.0 (= unweighted) ->
    # 0.962 / 0.962 / 0.955 (nl 0.958 / 0.958 / 0.944).
    weighted_alternatives: bool = True
    min_alternative_weight: float = 0.1
    # A word's own group, inside a run that the collection has as one entry
    # ("data centres" -> "Rechenzentren"): 0.5 / 1.0 -> 0.962 each here; it keeps
    # the seeds' "Zentrum" from outranking "Rechenzentren".
    run_member_weight: float = 0.5
    # The cognate key group of each word (language/cognates.py), next to its
    # English clause: 0 / 0.15 / 0.3 / 0.6 -> 0.961 / 0.961 / 0.962 / 0.956
    # (reporting half 0.988 / 0.988 / 0.994 / 0.988).
    cognate_weight: float = 0.3
    # Lemmas and compound parts of original text (Segment.forms), searched by
    # translation groups: 0 / 0.5 / 1.0 -> 0.960 / 0.962 / 0.956.
    forms_boost: float = 0.5


DEFAULT_RANKING = Ranking()
