"""Article records parsed from the articles_*.txt mini-markup, and body renderers."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent


@dataclass
class Article:
    key: str
    lang: str
    title: str = ""
    date: datetime | None = None
    authors: list[str] = field(default_factory=list)
    section: str = ""
    lead: str = ""
    blocks: list[tuple[str, object]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.key.split("-", 1)[1]


def load_articles(lang: str) -> list[Article]:
    articles: list[Article] = []
    for line in (HERE / f"articles_{lang}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        tag, _, value = line.partition(": ")
        if tag == "key":
            articles.append(Article(key=value, lang=lang))
            continue
        a = articles[-1]
        if tag == "date":
            a.date = datetime.fromisoformat(value)
        elif tag == "authors":
            a.authors = [v.strip() for v in value.split(";")]
        elif tag in ("title", "section", "lead"):
            setattr(a, tag, value)
        elif tag == "li":
            if a.blocks and a.blocks[-1][0] == "ul":
                a.blocks[-1][1].append(value)
            else:
                a.blocks.append(("ul", [value]))
        elif tag == "tr":
            cells = [c.strip() for c in value.split("|")]
            if a.blocks and a.blocks[-1][0] == "table":
                a.blocks[-1][1].append(cells)
            else:
                a.blocks.append(("table", [cells]))
        else:
            a.blocks.append((tag, value))
    return articles


def e(text: str) -> str:
    return html.escape(text, quote=False)


def window(text: str, size: int = 7) -> str:
    words = text.split()
    start = max(0, len(words) // 3)
    return " ".join(words[start:start + size])


def must_snippets(a: Article) -> list[str]:
    out = [window(a.lead)]
    for kind, value in a.blocks:
        if kind in ("p", "q"):
            out.append(window(value))
        elif kind == "h":
            out.append(value)
        elif kind == "ul":
            out.extend(value)
        elif kind == "table":
            out.extend(" ".join(row) for row in value)
    return out


def body_html(a: Article, *, h="h2", p_open="<p>", p_close="</p>", quote="blockquote",
              wrap=None) -> str:
    """The article body in ordinary HTML; ``wrap`` wraps each block (e.g. a div)."""
    parts = []
    for kind, value in a.blocks:
        if kind == "p":
            chunk = f"{p_open}{e(value)}{p_close}"
        elif kind == "h":
            chunk = f"<{h}>{e(value)}</{h}>"
        elif kind == "q":
            chunk = f"<{quote}><p>{e(value)}</p></{quote}>"
        elif kind == "ul":
            chunk = "<ul>" + "".join(f"<li>{e(i)}</li>" for i in value) + "</ul>"
        else:
            head, *rows = value
            chunk = ("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in head)
                     + "</tr></thead><tbody>"
                     + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
                     + "</tbody></table>")
        parts.append(wrap(kind, chunk) if wrap else chunk)
    return "\n".join(parts)
