"""Pages without an article: a home page, a section index, an error page, a script app."""
from __future__ import annotations

import json

from boiler import COOKIE, FOOTER
from model import Article, e


def homepage(articles: list[Article]) -> str:
    cards = "\n".join(
        f'<div class="card"><a href="/{a.slug}"><img src="/img/{a.slug}.jpg" alt=""><span class="kicker">{e(a.section)}</span>'
        f'<h2>{e(a.title)}</h2></a><p>{e(a.lead)}</p><span class="meta">{a.date:%d.%m.%Y}</span></div>'
        for a in articles)
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Nachrichten aktuell - Morgenpost Online</title>
<meta property="og:type" content="website"><meta property="og:site_name" content="Morgenpost Online"></head><body>
<div class="cookie"><p>{COOKIE['de']}</p></div>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav>
<main><h1>Die wichtigsten Nachrichten des Tages</h1><section class="grid">{cards}</section></main>
<footer>{FOOTER['de']}</footer></body></html>"""


def section_index(articles: list[Article]) -> str:
    items = "\n".join(
        f'<li class="list-item"><a href="/{a.slug}"><h3>{e(a.title)}</h3><p>{e(a.lead)}</p></a><time>{a.date:%d-%m-%Y}</time></li>'
        for a in articles)
    return f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Binnenland | Nieuwsblad</title>
<meta property="og:type" content="website"></head><body>
<header><nav><a href="/">Home</a> <a href="/binnenland">Binnenland</a> <a href="/buitenland">Buitenland</a></nav></header>
<main><h1>Binnenland</h1><p>Het laatste nieuws uit binnenland.</p><ul class="list">{items}</ul>
<div class="pagination"><a href="?page=2">Volgende pagina</a></div></main>
<footer>{FOOTER['nl']}</footer></body></html>"""


def error_page() -> str:
    return """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page not found | The Daily Courier</title></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/business">Business</a></nav></header>
<main><h1>Sorry, we couldn't find that page</h1><p>The page you were looking for may have been moved or deleted.</p>
<p><a href="/">Go to the homepage</a> or try searching below.</p><form><input name="q"><button>Search</button></form></main>
<footer><p>All rights reserved. Terms of use · Privacy policy · Cookie settings</p></footer></body></html>"""


def script_app() -> str:
    state = {"route": "/artikel/123", "user": None, "flags": {"paywall": True}}
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Tagesanzeiger App</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="manifest" href="/manifest.json">
<script>window.__INITIAL_STATE__={json.dumps(state)};</script>
<script src="/static/js/vendor.4f2a.js" defer></script><script src="/static/js/main.9c1d.js" defer></script>
</head><body><noscript>Sie müssen JavaScript aktivieren, um diese App zu verwenden.</noscript><div id="root"></div>
<script>!function(e){{var t={{}};function n(r){{if(t[r])return t[r].exports;var o=t[r]={{i:r,l:!1,exports:{{}}}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}}n.m=e,n.c=t}}([]);</script>
</body></html>"""
