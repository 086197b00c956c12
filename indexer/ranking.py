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
    # Choosing translations in context (lexicon/context.py, issue 14); with
    # collection statistics written by the reindex. Dictionary translations
    # looked at per term before the context chooses ``alternatives`` of them.
    candidates: int = 12
    # How much co-occurrence with the other query words' translations counts:
    # fusion MRR@10 0 / 2 / 4 / 8 / 16 -> 0.950 / 0.950 / 0.956 / 0.962 / 0.963.
    context_weight: float = 8.0
    # How much the dictionary's own order counts next to the context (an exponent
    # on the dictionary weight relative to the best one): 0.25 / 0.5 / 1.0 at
    # context 8 -> 0.962 / 0.962 / 0.956.
    dictionary_prior: float = 0.5
    # A translation the collection never has ranks below those it has (a factor).
    absent_factor: float = 0.1
    # The weakest weight a kept translation gets within its group (context
    # scores over the best score weight the translations): 0.1 / 0.3 -> 0.962 / 0.962;
    # weighting off (all 1.0) -> 0.943.
    weighted_alternatives: bool = True
    min_alternative_weight: float = 0.1
    # A word's own group, inside a run that the collection has as one entry
    # ("data centres" -> "Rechenzentren"): 0.5 / 1.0 -> 0.962 / 0.962 (tuning
    # half), 0.994 / 0.988 (reporting half); it keeps "Zentrum" from outranking it.
    run_member_weight: float = 0.5
    # The cognate key group of each word (language/cognates.py), next to its
    # English clause: 0 / 0.3 / 0.6 -> 0.949 / 0.962 / 0.956.
    cognate_weight: float = 0.3
    # Lemmas and compound parts of original text (Segment.forms), searched by
    # translation groups: 0 / 0.5 / 1.0 -> 0.937 / 0.950 / 0.945 (context 2).
    forms_boost: float = 0.5


DEFAULT_RANKING = Ranking()
