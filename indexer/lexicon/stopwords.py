"""Function words that are never translated: their translations are noise."""
from __future__ import annotations

STOPWORDS = {
    "en": frozenset(
        "a about above after again against all also am an and any are as at be because been before being "
        "below between both but by can could did do does doing down during each few for from further had has "
        "have having he her here hers him his how i if in into is it its itself just me more most my no nor "
        "not now of off on once only or other our out over own same she should so some such than that the "
        "their them then there these they this those through to too under until up very was we were what "
        "when where which while who whom why will with would you your".split()
    ),
    "de": frozenset(
        "aber alle allem allen aller alles als also am an ans auch auf aus bei beim bin bis bist da damit dann "
        "das dass dem den denn der des dessen die dies diese diesem diesen dieser dieses doch dort du durch ein "
        "eine einem einen einer eines er es etwas euch für gegen hab habe haben hat hatte hatten hier hin ich "
        "ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ins ist ja jede jedem jeden jeder jedes jetzt kann kein "
        "keine können man mehr mich mit muss nach nicht noch nun nur ob oder ohne sehr sein seine seinem seinen "
        "seiner sich sie sind so soll sollen sondern über um und uns unser unter vom von vor war waren warum "
        "was weil wenn wer werden wie wieder will wir wird wo wurde wurden zu zum zur zwischen".split()
    ),
    "nl": frozenset(
        "aan al alle als alles ben bij dan dat de deze die dit doch door dus een en er eens geen haar had heb "
        "hebben heeft hem het hier hij hoe hun iets ik in is ja je kan kon maar me meer men met mij mijn moet "
        "na naar niet niets nog nu of om omdat ons onze ook op over te tegen toch toen tot u uit van veel voor "
        "want waren was wat we wel werd wie wij wil worden wordt zal ze zei zelf zich zij zijn zo zonder zou".split()
    ),
}


def is_stopword(word: str, language: str) -> bool:
    """True for a function word of ``language`` (lowercase input)."""
    return word in STOPWORDS.get(language, ())
