"""The supported languages, in one table that every stage reads.

Adding a language is one row here: the detector chooses from it, the index
gets a field with its stemmer (Tantivy's Snowball filter; Elasticsearch's
built-in analyzer of the same name), dictionary search translates into it
when a lexicon covers it, and the web UI names it. ``tests/test_languages.py``
adds a language in a subprocess and checks that every consumer picks it up.
"""
from __future__ import annotations

from dataclasses import dataclass

ENGLISH = "en"
UNDETERMINED = "und"  # ISO 639-2 "undetermined": a document whose language is unknown


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Language:
    """One supported language.

    ``stemmer`` names the Snowball stemmer (and the Elasticsearch analyzer);
    ``detection_words`` are frequent function words that tell this language
    apart from the others (the detector's fast path); ``function_words`` are
    never translated, glossed or counted as a match (lexicon); ``compounds``
    marks languages that write compounds as one word (split for lookups).
    """

    code: str
    name: str
    stemmer: str | None
    compounds: bool = False
    detection_words: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language(
            "de", "German", "german", compounds=True,
            detection_words=_words(
                "der das und ist nicht mit sich auch auf für von dem ein eine einen einem einer zu im sind wird "
                "wurde werden hat haben aber nach bei aus wie oder nur noch sie wir ich dass über durch gegen "
                "unter zwischen beim vom zum zur"
            ),
            function_words=_words(
                "aber alle allem allen aller alles als also am an ans auch auf aus bei beim bin bis bist da damit dann "
                "das dass dem den denn der des dessen die dies diese diesem diesen dieser dieses doch dort du durch ein "
                "eine einem einen einer eines er es etwas euch für gegen hab habe haben hat hatte hatten hier hin ich "
                "ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ins ist ja jede jedem jeden jeder jedes jetzt kann kein "
                "keine können man mehr mich mit muss nach nicht noch nun nur ob oder ohne sehr sein seine seinem seinen "
                "seiner sich sie sind so soll sollen sondern über um und uns unser unter vom von vor war waren warum "
                "was weil wenn wer werden wie wieder will wir wird wo wurde wurden zu zum zur zwischen "
                "aufs daß denen deren euer eure ihres jemand jemandem jemanden keinem keinen keiner keines mein meine "
                "mir nichts seines sowie unsere"
            ),
        ),
        Language(
            "nl", "Dutch", "dutch", compounds=True,
            detection_words=_words(
                "het een van niet zich ook op voor aan dat zijn wordt werd worden heeft hebben maar na bij uit "
                "hoe alleen nog ze hij wij ik door tegen onder tussen naar deze dit om dan wel geen"
            ),
            function_words=_words(
                "aan al alle als alles ben bij dan dat de deze die dit doch door dus een en er eens geen haar had heb "
                "hebben heeft hem het hier hij hoe hun iets ik in is ja je kan kon maar me meer men met mij mijn moet "
                "na naar niet niets nog nu of om omdat ons onze ook op over te tegen toch toen tot u uit van veel voor "
                "want waren was wat we wel werd wie wij wil worden wordt zal ze zei zelf zich zij zijn zo zonder zou "
                "iemand iemands jij"
            ),
        ),
        Language(
            "en", "English", "english", compounds=False,
            detection_words=_words(
                "the and of to is with on for from that this are were be been has have but after at by out how "
                "or only still they he we it which who their would there"
            ),
            function_words=_words(
                "a about above after again against all also am an and any are as at be because been before being "
                "below between both but by can could did do does doing down during each few for from further had has "
                "have having he her here hers him his how i if in into is it its itself just me more most my no nor "
                "not now of off on once only or other our out over own same she should so some such than that the "
                "their them then there these they this those through to too under until up very was we were what "
                "when where which while who whom why will with would you your"
            ),
        ),
        Language(
            "fr", "French", "french", compounds=False,
            detection_words=_words(
                "le la les et est pas avec aussi sur pour du des une que qui dans ce sont été ont mais après par "
                "au aux ou ne plus elle nous"
            ),
        ),
        Language(
            "es", "Spanish", "spanish", compounds=False,
            detection_words=_words(
                "el la los las y es con también sobre para del una que se por su al pero como más fue son ha lo"
            ),
        ),
        Language(
            "it", "Italian", "italian", compounds=False,
            detection_words=_words(
                "il lo la gli le è con anche per del della una che di si sono stato ha ma dopo da al come più"
            ),
        ),
    )
}
DEFAULT_LANGUAGES = tuple(LANGUAGES)  # the detector's default choice (BABELSEARCH_LANGUAGES)

# Codes the Argos package index writes where the detector (py3langid) has another:
# Norwegian Bokmål, Traditional Chinese, Brazilian Portuguese.
ARGOS_CODE_ALIASES = {"nb": "no", "zt": "zh", "pb": "pt"}


def detector_code(code: str) -> str:
    """The language detector's code for an Argos package code (``nb`` → ``no``)."""
    return ARGOS_CODE_ALIASES.get(code, code)


def language_name(code: str | None) -> str:
    """``German`` for ``de``; the code itself for a language not in the table."""
    if not code or code == UNDETERMINED:
        return "unknown language"
    language = LANGUAGES.get(code)
    return language.name if language else code


def stemmers() -> dict[str, str]:
    """code -> Snowball stemmer name, for every language that has one."""
    return {code: lang.stemmer for code, lang in LANGUAGES.items() if lang.stemmer}


def is_function_word(word: str, code: str) -> bool:
    """True for a function word of language ``code`` (lowercase input)."""
    language = LANGUAGES.get(code)
    return language is not None and word in language.function_words


def writes_compounds(code: str) -> bool:
    """True for languages that join compounds into one word (German, Dutch)."""
    language = LANGUAGES.get(code)
    return language is not None and language.compounds


def language_code(value: str) -> str | None:
    """The code for a code or an English name in any case (``DE``, ``german``,
    ``und``), or None for a language not in the table."""
    wanted = value.strip().casefold()
    if wanted == UNDETERMINED:
        return UNDETERMINED
    for code, language in LANGUAGES.items():
        if wanted in (code, language.name.casefold()):
            return code
    return None
