"""Turn trafilatura's body tree into paragraphs.

trafilatura hands back a small XML tree (``p``, ``head``, ``list/item``,
``table/row/cell``, ``quote``, ``lb``, ``ref``…). The later stages work per
paragraph, so every block becomes one paragraph: headings and list items on
their own, a table row as its cells joined with `` | ``, and a double line
break (``<br><br>`` pages) as a paragraph boundary.
"""
from __future__ import annotations

import re

from lxml.etree import _Element

BLOCKS = {"p", "head", "item", "quote", "code", "div", "list", "table", "row", "cell", "body", "doc"}
ROW_SEPARATOR = " | "
SPACES = re.compile(r"\s+")
PARAGRAPH_BREAK = "\x00"


def body_paragraphs(body: _Element) -> list[str]:
    """Paragraph texts of a trafilatura body tree, in document order."""
    out: list[str] = []
    _walk(body, out)
    return [text for text in (_clean(t) for t in out) if text]


def _walk(element: _Element, out: list[str]) -> None:
    """Append one string per block; inline text is gathered into its block."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "row" and not any(_has_blocks(cell) for cell in element):
        cells = [_inline_text(cell) for cell in element.iter("cell")]
        out.append(ROW_SEPARATOR.join(c for c in (_clean(x) for x in cells) if c))
        return
    if tag == "cell" and not _has_blocks(element):  # a layout table cell holding plain text
        out.append(_inline_text(element))
        return
    if tag in ("p", "head", "item", "quote", "code") and not _has_blocks(element):
        out.extend(_inline_text(element).split(PARAGRAPH_BREAK))
        return
    if element.text and element.text.strip():
        out.append(element.text)
    for child in element:
        child_tag = child.tag if isinstance(child.tag, str) else ""
        if child_tag in BLOCKS:
            _walk(child, out)
        else:
            out.extend(_inline_text(child, with_tail=False).split(PARAGRAPH_BREAK))
        if child.tail and child.tail.strip():
            out.append(child.tail)


def _has_blocks(element: _Element) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCKS for c in element)


def _inline_text(element: _Element, with_tail: bool = False) -> str:
    """Text of an element; two line breaks in a row mark a paragraph break."""
    parts: list[str] = [element.text or ""]
    previous_lb = False
    for child in element:
        is_lb = child.tag == "lb"
        if is_lb:
            parts.append(PARAGRAPH_BREAK if previous_lb else "\n")
        else:
            parts.append(_inline_text(child, with_tail=False))
        previous_lb = is_lb and not (child.tail and child.tail.strip())
        parts.append(child.tail or "")
    if with_tail:
        parts.append(element.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    return SPACES.sub(" ", text.replace("\u00ad", "")).strip()
