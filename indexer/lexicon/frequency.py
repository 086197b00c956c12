"""How common a word is: wordfreq's Zipf scale, fast enough for a million terms.

``wordfreq.zipf_frequency`` tokenises every term through a general
Unicode pipeline (language lookup, normalisation, case folding, a large
regular expression), which made ranking the dictionaries' 800,000 distinct
translations take longer than reading them. A term of lowercase Latin
letters (ASCII and Latin-1 accented ones, not ``ß``, which folds to ``ss``)
and single spaces passes that pipeline unchanged, one token per word, so
for those terms ``zipf`` looks the words up in wordfreq's own frequency
table and combines them exactly as ``wordfreq.word_frequency`` does; every
other term goes through wordfreq itself. Loading that table takes about a
second, so small lexicons (tests, user lists) skip it.
``tests/test_lexicon_build.py`` checks that both paths agree.
"""
from __future__ import annotations

import math
import re
from typing import Callable

_PLAIN = re.compile(r"[a-zà-öø-ÿ]+(?: [a-zà-öø-ÿ]+)*")
TABLE_FROM = 20_000  # terms to look up before reading wordfreq's table pays off


def zipf_function(language: str, terms: int = TABLE_FROM) -> Callable[[str], float]:
    """``term -> wordfreq.zipf_frequency(term, language)`` (minimum 0), memoised, for about ``terms`` terms."""
    import wordfreq

    table = wordfreq.get_frequency_dict(language) if terms >= TABLE_FROM else {}
    minimum = wordfreq.zipf_to_freq(0.0)
    answers: dict[str, float] = {}

    def zipf(term: str) -> float:
        answer = answers.get(term)
        if answer is None:
            if table and _PLAIN.fullmatch(term):
                answer = _plain_zipf(term.split(" "), table, minimum, wordfreq.freq_to_zipf)
            else:
                answer = wordfreq.zipf_frequency(term, language)
            answers[term] = answer
        return answer

    return zipf


def _plain_zipf(words: list[str], table: dict[str, float], minimum: float,
                freq_to_zipf: Callable[[float], float]) -> float:
    """wordfreq's formula: 1/f = sum of 1/f_word; unknown word -> minimum; 3 significant digits."""
    one_over = 0.0
    for word in words:
        frequency = table.get(word)
        if frequency is None:
            return round(freq_to_zipf(minimum), 2)
        one_over += 1.0 / frequency
    unrounded = max(1.0 / one_over, minimum)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(freq_to_zipf(round(unrounded, leading_zeroes + 3)), 2)
