"""Metadata of a saved web page: title, date, authors, site name, URL, description.

Each field is looked up in the places news sites put it, most reliable first:
JSON-LD, then OpenGraph / ``article:`` meta tags, then plain ``<meta>``, then
the visible page (headings, ``<time>``, byline). The publication date falls
back to ``htmldate`` only when no structured date exists, because its text
search costs more than the rest of the metadata together.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from htmldate import find_date
from lxml.html import HtmlElement

from ..dates import document_date_start

logger = logging.getLogger(__name__)

TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|/)\s+")
SPACES = re.compile(r"\s+")
ISO_DATE = re.compile(r"((?:19|20)\d{2})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?(?![\d-])")
BYLINE_WORDS = re.compile(r"^(?:von|by|door|text|tekst|geschreven door)\s*:?\s+", re.IGNORECASE)
AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\ben\b)\s*")
DATE_META = (
    "article:published_time", "og:article:published_time", "datePublished", "date",
    "pubdate", "publishdate", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
)
BYLINE_XPATH = ".//*[{}][not(self::body)]".format(" or ".join(
    f'contains(translate(@class, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"), "{name}")'
    for name in ("byline", "author", "autor", "auteur", "contributor")))
EXTENSIVE_DATE_SEARCH_MAX_NODES = 20_000
ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "webpage", "socialmediaposting", "reviewnewsarticle"}


@dataclass
class PageMeta:
    """The metadata fields a page gives, each None when not found."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    description: str | None = None
    language_hint: str | None = None
    page_type: str | None = None
    json_ld: list[dict[str, Any]] = field(default_factory=list)


def read_metadata(tree: HtmlElement) -> PageMeta:
    """All metadata of a parsed page (see the module docstring for the order)."""
    tags = _meta_tags(tree)
    json_ld = _json_ld_articles(tree)
    ld = json_ld[0] if json_ld else {}
    meta = PageMeta(json_ld=json_ld)
    meta.source = _first(tags.get("og:site_name"), _name(ld.get("publisher")), tags.get("application-name"))
    meta.title, title_rest = _title(tree, tags, ld)
    meta.source = meta.source or title_rest
    meta.date = _date(tree, tags, ld)
    meta.author = _authors(tree, tags, ld)
    meta.url = _first(_canonical(tree), tags.get("og:url"), _url(ld.get("mainEntityOfPage")), ld.get("url"))
    meta.description = _first(tags.get("description"), tags.get("og:description"), ld.get("description"))
    meta.language_hint = _language(tree, tags)
    meta.page_type = (tags.get("og:type") or "").lower() or None
    return meta



def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """``<meta>`` name/property -> content, first occurrence wins."""
    out: dict[str, str] = {}
    for node in tree.iterfind(".//meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop") or node.get("http-equiv")
        content = node.get("content")
        if key and content and content.strip():
            out.setdefault(key.strip().lower(), _text(content))
    return out


def _json_ld_articles(tree: HtmlElement) -> list[dict[str, Any]]:
    """JSON-LD objects whose @type is an article kind (``@graph`` unpacked)."""
    found: list[dict[str, Any]] = []
    for script in tree.xpath('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            logger.debug("unreadable JSON-LD block skipped")
            continue
        for item in _ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(str(k).lower() in ARTICLE_TYPES for k in kinds):
                found.append(item)
    return found


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_items(data.get("@graph", []))



def _title(tree: HtmlElement, tags: dict[str, str], ld: dict[str, Any]) -> tuple[str | None, str | None]:
    """The headline without site-name affixes, and the leftover affix (a site name guess)."""
    headings = _heading_texts(tree)
    raw = [t for t in (_text(str(ld.get("headline", ""))), tags.get("og:title"), tags.get("twitter:title"),
                       _text(tree.findtext(".//title") or "")) if t]
    for candidate in raw:
        parts = [candidate, *TITLE_SEPARATORS.split(candidate)]
        parts += [p.split(": ", 1)[1] for p in parts if ": " in p]  # "Section: Headline"
        for part in parts:
            if part in headings:
                return part, _leftover(candidate, part)
    if raw:
        parts = TITLE_SEPARATORS.split(raw[0])
        best = max(parts, key=len)
        return best, _leftover(raw[0], best)
    return (next(iter(headings)) if headings else None), None


def _heading_texts(tree: HtmlElement) -> set[str]:
    """Texts of h1 (or h2 when a page has no h1) and of their inner elements."""
    heads = tree.xpath(".//h1") or tree.xpath(".//h2")[:3]
    texts: set[str] = set()
    for head in heads:
        for node in head.iter():
            if isinstance(node.tag, str):
                text = _text(" ".join(node.itertext()))
                if text:
                    texts.add(text)
    return texts


def _leftover(full: str, title: str) -> str | None:
    """The outermost affix of ``full`` once ``title`` is removed (sites put their name there)."""
    parts = [p for p in TITLE_SEPARATORS.split(full) if p and p != title]
    if not parts or title not in full:
        return None
    return parts[0] if full.endswith(title) else parts[-1]


def _date(tree: HtmlElement, tags: dict[str, str], ld: dict[str, Any]) -> str | None:
    """Publication date, ISO at the precision given (``2024``, ``2024-03``, ``2024-03-05``).

    Structured data first; htmldate (always day precision) when there is none.
    """
    structured = [str(ld.get("datePublished", "")), *(tags.get(k, "") for k in DATE_META)]
    structured += [t.get("datetime", "") for t in tree.xpath(".//time[@datetime]")[:1]]
    for value in structured:
        match = ISO_DATE.match(value.strip())
        if match and _valid(match.group(0)):
            return match.group(0)
    try:
        found = find_date(tree, original_date=True, extensive_search=_small(tree), outputformat="%Y-%m-%d")
    except (ValueError, TypeError) as error:  # htmldate rejects odd trees instead of returning None
        logger.debug("htmldate failed: %s", error)
        return None
    return found or None


def _valid(iso: str) -> bool:
    """False for impossible dates such as 2024-02-30 or 2024-13."""
    return document_date_start(iso) is not None


def _small(tree: HtmlElement) -> bool:
    """True for ordinary pages; htmldate's full-text search is skipped on huge ones."""
    return sum(1 for _ in tree.iter()) < EXTENSIVE_DATE_SEARCH_MAX_NODES


def _authors(tree: HtmlElement, tags: dict[str, str], ld: dict[str, Any]) -> str | None:
    """Author names joined by ', ' (JSON-LD persons, meta author, then a visible byline)."""
    names: list[str] = []
    ld_author = ld.get("author")
    for item in ld_author if isinstance(ld_author, list) else [ld_author]:
        if isinstance(item, dict) and str(item.get("@type", "Person")).lower() == "person":
            names.append(_text(str(item.get("name", ""))))
        elif isinstance(item, str):
            names.append(item)
    if not names and tags.get("author") and not tags["author"].startswith("http"):
        names = [tags["author"]]
    if not names:
        names = _byline(tree)
    return _join_names(names)


def _byline(tree: HtmlElement) -> list[str]:
    """Names from rel=author links or a byline/author element's text."""
    linked = [_text(a.text_content()) for a in tree.xpath('.//a[@rel="author"]')]
    if linked:
        return linked
    for node in tree.xpath(BYLINE_XPATH):
        text = _text(node.text_content())
        if 3 <= len(text) <= 80 and not any(ch.isdigit() for ch in text):
            return [text]
    return []


def _join_names(names: list[str]) -> str | None:
    """Split multi-author strings, strip 'By'/'Von'/'Door', dedupe, join with ', '."""
    out: list[str] = []
    for raw in names:
        for name in AUTHOR_SPLIT.split(BYLINE_WORDS.sub("", raw or "")):
            name = BYLINE_WORDS.sub("", name).strip(" .:")
            if name and len(name) <= 60 and name not in out:
                out.append(name)
    return ", ".join(out) or None


def _canonical(tree: HtmlElement) -> str | None:
    links = tree.xpath('.//link[@rel="canonical"]/@href')
    return links[0].strip() if links else None


def _language(tree: HtmlElement, tags: dict[str, str]) -> str | None:
    """Primary subtag of <html lang>, og:locale or Content-Language, lower-cased."""
    value = tree.get("lang") or tree.get("xml:lang") or tags.get("og:locale") or tags.get("content-language")
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None



def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(str(value.get("name", ""))) or None
    return _text(value) or None if isinstance(value, str) else None


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value.strip() if isinstance(value, str) and value.startswith("http") else None


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _text(value: str) -> str:
    return SPACES.sub(" ", value).strip()
