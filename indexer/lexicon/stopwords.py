"""Function words, one list per language: never translated, never a translation.

A query's function words get no translation; a dictionary translation
loses its function words (``ein Angebot machen`` -> ``angebot machen``)
and is dropped when nothing else is left, so that no article, pronoun or
preposition is searched or highlighted for an English content word.
"""
from __future__ import annotations

STOPWORDS = {
    "en": frozenset(
        "a about above after again against all also am an and any are as at be because been before being "
        "below between both but by can could did do does doing down during each few for from further had has "
        "have having he her here hers him his how i if in into is it its itself just me more most my no nor "
        "not now of off on once only or other our out over own same she should so some such than that the "
        "their them then there these they this those through to too under until up very was we were what "
        "when where which while who whom why will with would you your one's oneself sth sb smb".split()
    ),
    "de": frozenset(
        "aber alle allem allen aller alles als also am an ans auch auf aufs aus bei beim bin bis bist da damit "
        "dann das dass daß dem den denen denn der deren des dessen die dies diese diesem diesen dieser dieses "
        "doch dort du durch ein eine einem einen einer eines er es etwas euch euer eure für gegen hab habe "
        "haben hat hatte hatten hier hin ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in ins ist ja "
        "jede jedem jeden jeder jedes jemand jemandem jemanden jemands jetzt kann kein keine keinem keinen "
        "keiner keines können man mein meine mehr mich mir mit muss nach nicht nichts noch nun nur ob oder "
        "ohne sehr sein seine seinem seinen seiner seines sich sie sind so soll sollen sondern sowie über um "
        "und uns unser unsere unter vom von vor war waren warum was weil wenn wer werden wie wieder will wir "
        "wird wo wurde wurden zu zum zur zwischen etw jd jdm jdn jds".split()
    ),
    "nl": frozenset(
        "aan al alle als alles ben bij dan dat de deze die dit doch door dus een eens en er geen haar had heb "
        "hebben heeft hem het hier hij hoe hun iemand iemands iets ik in is ja je jij kan kon maar me meer men "
        "met mij mijn moet na naar niet niets nog nu of om omdat ons onze ook op over te tegen toch toen tot "
        "u uit van veel voor want waren was wat we wel werd wie wij wil worden wordt zal ze zei zelf zich zij "
        "zijn zo zonder zou iem".split()
    ),
}


def is_stopword(word: str, language: str) -> bool:
    """True for a function word of ``language`` (lowercase input)."""
    return word in STOPWORDS.get(language, ())


def content_term(term: str, language: str) -> str | None:
    """``term`` (lowercase, one or more words) without its function words,
    or None when it has nothing else (``in``, ``ein für alle mal`` keeps ``mal``)."""
    words = term.split()
    if not any(is_stopword(word, language) for word in words):
        return term
    kept = [word for word in words if not is_stopword(word, language)]
    return " ".join(kept) or None
