"""Boilerplate texts the site templates put around articles (per language).

Every string here is something an extractor must NOT return as article text.
"""
COOKIE = {
    "de": "Wir verwenden Cookies und ähnliche Technologien, um Inhalte und Anzeigen zu personalisieren, Funktionen für soziale Medien anbieten zu können und die Zugriffe auf unsere Website zu analysieren. Mit einem Klick auf Zustimmen willigen Sie in die Verarbeitung Ihrer Daten durch uns und unsere 143 Partner ein.",
    "nl": "Wij en onze partners gebruiken cookies en vergelijkbare technieken om onze website goed te laten werken, het gebruik te analyseren en om u gepersonaliseerde advertenties te tonen. Door op Akkoord te klikken gaat u hiermee akkoord; u kunt uw keuze altijd wijzigen via de privacyinstellingen.",
    "en": "We use cookies and similar technologies to improve your experience on our site, to show you personalised advertising and to analyse our traffic. By clicking Accept all you agree that we and our partners may store and access information on your device.",
}
NEWSLETTER = {
    "de": "Melden Sie sich jetzt für unseren kostenlosen Morgen-Newsletter an und erhalten Sie jeden Tag die wichtigsten Nachrichten direkt in Ihr Postfach.",
    "nl": "Meld je aan voor onze gratis ochtendnieuwsbrief en ontvang elke werkdag het belangrijkste nieuws van de dag in je mailbox.",
    "en": "Sign up to our free morning briefing and get the day's most important stories delivered straight to your inbox before breakfast.",
}
PAYWALL = {
    "de": "Dieser Artikel ist exklusiv für Abonnentinnen und Abonnenten. Lesen Sie jetzt weiter mit unserem Digitalabo für nur 1 Euro im ersten Monat, jederzeit kündbar.",
    "nl": "Dit artikel is alleen beschikbaar voor abonnees. Word nu abonnee en lees het eerste maand voor maar 1 euro onbeperkt alle artikelen op onze website en in de app.",
    "en": "You have read all of your free articles this month. Subscribe today for unlimited access to our award-winning journalism from just one pound a week.",
}
SHARE = {
    "de": ["Auf Facebook teilen", "Auf X teilen", "Per WhatsApp versenden", "Link kopieren"],
    "nl": ["Deel via Facebook", "Deel via WhatsApp", "Deel via e-mail", "Kopieer link"],
    "en": ["Share on Facebook", "Share on X", "Share via Email", "Copy link"],
}
COMMENTS = {
    "de": [
        ("Kritischer_Leser", "Das war doch absehbar, seit Jahren wird über dieses Problem geredet und passiert ist so gut wie nichts, außer dass man wieder einmal eine Kommission eingesetzt hat."),
        ("Bernd aus Kassel", "Ich verstehe die ganze Aufregung nicht, in anderen europäischen Ländern funktioniert das schon lange ohne großes Theater und niemand beschwert sich darüber."),
        ("m.hartmann", "Sehr guter und ausgewogener Artikel, vielen Dank dafür. Leider liest man so etwas heutzutage viel zu selten in den großen Medien."),
        ("Sonnenblume72", "Meine Tochter hat genau das letzte Woche erlebt und wir haben drei Stunden gewartet, bis überhaupt jemand ansprechbar war, das ist einfach nicht mehr zumutbar."),
    ],
    "nl": [
        ("Henk_uit_Zwolle", "Dit hadden ze jaren geleden al moeten regelen, maar in Den Haag wordt alleen maar vergaderd en uiteindelijk betaalt de gewone burger weer de rekening."),
        ("Marieke", "Mooi stuk, maar ik mis de kant van de mensen die er dagelijks mee te maken hebben. Die komen in dit soort verhalen veel te weinig aan het woord."),
        ("jvdberg", "Wij wonen er vlakbij en merken er eerlijk gezegd weinig van, dus ik denk dat het allemaal wel meevalt met die zogenaamde problemen."),
        ("Oma Truus", "Vroeger was alles beter geregeld, toen hoefde je niet overal een app voor te hebben en kon je gewoon iemand bellen die je verder hielp."),
    ],
    "en": [
        ("NorthernCommuter", "This is exactly what happens when you underinvest for twenty years and then act surprised when everything starts falling apart at the same time."),
        ("Jane_D", "Really interesting piece, thank you. It would be good to see a follow-up in six months to find out whether any of these promises were actually kept."),
        ("oldcynic", "I have heard all of this before and I will believe it when I see it. Every few years there is another announcement and nothing changes for ordinary people."),
        ("GreenFingers", "We did this ourselves last year and it has made a huge difference, although the paperwork took far longer than the actual installation work."),
    ],
}
FOOTER = {
    "de": "Alle Rechte vorbehalten. Vervielfältigung nur mit Genehmigung der Redaktion. Impressum · Datenschutz · Kontakt · Mediadaten · Barrierefreiheit",
    "nl": "Alle rechten voorbehouden. Niets uit deze uitgave mag worden verveelvoudigd zonder toestemming. Colofon · Privacy · Cookiebeleid · Contact · Adverteren",
    "en": "All rights reserved. This site is not responsible for the content of external websites. Terms of use · Privacy policy · Cookie settings · Contact us · Advertise",
}
READ_MORE = {"de": "Mehr zum Thema", "nl": "Lees ook", "en": "Read more"}
AD_LABEL = {"de": "Anzeige", "nl": "Advertentie", "en": "Advertisement"}
AUTHOR_BIO = {
    "de": "schreibt seit 2015 für das Ressort und beschäftigt sich vor allem mit Verkehrs-, Energie- und Umweltpolitik. Zuvor arbeitete sie als Lokalreporterin in Hannover.",
    "nl": "is sinds 2018 verslaggever en schrijft vooral over wonen, infrastructuur en de gevolgen van klimaatverandering voor Nederland.",
    "en": "is a correspondent covering infrastructure, energy and the environment. She previously worked for regional newspapers in the north of England.",
}
MONTHS = {
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}
WEEKDAYS = {
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
