"""Eleven news-site shapes. Each renders one Article into a full page.

A renderer returns (html, must_not, meta) where must_not lists boilerplate
snippets that must not be extracted and meta holds the expected metadata.
"""
from __future__ import annotations

import json
import zlib
from datetime import timezone

from boiler import (
    AD_LABEL,
    AUTHOR_BIO,
    COMMENTS,
    COOKIE,
    FOOTER,
    MONTHS,
    NEWSLETTER,
    PAYWALL,
    READ_MORE,
    SHARE,
    WEEKDAYS,
)
from model import Article, body_html, e, window


def crc(text: str) -> int:
    return zlib.crc32(text.encode())


def iso(a: Article) -> str:
    return a.date.isoformat()


def meta(a: Article, source: str, url: str | None, **extra) -> dict:
    out = {"title": a.title, "date": a.date.date().isoformat(), "author": ", ".join(a.authors),
           "source": source, "url": url, "language_hint": a.lang}
    out.update(extra)
    return out


def long_date(a: Article, weekday: bool = False) -> str:
    d = a.date
    if a.lang == "en":
        text = f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"
    elif a.lang == "de":
        text = f"{d.day}. {MONTHS['de'][d.month - 1]} {d.year}"
    else:
        text = f"{d.day} {MONTHS['nl'][d.month - 1]} {d.year}"
    return f"{WEEKDAYS[a.lang][d.weekday()]}, {text}" if weekday else text


def by(a: Article) -> str:
    word = {"de": "Von", "nl": "Door", "en": "By"}[a.lang]
    glue = {"de": " und ", "nl": " en ", "en": " and "}[a.lang]
    return f"{word} {glue.join(a.authors)}"


def teasers(others: list[Article], n: int, cls: str = "teaser") -> str:
    return "\n".join(
        f'<div class="{cls}"><a href="/{o.slug}.html"><h3>{e(o.title)}</h3></a><p>{e(o.lead)}</p></div>'
        for o in others[:n])


def comments_html(lang: str, n: int = 3, li: bool = False) -> str:
    rows = []
    for name, text in COMMENTS[lang][:n]:
        if li:
            rows.append(f'<li class="comment"><div class="comment-author vcard"><b class="fn">{e(name)}</b></div>'
                        f'<div class="comment-content"><p>{e(text)}</p></div><a class="reply">Reply</a></li>')
        else:
            rows.append(f'<div class="comment"><span class="user">{e(name)}</span><p>{e(text)}</p></div>')
    return "\n".join(rows)


def comment_snips(lang: str, n: int = 3) -> list[str]:
    return [window(t) for _, t in COMMENTS[lang][:n]]


def jsonld(a: Article, publisher: str, url: str, typ: str = "NewsArticle", person: bool = True) -> str:
    data = {"@context": "https://schema.org", "@type": typ, "headline": a.title,
            "datePublished": iso(a), "dateModified": a.date.replace(hour=23, minute=59).isoformat(),
            "mainEntityOfPage": url, "publisher": {"@type": "Organization", "name": publisher}}
    if person:
        data["author"] = [{"@type": "Person", "name": n} for n in a.authors]
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def share_bar(lang: str) -> str:
    return '<div class="share">' + "".join(f'<a href="#" class="share-btn">{s}</a>' for s in SHARE[lang]) + "</div>"


# --------------------------------------------------------------------- sites

def spiegel(a: Article, others: list[Article]) -> tuple[str, list[str], dict]:
    url = f"https://www.spiegel.example/{a.section.lower()}/{a.slug}-a-{crc(a.key) % 10**6}"
    page = f"""<!DOCTYPE html>
<html lang="de" class="no-js"><head><meta charset="utf-8">
<title>{e(a.title)} - DER SPIEGEL</title>
<meta name="description" content="{e(a.lead)}">
<meta property="og:title" content="{e(a.title)}"><meta property="og:site_name" content="DER SPIEGEL">
<meta property="og:type" content="article"><meta property="og:locale" content="de_DE">
<meta name="date" content="{iso(a)}"><meta name="author" content="{e(', '.join(a.authors))}">
<link rel="canonical" href="{url}">
{jsonld(a, "DER SPIEGEL", url)}
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script>
</head><body>
<div id="consent-banner" class="cmp"><p>{COOKIE['de']}</p><button>Zustimmen</button><button>Einstellungen</button></div>
<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li><li><a href="/ausland">Ausland</a></li>
<li><a href="/panorama">Panorama</a></li><li><a href="/wirtschaft">Wirtschaft</a></li><li><a href="/plus">SPIEGEL+ Abo-Angebote entdecken</a></li></ul></nav></header>
<main><article>
<header><span class="kicker">{e(a.section)}</span><h1>{e(a.title)}</h1>
<div class="leadtext"><p>{e(a.lead)}</p></div>
<div class="byline">{by(a)}</div><time datetime="{iso(a)}">{a.date:%d.%m.%Y, %H.%M} Uhr</time></header>
{share_bar('de')}
<section class="article-body">
{body_html(a)}
<div class="ad"><span>{AD_LABEL['de']}</span></div>
</section>
<div class="related"><h2>{READ_MORE['de']}</h2><ul>{''.join(f'<li><a href="/{o.slug}">{e(o.title)}</a></li>' for o in others[:3])}</ul></div>
</article>
<section class="comments"><h2>Diskussion</h2>{comments_html('de')}</section>
<aside class="teasers"><h2>Top-Themen</h2>{teasers(others[3:], 3)}</aside>
</main>
<footer><p>© 2025 DER SPIEGEL GmbH &amp; Co. KG</p><p>{FOOTER['de']}</p></footer>
</body></html>"""
    must_not = [COOKIE["de"][:60], "SPIEGEL+ Abo-Angebote entdecken", "Auf Facebook teilen",
                others[0].title, window(others[3].lead), *comment_snips("de"), "© 2025 DER SPIEGEL GmbH"]
    return page, must_not, meta(a, "DER SPIEGEL", url)


def zeit(a: Article, others: list[Article]) -> tuple[str, list[str], dict]:
    url = f"https://www.zeit.example/{a.section.lower()}/2025/{a.slug}"
    paragraphs = body_html(a, p_open='<p class="paragraph article__item">')
    page = f"""<!doctype html>
<html lang="de-DE"><head>
<meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(a.section)}: {e(a.title)} | ZEIT ONLINE</title>
<meta name="description" content="{e(a.lead)}">
<meta property="og:site_name" content="ZEIT ONLINE"><meta property="og:type" content="article">
<meta property="article:published_time" content="{iso(a)}">
<meta property="article:modified_time" content="{a.date.replace(hour=23, minute=55).isoformat()}">
<meta name="author" content="{e(', '.join(a.authors))}">
<meta property="og:url" content="{url}">
<link rel="stylesheet" href="/css/web.css"><script src="/js/bundle.js" defer></script>
</head><body>
<div class="paywall-wrapper"><div class="cookie-layer" role="dialog"><p>{COOKIE['de']}</p></div></div>
<nav class="nav"><a href="/">ZEIT ONLINE</a><a href="/politik">Politik</a><a href="/gesellschaft">Gesellschaft</a><a href="/wirtschaft">Wirtschaft</a><a href="/kultur">Kultur</a><a href="/zeit-magazin">ZEITmagazin</a><a href="/abo">Jetzt ZEIT ONLINE abonnieren</a></nav>
<main id="main"><article class="article">
<h1 class="article-heading"><span class="article-heading__kicker">{e(a.section)}</span><span class="article-heading__title">{e(a.title)}</span></h1>
<div class="summary">{e(a.lead)}</div>
<div class="metadata"><span class="metadata__source">{by(a)}</span>
<time class="metadata__date" datetime="{iso(a)}">{a.date:%d. %B %Y, %H:%M} Uhr</time>
<a href="#comments" class="metadata__commentcount">214 Kommentare</a></div>
<div class="article-body">
{paragraphs}
<aside class="newsletter-signup"><h3>Newsletter</h3><p>{NEWSLETTER['de']}</p><input type="email"><button>Anmelden</button></aside>
</div>
<div class="article-pagination"><a href="?page=2">Seite 2</a></div>
<div class="article-footer"><p class="article-footer__tags">Schlagworte: {e(a.section)}, Deutschland</p>
{share_bar('de')}</div>
</article>
<section id="comments" class="comment-section"><h2>214 Kommentare</h2>{comments_html('de', 4)}</section>
<section class="teaser-grid"><h2>Das könnte Sie auch interessieren</h2>{teasers(others, 4, 'zon-teaser')}</section>
</main>
<footer class="footer"><p>{FOOTER['de']}</p></footer>
</body></html>"""
    must_not = [window(NEWSLETTER["de"]), "Jetzt ZEIT ONLINE abonnieren", "Per WhatsApp versenden",
                window(others[0].lead), others[1].title, *comment_snips("de", 4), window(FOOTER["de"]),
                window(COOKIE["de"])]
    return page, must_not, meta(a, "ZEIT ONLINE", url)


def faz(a: Article, others: list[Article]) -> tuple[str, list[str], dict]:
    """Div soup: no <article>, no <main>, date and author only as visible text."""
    url = f"https://www.faz.example/aktuell/{a.section.lower()}/{a.slug}-{a.date:%Y%m%d}.html"
    blocks = body_html(a, p_open='<div class="atc-TextParagraph"><p class="atc-Text">', p_close="</p></div>",
                       h="h3")
    page = f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>{e(a.title)}</title>
<meta property="og:title" content="{e(a.title)}"><meta property="og:site_name" content="FAZ.NET">
<link rel="canonical" href="{url}">
</head><body><div id="wrapper">
<div class="gdpr-overlay"><div class="gdpr-text">{COOKIE['de']}</div></div>
<div class="hdr"><div class="hdr-nav"><a href="/">FAZ.NET</a> <a href="/politik">Politik</a> <a href="/wirtschaft">Wirtschaft</a> <a href="/finanzen">Finanzen</a> <a href="/feuilleton">Feuilleton</a> <a href="/sport">Sport</a> <a href="/gesellschaft">Gesellschaft</a> <a href="/stil">Stil</a> <a href="/rhein-main">Rhein-Main</a></div>
<div class="brd">Aktuell › {e(a.section)} › {e(a.title)}</div></div>
<div class="lay-main"><div class="lay-col-left">
<div class="atc-Intro"><span class="atc-HeadlineEmphasis">{e(a.section)}</span><h2 class="atc-Headline">{e(a.title)}</h2>
<div class="atc-Meta"><span class="atc-MetaAuthor">{by(a)}</span> - <span class="atc-MetaTime" title="{a.date:%d.%m.%Y %H:%M}">Aktualisiert am {a.date:%d.%m.%Y}-{a.date:%H:%M}</span></div>
<p class="atc-IntroText">{e(a.lead)}</p></div>
<div class="atc-Text">
{blocks}
<div class="js-ctn-PaywallInfo"><p>{PAYWALL['de']}</p></div>
</div>
<div class="atc-Footer"><div class="sharing">{''.join(f'<span>{s}</span>' for s in SHARE['de'])}</div>
<div class="atc-Authors"><b>{e(a.authors[0])}</b> {AUTHOR_BIO['de']}</div></div>
<div class="related-articles"><h4>Auch interessant</h4>{teasers(others, 3, 'tsr-Base')}</div>
</div><div class="lay-col-right"><div class="ad">{AD_LABEL['de']}</div><div class="mostread"><h4>Meistgelesen</h4><ol>{''.join(f'<li><a href="#">{e(o.title)}</a></li>' for o in others[3:7])}</ol></div></div></div>
<div class="ftr"><p>{FOOTER['de']}</p><p>© Frankfurter Allgemeine Zeitung GmbH 2025</p></div>
</div></body></html>"""
    must_not = [window(PAYWALL["de"]), window(AUTHOR_BIO["de"]), window(others[0].lead), others[4].title,
                "Rhein-Main", window(COOKIE["de"]), "© Frankfurter Allgemeine Zeitung GmbH"]
    return page, must_not, meta(a, "FAZ.NET", url)


def heimatbote(a: Article, others: list[Article]) -> tuple[str, list[str], dict]:
    """Old regional site: table layout, ISO-8859-1 declared only in <meta>, no metadata tags."""
    rows = []
    for kind, value in a.blocks:
        if kind == "p":
            rows.append(f'<p class="text">{e(value)}')  # unclosed <p>, as such sites did
        elif kind == "h":
            rows.append(f"<p><b>{e(value)}</b></p>")
        elif kind == "q":
            rows.append(f"<p><i>&bdquo;{e(value)}&ldquo;</i></p>")
        elif kind == "ul":
            rows.append("<ul>" + "".join(f"<li>{e(i)}" for i in value) + "</ul>")
        else:
            rows.append('<table border="1">' + "".join(
                "<tr>" + "".join(f"<td>{e(c)}" for c in r) for r in value) + "</table>")
    body = "\n".join(rows)
    page = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML><HEAD>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">
<TITLE>Heimatbote Online - {e(a.section)} - {e(a.title)}</TITLE>
<META NAME="keywords" CONTENT="Heimatbote, Nachrichten, Region, {e(a.section)}">
</HEAD>
<BODY BGCOLOR="#FFFFFF">
<TABLE WIDTH="100%" BORDER="0"><TR><TD COLSPAN="2"><IMG SRC="/img/logo.gif" ALT="Heimatbote Online"></TD></TR>
<TR><TD WIDTH="160" VALIGN="top" CLASS="menu">
<A HREF="/">Startseite</A><BR><A HREF="/lokales">Lokales</A><BR><A HREF="/sport">Sport aus der Region</A><BR><A HREF="/anzeigen">Kleinanzeigen aufgeben</A><BR><A HREF="/traueranzeigen">Traueranzeigen</A><BR><A HREF="/wetter">Wetter</A>
</TD><TD VALIGN="top">
<FONT SIZE="-1">{e(a.section)}</FONT>
<H1>{e(a.title)}</H1>
<FONT SIZE="-1" CLASS="autor">{by(a)}</FONT> &middot; <FONT SIZE="-1">Veröffentlicht am {a.date:%d.%m.%Y}, {a.date:%H:%M} Uhr</FONT>
<P><B>{e(a.lead)}</B></P>
{body}
<P><FONT SIZE="-1">Artikel drucken | Artikel versenden | Leserbrief schreiben</FONT></P>
<HR><B>Weitere Meldungen aus der Region:</B><BR>
{''.join(f'<A HREF="/{o.slug}.html">{e(o.title)}</A><BR>' for o in others[:4])}
</TD></TR>
<TR><TD COLSPAN="2" ALIGN="center"><FONT SIZE="-2">© 2025 Heimatbote Verlagsgesellschaft mbH &middot; Impressum &middot; AGB &middot; Mediadaten</FONT></TD></TR>
</TABLE></BODY></HTML>"""
    must_not = ["Kleinanzeigen aufgeben", "Traueranzeigen", "Leserbrief schreiben", others[0].title,
                others[2].title, "Heimatbote Verlagsgesellschaft mbH"]
    return page, must_not, meta(a, "Heimatbote Online", None, encoding="iso-8859-1")


def nos(a: Article, others: list[Article]) -> tuple[str, list[str], dict]:
    url = f"https://nos.example/artikel/{crc(a.key) % 10**7}-{a.slug}"
    page = f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>{e(a.title)} | NOS</title>
<meta name="description" content="{e(a.lead)}">
<meta property="og:title" content="{e(a.title)}"><meta property="og:site_name" content="NOS"><meta property="og:locale" content="nl_NL">
<meta property="og:type" content="article"><link rel="canonical" href="{url}">
{jsonld(a, "NOS", url)}
</head><body>
<div class="cookie-notice" id="ccm"><h2>NOS gebruikt cookies</h2><p>{COOKIE['nl']}</p><button>Akkoord</button></div>
<header class="header"><nav aria-label="Hoofdmenu"><a href="/">Nieuws</a><a href="/sport">Sport</a><a href="/uitzendingen">Uitzendingen</a><a href="/live">Liveblogs en livestreams</a><a href="/nieuwsuur">Nieuwsuur</a><a href="/jeugdjournaal">Jeugdjournaal</a></nav></header>
<main><article class="article">
<div class="sc-header"><p class="category">{e(a.section)}</p><h1>{e(a.title)}</h1>
<div class="byline">{by(a)}</div>
<p class="published">vandaag, {a.date:%H:%M} &middot; <time datetime="{iso(a)}">{long_date(a)}</time></p></div>
<figure><img src="/img/{a.slug}.jpg" alt=""><figcaption>Foto: ANP</figcaption></figure>
<p class="intro"><strong>{e(a.lead)}</strong></p>
{body_html(a, h="h2")}
<div class="read-also"><h3>{READ_MORE['nl']}</h3><a href="/{others[0].slug}">{e(others[0].title)}</a></div>
<div class="share">{''.join(f'<button>{s}</button>' for s in SHARE['nl'])}</div>
</article>
<section class="latest"><h2>Meer nieuws</h2>{teasers(others[1:], 4, 'list-item')}</section>
</main>
<footer><p>{FOOTER['nl']}</p><p>NOS Nieuws - Postbus 26600 - 1202 JT Hilversum</p></footer>
</body></html>"""
    must_not = [window(COOKIE["nl"]), "Liveblogs en livestreams", others[0].title, window(others[1].lead),
                others[2].title, "Deel via WhatsApp", "Postbus 26600"]
    return page, must_not, meta(a, "NOS", url)


def nrc(a: Article, others: list[Article], malformed: bool = False) -> tuple[str, list[str], dict]:
    url = f"https://www.nrc.example/nieuws/{a.date:%Y/%m/%d}/{a.slug}-a{crc(a.key) % 10**7}"
    body = body_html(a)
    if malformed:  # unclosed and mis-nested tags, a stray closing tag, no </body></html>
        body = (body.replace("</p>", "", 3).replace("<h2>", "<h2><b><i>").replace("</h2>", "</b></h2>")
                .replace("<ul>", "</td><ul>"))
    page = f"""<!DOCTYPE html><html lang="nl-NL"><head><meta charset="utf-8">
<title>{e(a.title)} - NRC</title>
<meta property="og:title" content="{e(a.title)} - NRC"><meta property="og:site_name" content="NRC">
<meta property="og:description" content="{e(a.lead)}">
<meta property="article:published_time" content="{iso(a)}">
<meta name="author" content="{e(', '.join(a.authors))}">
<link rel="canonical" href="{url}">
</head><body class=article-page>
<div class=topbar><a href="/">NRC</a><nav><a href="/rubriek/binnenland">Binnenland</a> <a href="/rubriek/buitenland">Buitenland</a> <a href="/rubriek/economie">Economie</a> <a href="/rubriek/cultuur">Cultuur</a> <a href="/puzzels">Puzzels en spellen</a> <a href="/abonnement">Word abonnee van NRC</a></nav></div>
<div class="article">
<header class="article__header"><div class="article__section">{e(a.section)}</div><h1 class="article__title">{e(a.title)}</h1>
<p class="intro">{e(a.lead)}</p>
<div class="article__byline"><a href="/auteur/{a.authors[0].lower().replace(' ', '-')}" rel="author">{e(a.authors[0])}</a>{''.join(f' en <a rel="author">{e(x)}</a>' for x in a.authors[1:])}</div>
<time datetime="{iso(a)}">{long_date(a)}</time></header>
<div class="content article__content">
{body}
<div class="paywall"><p>{PAYWALL['nl']}</p><a href="/abonnement" class="btn">Bekijk abonnementen</a></div>
</div>
<div class="article__author-bio"><p><b>{e(a.authors[0])}</b> {AUTHOR_BIO['nl']}</p></div>
<section class="reacties"><h2>Reacties (3)</h2>{comments_html('nl')}</section>
</div>
<aside class="related"><h2>Meer over dit onderwerp</h2>{teasers(others, 3)}</aside>
<footer>{FOOTER['nl']}</footer>
""" + ("" if malformed else "</body></html>")
    must_not = ["Puzzels en spellen", "Word abonnee van NRC", window(PAYWALL["nl"]), window(AUTHOR_BIO["nl"]),
                *comment_snips("nl"), others[0].title, window(others[1].lead), window(FOOTER["nl"])]
    return page, must_not, meta(a, "NRC", url)


def volkskrant(a: Article, others: list[Article]) -> tuple[str, list[str], dict]:
    """Next.js shape: server-rendered article plus a large __NEXT_DATA__ blob and CSS-in-JS classes."""
    url = f"https://www.volkskrant.example/nieuws-achtergrond/{a.slug}~b{crc(a.key) % 10**8:08x}/"
    blocks, inserted = [], False
    for kind, value in a.blocks:
        chunk = body_html(Article(key=a.key, lang=a.lang, blocks=[(kind, value)]),
                          p_open='<p class="artstyle__paragraph css-1xk2s9r">')
        blocks.append(chunk)
        if kind == "p" and not inserted:
            blocks.append(f'<p class="artstyle__paragraph css-1xk2s9r"><strong>{READ_MORE["nl"]}:</strong> '
                          f'<a href="/{others[0].slug}">{e(others[0].title)}</a></p>')
            inserted = True
    state = {"props": {"pageProps": {"article": {"id": a.key, "title": a.title, "teaser": a.lead,
             "related": [o.title for o in others[3:6]], "ads": {"slots": list(range(40))}}}},
             "page": "/artikel/[slug]", "buildId": "x8f2k"}
    page = f"""<!DOCTYPE html><html lang="nl"><head><meta charSet="utf-8"/>
<title>{e(a.title)} | de Volkskrant</title>
<meta name="description" content="{e(a.lead)}"/><meta property="og:site_name" content="de Volkskrant"/>
<meta property="og:type" content="article"/><meta property="og:locale" content="nl_NL"/>
<meta property="og:url" content="{url}"/>
{jsonld(a, "de Volkskrant", url)}
<style>.css-1xk2s9r{{font-family:Georgia;line-height:1.6}}.css-0{{display:none}}</style>
</head><body><div id="__next">
<div class="css-0 privacy-gate"><p>{COOKIE['nl']}</p></div>
<header class="css-9y8a1"><nav><a href="/">Voorpagina</a><a href="/nieuws-achtergrond">Nieuws &amp; achtergrond</a><a href="/columns-opinie">Columns &amp; opinie</a><a href="/cultuur-media">Cultuur &amp; media</a><a href="/puzzels">Puzzels en spelletjes</a></nav></header>
<main><article class="artstyle">
<header class="artstyle__header"><span class="artstyle__section">{e(a.section)}</span><h1 class="artstyle__header-title">{e(a.title)}</h1>
<p class="artstyle__intro">{e(a.lead)}</p>
<div class="artstyle__byline"><span class="artstyle__byline__author">{e(' en '.join(a.authors))}</span> <time class="artstyle__production__date" datetime="{iso(a)}">{a.date:%d-%m-%Y}, {a.date:%H:%M}</time></div></header>
<section class="artstyle__main">{''.join(blocks)}</section>
<div class="artstyle__share">{''.join(f'<button aria-label="{s}">{s}</button>' for s in SHARE['nl'])}</div>
</article>
<section class="css-teasers"><h2>Meest gelezen</h2>{teasers(others[1:], 3, 'teaser css-77ah2')}</section>
</main><footer><p>{FOOTER['nl']}</p></footer></div>
<script id="__NEXT_DATA__" type="application/json">{json.dumps(state, ensure_ascii=False)}</script>
<script src="/_next/static/chunks/main.js" async></script>
</body></html>"""
    must_not = [others[0].title, window(others[1].lead), others[3].title, "Puzzels en spelletjes",
                "Deel via e-mail", window(COOKIE["nl"])]
    return page, must_not, meta(a, "de Volkskrant", url)


def gazet(a: Article, others: list[Article]) -> tuple[str, list[str], dict]:
    """Old Flemish-style site: windows-1252 in <meta>, paragraphs separated by <br><br>."""
    parts = [f"<b>{e(a.lead)}</b>"]
    for kind, value in a.blocks:
        if kind == "p":
            parts.append(e(value))
        elif kind == "h":
            parts.append(f"<b>{e(value)}</b>")
        elif kind == "q":
            parts.append(f"<i>'{e(value)}'</i>")
        elif kind == "ul":
            parts.append("<br>".join(f"- {e(i)}" for i in value))
        else:
            parts.append("<table>" + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>"
                                             for r in value) + "</table>")
    text = "<br><br>\n".join(parts)
    day = long_date(a, weekday=True)
    page = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>De Gazet van het Zuiden :: {e(a.title)}</title>
<meta name="description" content="Nieuws uit de regio, elke dag vers.">
</head>
<body>
<div id="kop"><a href="/"><img src="/logo.gif" alt="De Gazet"></a> | <a href="/regio">Regio</a> | <a href="/sport">Sport</a> | <a href="/zoekertjes">Zoekertjes plaatsen</a> | <a href="/overlijdens">Overlijdensberichten</a></div>
<div id="midden">
<h2>{e(a.title)}</h2>
<span class="datum">{day}</span> - <span class="auteur">{by(a)}</span><br><br>
<div class="tekst">
{text}
</div>
<br><font size="1">Dit artikel afdrukken | Stuur door naar een vriend</font>
<div id="ook">Ook in het nieuws:<br>{''.join(f'<a href="/{o.slug}">{e(o.title)}</a><br>' for o in others[:3])}</div>
</div>
<div id="voet">Copyright De Gazet van het Zuiden nv - Alle rechten voorbehouden - webmaster@gazet.example</div>
</body></html>"""
    must_not = ["Zoekertjes plaatsen", "Overlijdensberichten", "Stuur door naar een vriend", others[0].title,
                others[1].title, "Copyright De Gazet van het Zuiden nv"]
    return page, must_not, meta(a, "De Gazet van het Zuiden", None, encoding="windows-1252")


def guardian(a: Article, others: list[Article]) -> tuple[str, list[str], dict]:
    url = f"https://www.guardian.example/{a.section.lower().replace(' ', '-')}/{a.date:%Y/%b/%d}/{a.slug}".lower()
    page = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{e(a.title)} | {e(a.section)} | The Guardian</title>
<meta name="description" content="{e(a.lead)}">
<meta property="og:title" content="{e(a.title)}"><meta property="og:site_name" content="the Guardian">
<meta property="og:type" content="article"><meta property="og:url" content="{url}">
<meta property="article:published_time" content="{iso(a)}">
<meta property="article:author" content="https://www.guardian.example/profile/{a.authors[0].lower().replace(' ', '')}">
<meta name="author" content="{e(', '.join(a.authors))}">
<link rel="canonical" href="{url}">
</head><body>
<div id="sp_message_container"><div class="message"><p>{COOKIE['en']}</p><button>Yes, I'm happy</button><button>Manage or reject cookies</button></div></div>
<header><a class="skip" href="#maincontent">Skip to main content</a>
<nav><ul><li><a href="/">News</a></li><li><a href="/commentisfree">Opinion</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li><li><a href="/lifeandstyle">Lifestyle</a></li><li><a href="/support">Support the Guardian</a></li></ul></nav></header>
<main id="maincontent"><article>
<div data-gu-name="headline"><h1>{e(a.title)}</h1></div>
<div data-gu-name="standfirst"><p>{e(a.lead)}</p></div>
<div data-gu-name="meta"><address>{by(a)}</address><details><summary>{a.date:%a %d %b %Y %H.%M} GMT</summary></details></div>
<div class="article-body-commercial-selector">
{body_html(a)}
<aside class="rich-link"><a href="/{others[0].slug}">{e(others[0].title)}</a></aside>
</div>
<div class="submeta">{share_bar('en')}</div>
<div class="contributions-epic"><h2>Before you go</h2><p>{PAYWALL['en']}</p></div>
</article>
<section id="comments"><h2>Comments (312)</h2><ol>{comments_html('en', 3, li=True)}</ol></section>
<section class="onwards"><h2>Most viewed</h2>{teasers(others[1:], 4, 'fc-item')}</section>
</main>
<footer><p>{FOOTER['en']}</p><p>© 2025 Guardian News &amp; Media Limited or its affiliated companies.</p></footer>
</body></html>"""
    must_not = [window(COOKIE["en"]), "Support the Guardian", others[0].title, window(PAYWALL["en"]),
                *comment_snips("en"), window(others[1].lead), "Guardian News & Media Limited"]
    return page, must_not, meta(a, "the Guardian", url)


def bbc(a: Article, others: list[Article]) -> tuple[str, list[str], dict]:
    """Blocks wrapped in data-component divs; author in a contributor block; no meta author."""
    url = f"https://www.bbc.example/news/articles/c{crc(a.key) % 10**9}"
    wrap = lambda kind, chunk: f'<div data-component="{"text" if kind == "p" else kind}-block" class="ssrcss-11r1m41-RichTextComponentWrapper">{chunk}</div>'
    page = f"""<!DOCTYPE html><html lang="en-GB" class="no-js"><head><meta charset="utf-8">
<title>{e(a.title)} - BBC News</title>
<meta name="description" content="{e(a.lead)}"><meta property="og:title" content="{e(a.title)}">
<meta property="og:site_name" content="BBC News"><meta property="og:type" content="article">
<link rel="canonical" href="{url}">
{jsonld(a, "BBC News", url, typ="ReportageNewsArticle")}
</head><body><div id="main-wrapper">
<header><nav><a href="/news">Home</a><a href="/news/world">World</a><a href="/news/uk">UK</a><a href="/news/business">Business</a><a href="/news/politics">Politics</a><a href="/news/technology">Tech</a><a href="/news/science">Science &amp; Environment</a><a href="/news/stories">BBC Verify fact checks</a></nav></header>
<div id="main-content"><article>
<div data-component="headline-block"><h1 id="main-heading">{e(a.title)}</h1></div>
<div data-component="byline-block"><time datetime="{a.date.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.000Z')}">{long_date(a)}</time>
<div class="ssrcss-contributor"><span>{e(' & '.join(a.authors))}</span><span>{e(a.section)} reporter</span></div></div>
<div data-component="text-block"><p><b>{e(a.lead)}</b></p></div>
{body_html(a, wrap=wrap)}
<div data-component="links-block"><p>{READ_MORE['en']}</p><ul><li><a href="/{others[0].slug}">{e(others[0].title)}</a></li><li><a href="/{others[1].slug}">{e(others[1].title)}</a></li></ul></div>
<div data-component="tag-list"><a href="/topics/x">{e(a.section)}</a></div>
</article>
<section data-component="related-content"><h2>More on this story</h2>{teasers(others[2:], 3, 'promo')}</section>
<div class="newsletter"><p>{NEWSLETTER['en']}</p></div>
</div>
<footer><p>Copyright 2025 BBC. All rights reserved. The BBC is not responsible for the content of external sites. Read about our approach to external linking.</p></footer>
</div></body></html>"""
    must_not = ["BBC Verify fact checks", others[0].title, others[1].title, window(others[2].lead),
                window(NEWSLETTER["en"]), "approach to external linking"]
    return page, must_not, meta(a, "BBC News", url, author=", ".join(a.authors))


def blog(a: Article, others: list[Article]) -> tuple[str, list[str], dict]:
    """WordPress theme: entry-content, sidebar widgets, long threaded comments."""
    url = f"https://cityscience.example/{a.date:%Y/%m}/{a.slug}/"
    page = f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8">
<title>{e(a.title)} &#8211; City Science Notes</title>
<meta name="generator" content="WordPress 6.5">
<meta property="og:site_name" content="City Science Notes"><meta property="og:type" content="article">
<meta property="og:title" content="{e(a.title)}"><meta property="og:description" content="{e(a.lead)}">
<meta property="article:published_time" content="{iso(a)}">
<link rel="canonical" href="{url}">
<link rel='stylesheet' id='wp-block-library-css' href='/wp-includes/css/dist/block-library/style.min.css' media='all' />
</head><body class="post-template-default single single-post">
<div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="/">City Science Notes</a></p>
<p class="site-description">Small stories about science in big cities</p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu"><li><a href="/about">About this blog</a></li><li><a href="/archive">Archive</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-1234" class="post-1234 post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{e(a.title)}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="{iso(a)}">{long_date(a)}</time></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/x/">{e(a.authors[0])}</a></span></span></div></header>
<div class="entry-content">
<p><em>{e(a.lead)}</em></p>
{body_html(a, h="h3")}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>{share_bar('en')}</div>
<div class="jp-relatedposts"><h3>Related</h3>{''.join(f'<p><a href="#">{e(o.title)}</a></p>' for o in others[:3])}</div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="#">{e(a.section)}</a></span></footer>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">4 thoughts on &ldquo;{e(a.title)}&rdquo;</h2>
<ol class="comment-list">{comments_html('en', 4, li=True)}</ol>
<div id="respond"><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Recent Posts</h2><ul>{''.join(f'<li><a href="#">{e(o.title)}</a></li>' for o in others[3:6])}</ul></section>
<section class="widget"><h2 class="widget-title">Subscribe</h2><p>{NEWSLETTER['en']}</p></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress | Theme: Twenty Nineteen</div></footer></div>
</body></html>"""
    must_not = ["Small stories about science in big cities", others[0].title, others[3].title,
                *comment_snips("en", 4), "Your email address will not be published", window(NEWSLETTER["en"]),
                "Proudly powered by WordPress"]
    return page, must_not, meta(a, "City Science Notes", url, author=a.authors[0])
