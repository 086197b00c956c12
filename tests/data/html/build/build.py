"""Write the labelled HTML set: one .html page and one .json truth file per page.

Run from anywhere: ``python tests/data/html/build/build.py``. The pages are
committed; this script documents how they were made and can rebuild them.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import sites  # noqa: E402
import special  # noqa: E402
from model import load_articles, must_snippets  # noqa: E402

OUT = Path(__file__).parent.parent
PLAN = {  # site -> (renderer, language, article keys)
    "spiegel": (sites.spiegel, "de", ["de-bahnstreik", "de-hitzesommer", "de-mietpreise"]),
    "zeit": (sites.zeit, "de", ["de-elektroauto", "de-museum", "de-fussball"]),
    "faz": (sites.faz, "de", ["de-schulen", "de-hochwasser", "de-rente"]),
    "heimatbote": (sites.heimatbote, "de", ["de-wolf", "de-wahlumfrage", "de-weihnachtsmarkt"]),
    "nos": (sites.nos, "nl", ["nl-woningmarkt", "nl-fietsenstalling", "nl-dijkversterking"]),
    "nrc": (sites.nrc, "nl", ["nl-zorgpremie", "nl-schaatsen", "nl-stikstof"]),
    "volkskrant": (sites.volkskrant, "nl", ["nl-museumnacht", "nl-treinstoring", "nl-bibliotheek"]),
    "gazet": (sites.gazet, "nl", ["nl-kustonderzoek", "nl-carnaval", "nl-windpark"]),
    "guardian": (sites.guardian, "en", ["en-heatpumps", "en-rail", "en-library"]),
    "bbc": (sites.bbc, "en", ["en-startups", "en-marathon", "en-flooding"]),
    "blog": (sites.blog, "en", ["en-bees", "en-broadband", "en-museum-ai"]),
}
# Held out for reporting: two whole site shapes never seen while tuning, plus
# the third page of five other sites. Everything else is the tuning split.
REPORT_SITES = {"faz", "bbc"}
REPORT_THIRD = {"spiegel", "nos", "volkskrant", "guardian", "heimatbote"}
MALFORMED = {"nl-stikstof"}


def write(name: str, page: str, truth: dict, encoding: str = "utf-8") -> None:
    (OUT / f"{name}.html").write_bytes(page.encode(encoding))
    (OUT / f"{name}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build_articles() -> None:
    by_lang = {lang: load_articles(lang) for lang in ("de", "nl", "en")}
    for site, (render, lang, keys) in PLAN.items():
        pool = by_lang[lang]
        for position, key in enumerate(keys):
            index = next(i for i, a in enumerate(pool) if a.key == key)
            article = pool[index]
            others = pool[index + 1:] + pool[:index]
            extra = {"malformed": True} if key in MALFORMED else {}
            page, must_not, meta = render(article, others, **extra)
            split = "report" if site in REPORT_SITES or (site in REPORT_THIRD and position == 2) else "tune"
            encoding = meta.pop("encoding", "utf-8")
            truth = {"split": split, "kind": "article", "site": site, "encoding": encoding,
                     "malformed": bool(extra), **meta,
                     "must": must_snippets(article), "must_not": must_not}
            write(f"{site}-{article.slug}", page, truth, encoding)


def build_special() -> None:
    de, nl = load_articles("de"), load_articles("nl")
    rows = [
        ("nopage-homepage", special.homepage(de[:8]), "tune", "no_article"),
        ("nopage-section", special.section_index(nl[:7]), "report", "no_article"),
        ("nopage-error404", special.error_page(), "report", "no_article"),
        ("nopage-app", special.script_app(), "tune", "script_app"),
    ]
    for name, page, split, kind in rows:
        write(name, page, {"split": split, "kind": kind, "encoding": "utf-8", "must": [], "must_not": []})


if __name__ == "__main__":
    build_articles()
    build_special()
