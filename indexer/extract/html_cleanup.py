"""Cleanup around the main-content extractor.

trafilatura finds the article container well, but news pages put chrome
inside that container (share bars, paywall calls, "read also" links, copyright
lines) and keep the standfirst outside it, in the header. This module removes
the first and brings back the second, using the original parsed page:

- ``LinkIndex``: texts of the page's links, to spot paragraphs that are only
  links (related lists, navigation, teaser headlines) and index pages;
- ``drop_boilerplate``: short paragraphs matching known chrome phrases;
- ``drop_link_lists``: paragraphs made of link text;
- ``drop_header_lines``: headline, kicker, byline and dateline repeated at
  the top of the text (they are metadata);
- ``find_lead`` / ``with_lead``: the standfirst, found by the page's own
  description or by the class names sites give it, put first.
"""
from __future__ import annotations

import logging
import re

from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

SPACES = re.compile(r"\s+")
WORD_GAP = re.compile(r"\s+")
MAX_BOILERPLATE_CHARS = 300
LINK_COVERAGE = 0.6  # a paragraph this much made of link texts is a link list
MIN_LINK_CHARS = 12  # shorter link texts only count when they are the whole paragraph
MAX_LINK_CHARS = 300  # longer "links" wrap whole teasers; their parts are matched exactly
MAX_LIST_CHARS = 2000  # paragraphs longer than this are running text, not link lists
MAX_CANDIDATES = 50
MIN_HEADLINE_WORDS = 4  # a link this long reads like a headline, not a menu item
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLURB_PROBE = 40  # characters compared to recognise a teaser blurb
GRAM = 12
HEADER_PARAGRAPHS = 4  # headline, kicker and byline sit in the first few paragraphs
MAX_KICKER_CHARS = 40
MIN_RUNNING_TEXT_CHARS = 150
MAX_BYLINE_CHARS = 160
MAX_DATELINE_CHARS = 60
BYLINE_START = re.compile(r"^(?:von|by|door|text|tekst)\s", re.IGNORECASE)
DATE_LIKE = re.compile(  # a day, a year or a clock time
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}[:.]\d{2}\b")
MIN_LEAD_CHARS = 60
LEAD_CLASSES = ("lead", "intro", "standfirst", "summary", "teaser-text", "dek", "abstract", "excerpt")
NOT_CONTENT = {"a", "nav", "aside", "footer", "form", "button", "li", "figcaption", "script", "style"}

# Chrome that survives the main-content step because it sits inside the
# article container: share bars, paywall and subscription calls, newsletter
# boxes, ad labels, "read also" links, print/mail tools, copyright lines.
# Matched against whole short paragraphs, in the corpus's languages.
BOILERPLATE = re.compile(
    r"^(?:"
    # share bars and tools
    r"(?:auf|per|via) (?:facebook|x|twitter|whatsapp|linkedin|e-?mail)\b.{0,20}"
    r"|(?:deel|delen|share|teilen)(?: (?:on|via|op|auf))? (?:facebook|x|twitter|whatsapp|linkedin|e-?mail)\b.{0,20}"
    r"|(?:link kopieren|kopieer link|copy link|artikel teilen|share this(?: article)?:?|bekijk abonnementen)"
    r"|(?:artikel drucken|artikel versenden|dit artikel afdrukken|print this article)\b.{0,80}"
    # ad labels
    r"|(?:anzeige|advertentie|advertisement|werbung)"
    # "read also" labels, alone or before a linked headline
    r"|(?:mehr zum thema|lesen sie auch|lees ook|lees meer|read more|auch interessant|ook in het nieuws"
    r"|weitere meldungen(?: aus der region)?|more on this story|related(?: articles| stories)?)(?::.{0,160})?"
    # paywall and subscription calls
    r"|.{0,80}\b(?:jetzt abonnieren|word nu abonnee|word abonnee|subscribe (?:today|now)|"
    r"exklusiv für abonnent|alleen (?:beschikbaar )?voor abonnees|free articles this month).*"
    # newsletter boxes: a newsletter word and a sign-up word
    r"|(?=.*\b(?:newsletter|nieuwsbrief|briefing)\b)"
    r"(?=.*\b(?:anmelden|abonnieren|melden sie sich|sign up|subscribe|aanmelden|meld je aan|schrijf je in))"
    r".{0,200}"
    # copyright lines
    r"|(?:©|\(c\)).{0,200}"
    r"|.{0,120}\b(?:all rights reserved|alle rechte vorbehalten|alle rechten voorbehouden)\b.{0,120}"
    r")$",
    re.IGNORECASE | re.DOTALL,
)


def normal(text: str) -> str:
    """Whitespace-collapsed text for comparisons."""
    return SPACES.sub(" ", text).strip()


class LinkIndex:
    """Texts of a page's links, for telling link lists from running text.

    Substring tests go through an index of 12-character grams, so the cost
    grows with the page's size, not with paragraphs times links.
    """

    def __init__(self, tree: HtmlElement) -> None:
        self.exact = {t for t in (normal(a.text_content()) for a in tree.iter("a")) if t}
        self.starts: dict[str, list[str]] = {}  # first gram of a link text -> link texts
        self.grams: dict[str, list[str]] = {}  # any gram of a link text -> link texts
        for text in self.exact:
            if MIN_LINK_CHARS <= len(text) <= MAX_LINK_CHARS:
                self.starts.setdefault(text[:GRAM], []).append(text)
                for i in range(len(text) - GRAM + 1):
                    self.grams.setdefault(text[i:i + GRAM], []).append(text)
        self._cache: dict[str, float] = {}
        self.blurbs = _teaser_blurbs(tree)

    def coverage(self, paragraph: str) -> float:
        """Share of ``paragraph``'s characters that are link text (1.0 inside a link)."""
        if paragraph not in self._cache:
            self._cache[paragraph] = self._coverage(paragraph)
        return self._cache[paragraph]

    def _coverage(self, paragraph: str) -> float:
        if paragraph in self.exact:
            return 1.0
        if len(paragraph) < GRAM or len(paragraph) > MAX_LIST_CHARS:
            return 0.0
        if any(paragraph in t for t in self.grams.get(paragraph[:GRAM], ())[:MAX_CANDIDATES]):
            return 1.0
        covered, end = 0, 0
        for i in (0, *(m.end() for m in WORD_GAP.finditer(paragraph))):  # link texts start at words
            if i < end:
                continue
            match = next((t for t in self.starts.get(paragraph[i:i + GRAM], ()) if paragraph.startswith(t, i)), None)
            if match:
                covered, end = covered + len(match), i + len(match)
        return covered / len(paragraph)

    def is_link_list(self, paragraph: str) -> bool:
        """True when the paragraph is (almost) only link text."""
        return self.coverage(paragraph) >= LINK_COVERAGE

    def teaser_share(self, paragraphs: list[str]) -> float:
        """Share of the text that sits right after a headline link, as teaser blurbs do."""
        total = sum(len(p) for p in paragraphs)
        blurbs = sum(len(p) for p in paragraphs if p[:BLURB_PROBE] in self.blurbs)
        return blurbs / total if total else 0.0

    def longest_text_run(self, paragraphs: list[str]) -> int:
        """Characters in the longest stretch of paragraphs that are not link lists."""
        best = current = 0
        for paragraph in paragraphs:
            current = 0 if self.is_link_list(paragraph) else current + len(paragraph)
            best = max(best, current)
        return best


def _teaser_blurbs(tree: HtmlElement) -> set[str]:
    """Openings of the first text after each headline link (a teaser's blurb)."""
    blurbs: set[str] = set()
    body = tree.find("body")
    pending: HtmlElement | None = None
    for element in body.iter() if body is not None else ():
        if element.tag == "a" and _is_headline_link(element):
            pending = element
        elif pending is not None and element.text and len(element.text.strip()) >= BLURB_PROBE:
            if not any(ancestor is pending for ancestor in element.iterancestors()):
                blurbs.add(normal(element.text_content())[:BLURB_PROBE])
                pending = None
    return blurbs


def _is_headline_link(link: HtmlElement) -> bool:
    """A link that is, or wraps, a heading of a few words: a teaser's headline."""
    if len(normal(link.text_content()).split()) < MIN_HEADLINE_WORDS:
        return False
    in_heading = any(a.tag in HEADINGS for a in link.iterancestors())
    return in_heading or any(d.tag in HEADINGS for d in link.iterdescendants())


def drop_boilerplate(paragraphs: list[str]) -> list[str]:
    """Remove short paragraphs that match known chrome phrases."""
    kept = [p for p in paragraphs if not (len(p) < MAX_BOILERPLATE_CHARS and BOILERPLATE.match(p))]
    if len(kept) != len(paragraphs):
        logger.debug("dropped %d boilerplate paragraphs", len(paragraphs) - len(kept))
    return kept


def drop_link_lists(paragraphs: list[str], links: LinkIndex) -> list[str]:
    """Remove paragraphs made of link text (related lists, navigation, teaser headlines)."""
    return [p for p in paragraphs if not links.is_link_list(p)]


def find_lead(tree: HtmlElement, description: str | None) -> str | None:
    """The standfirst: the element repeating the page description, else a lead/intro class."""
    if description and len(description) >= MIN_LEAD_CHARS:
        probe = normal(description)[:MIN_LEAD_CHARS]
        for node in tree.xpath("//body//text()[string-length(normalize-space()) >= %d]" % MIN_LEAD_CHARS):
            if normal(node).startswith(probe):
                element = node.getparent()
                if element is not None and _is_content(element):
                    return normal(element.text_content())
    # By class name only inside the article (or main) element, where sidebars cannot answer.
    scope = next(iter(tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body")), None)
    if scope is None:
        return None
    condition = " or ".join(f'contains(@class, "{name}")' for name in LEAD_CLASSES)
    for element in scope.xpath(f".//*[{condition}]")[:5]:
        text = normal(element.text_content())
        if len(text) >= MIN_LEAD_CHARS and _is_content(element):
            return text
    return None


def _is_content(element: HtmlElement) -> bool:
    """Not inside a link, navigation, aside, footer, form or list item.

    A ``<header>`` does not count: articles keep their standfirst in one.
    """
    node: HtmlElement | None = element
    while node is not None:
        if node.tag in NOT_CONTENT:
            return False
        node = node.getparent()
    return True


def with_lead(paragraphs: list[str], lead: str | None) -> list[str]:
    """Put the lead first unless the extractor already kept it."""
    if not lead or any(lead[:MIN_LEAD_CHARS] in p for p in paragraphs):
        return paragraphs
    return [lead, *paragraphs]


def drop_header_lines(paragraphs: list[str], title: str | None, author: str | None) -> list[str]:
    """Remove headline, kicker, byline and dateline from the top; drop lines without words.

    They are metadata (the title is stored and translated on its own); kept
    as paragraphs they would be indexed and translated twice.
    """
    # The header ends where running text starts.
    end = next((i for i, p in enumerate(paragraphs) if len(p) >= MIN_RUNNING_TEXT_CHARS), len(paragraphs))
    end = min(end, HEADER_PARAGRAPHS)
    head, rest = paragraphs[:end], paragraphs[end:]
    if title and title in head:
        position = head.index(title)
        kicker_only = all(len(p) <= MAX_KICKER_CHARS for p in head[:position])
        head = head[position + 1:] if kicker_only else head[:position] + head[position + 1:]
    names = [n for n in (author or "").split(", ") if n]
    head = [p for p in head if not (_is_byline(p, names) or _is_dateline(p))]
    return [p for p in head + rest if any(ch.isalnum() for ch in p)]


def _is_dateline(paragraph: str) -> bool:
    """A few words around a date, e.g. "maandag, 9 december 2024"."""
    return len(paragraph) <= MAX_DATELINE_CHARS and len(paragraph.split()) <= 6 and bool(DATE_LIKE.search(paragraph))


def _is_byline(paragraph: str, names: list[str]) -> bool:
    """A short line that names the authors or opens with a byline word and carries a date."""
    if len(paragraph) > MAX_BYLINE_CHARS:
        return False
    if names and all(n in paragraph for n in names) and len(paragraph) < 2 * sum(len(n) + 8 for n in names) + 60:
        return True
    return bool(BYLINE_START.match(paragraph)) and bool(DATE_LIKE.search(paragraph))
