"""A hostile corpus, built inside the test suite: every kind of bad or odd entry
a corpus folder can hold, each with its expected outcome, among good articles
that must all be indexed.

``build(root)`` writes the corpus into ``root/corpus`` (and a few targets
outside it into ``root/outside``) and returns the ``Kind`` rows: a kind is
either indexed under ``doc_id`` (and then found by searching its ``marker``)
or reported with a reason containing ``reason``. ``SETTINGS`` holds the
limits the expectations assume.
"""
from __future__ import annotations

import codecs
import os
import socket
from dataclasses import dataclass
from pathlib import Path

GOOD_ARTICLES = 50
MAX_FILE_BYTES = 500_000
HTML_MAX_CHARS = 200_000
MANY_PARAGRAPHS = 20_000  # the bench uses 100,000; before linear smoothing 20,000 took ~20 s

GERMAN = ("Die Grenzübergänge der Stadt wurden am Montag geschlossen, teilte die Polizei mit. "
          "Der Bürgermeister sagte, die Lage sei ernst, aber unter Kontrolle.")
DUTCH = ("De regering heeft maandag nieuwe regels aangenomen voor de haven van Rotterdam. "
         "De minister zei dat de situatie ernstig is, maar onder controle.")
ENGLISH = ("The government adopted new rules for the port on Monday, the ministry said. "
           "The minister said the situation was serious but under control.")


@dataclass(frozen=True)
class Kind:
    """One entry of the hostile corpus and what must become of it."""

    name: str
    path: str  # as the walk reports it, relative to the corpus folder
    doc_id: str | None = None  # indexed under this id
    marker: str | None = None  # a word only this document holds
    reason: str | None = None  # or: reported, the reason containing this


def article(marker: str, language: str = "de", title: str | None = None) -> str:
    """A plain-text article with a title line and a unique ``marker`` word."""
    body = {"de": GERMAN, "nl": DUTCH, "en": ENGLISH}[language]
    heading = title or f"Bericht {marker}"
    return f"{heading}\n\n{body} Stichwort {marker}.\n\n{body}\n\n{body}\n"


def _html(body: str, title: str = "Seite", head: str = "") -> str:
    return f"<!doctype html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def _nested(depth: int, marker: str) -> str:
    return _html("<div>" * depth + f"<p>{GERMAN} {marker}</p><p>{GERMAN}</p><p>{GERMAN}</p>" + "</div>" * depth)


def _html_article(marker: str) -> str:
    paragraphs = "".join(f"<p>{GERMAN} {marker if i == 0 else ''}</p>" for i in range(4))
    return _html(f"<article><h1>Bericht {marker}</h1>{paragraphs}</article>", title=f"Bericht {marker}")


class _Writer:
    """Writes entries below ``corpus`` and collects their ``Kind`` rows."""

    def __init__(self, root: Path) -> None:
        self.corpus = root / "corpus"
        self.outside = root / "outside"
        self.corpus.mkdir(parents=True)
        self.outside.mkdir()
        self.kinds: list[Kind] = []

    def write(self, name: str, relative: str | bytes, data: bytes | str, **expect: str) -> None:
        path = self._path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.kinds.append(Kind(name, os.fsdecode(path.relative_to(self.corpus)), **expect))

    def indexed(self, name: str, relative: str | bytes, data: bytes | str, doc_id: str, marker: str) -> None:
        self.write(name, relative, data, doc_id=doc_id, marker=marker)

    def special(self, name: str, relative: str, reason: str) -> Path:
        """Record a reported entry whose file the caller makes; returns its path."""
        self.kinds.append(Kind(name, relative, reason=reason))
        path = self.corpus / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _path(self, relative: str | bytes) -> Path:
        return Path(os.fsdecode(os.path.join(os.fsencode(self.corpus), os.fsencode(relative))))


def build(root: Path) -> list[Kind]:
    """Write the hostile corpus below ``root``; the expected outcome of every entry."""
    writer = _Writer(root)
    _good_articles(writer)
    _odd_names(writer)
    _odd_encodings(writer)
    _odd_texts(writer)
    _bad_files(writer)
    _bad_html(writer)
    _special_files(writer)
    _symlinks(writer)
    return writer.kinds


def _good_articles(w: _Writer) -> None:
    for number in range(GOOD_ARTICLES):
        language = ("de", "nl", "en")[number % 3]
        marker = f"zqgood{number}"
        if number % 10 == 9:
            w.indexed("good html article", f"good/{number:02d}.html", _html_article(marker), f"good/{number:02d}", marker)
        else:
            w.indexed("good article", f"good/{number:02d}.txt", article(marker, language), f"good/{number:02d}", marker)


def _odd_names(w: _Writer) -> None:
    names = [
        ("newline in name", "new\nline.txt", "new\nline"),
        ("non-UTF-8 name", b"caf\xe9.txt", "caf\\xe9"),
        ("unicode and spaces", "Grüße aus Köln.txt", "Grüße aus Köln"),
        ("backslash in name", "a\\b.txt", "a\\b"),
        ("URL characters in name", "q?x#y%2F&z=1.txt", "q?x#y%2F&z=1"),
        ("leading dash", "-rf.txt", "-rf"),
        ("drive-like folder", "C:/x.txt", "C:/x"),
        ("long name", "l" * 240 + ".txt", "l" * 240),
        ("deep nesting", "/".join(["d"] * 30) + "/deep.txt", "/".join(["d"] * 30) + "/deep"),
        ("upper-case suffix", "UPPER.TXT", "UPPER"),
        ("htm suffix", "page.htm", "page"),
        ("folder named like a file", "folder.txt/inner.txt", "folder.txt/inner"),
        ("control character in name", "esc\x1b[31mred.txt", "esc\x1b[31mred"),
    ]
    for number, (kind, relative, doc_id) in enumerate(names):
        marker = f"zqname{number}"
        data = _html_article(marker) if str(relative).endswith(".htm") else article(marker)
        w.indexed(kind, relative, data, doc_id, marker)


def _odd_encodings(w: _Writer) -> None:
    text = article("zqenc0")
    utf8 = text.encode("utf-8")
    rows = [
        ("cp1252 text", "enc/cp1252.txt", article("zqenc1").encode("cp1252"), "zqenc1"),
        ("UTF-8 with one invalid byte", "enc/one-bad-byte.txt", utf8[:40] + b"\xff" + utf8[40:], "zqenc0"),
        ("UTF-8 cut mid-character at the end", "enc/truncated.txt", article("zqenc2").encode("utf-8") + "ü".encode()[:1],
         "zqenc2"),
        ("UTF-8 with a broken character inside a word", "enc/broken-char.txt",
         article("zqenc3").encode("utf-8").replace("Montag".encode(), b"Mon\xc3tag"), "zqenc3"),
        ("UTF-8 BOM", "enc/bom8.txt", codecs.BOM_UTF8 + article("zqenc4").encode("utf-8"), "zqenc4"),
        ("UTF-16 LE BOM", "enc/bom16le.txt", codecs.BOM_UTF16_LE + article("zqenc5").encode("utf-16-le"), "zqenc5"),
        ("UTF-16 BE BOM", "enc/bom16be.txt", codecs.BOM_UTF16_BE + article("zqenc6").encode("utf-16-be"), "zqenc6"),
        ("UTF-16 with an odd byte count", "enc/bom16odd.txt",
         codecs.BOM_UTF16_LE + article("zqenc7").encode("utf-16-le") + b"\x00", "zqenc7"),
        ("latin-1 HTML declaring its charset", "enc/latin1.html",
         _html_article("zqenc8").replace("<title>", '<meta charset="iso-8859-1"><title>').encode("latin-1"), "zqenc8"),
        ("HTML declaring UTF-8 but cp1252", "enc/liar.html",
         _html_article("zqenc9").replace("<title>", '<meta charset="utf-8"><title>').encode("cp1252"), "zqenc9"),
        ("NFD text", "enc/nfd.txt", article("zqenc10").replace("ü", "u\u0308").encode("utf-8"), "zqenc10"),
    ]
    for kind, relative, data, marker in rows:
        w.indexed(kind, relative, data, relative.rsplit(".", 1)[0], marker)


def _odd_texts(w: _Writer) -> None:
    many = "Titel zqtext0\n\n" + "\n\n".join(f"Haus Stadt {n}" for n in range(MANY_PARAGRAPHS))
    rows = [
        ("many short paragraphs", "text/many-paragraphs.txt", many, "zqtext0"),
        ("CRLF line ends", "text/crlf.txt", article("zqtext1").replace("\n", "\r\n"), "zqtext1"),
        ("CR-only line ends", "text/cr.txt", article("zqtext2").replace("\n", "\r"), "zqtext2"),
        ("one long line", "text/one-line.txt", (GERMAN + " ") * 1500 + "zqtext3", "zqtext3"),
        ("terminal escapes in title", "text/escapes.txt",
         article("zqtext4", title="\x1b[2J\x1b]0;pwned\x07Titel zqtitle\x9b31m"), "zqtext4"),
        ("bidi override in title", "text/bidi.txt", article("zqtext5", title="Titel \u202etxt.exe\u202c"), "zqtext5"),
        ("HTML injection in text", "text/inject.txt",
         article("zqtext6", title="<script>alert(1)</script>\"><img src=x onerror=alert(2)>"), "zqtext6"),
        ("zero-width characters", "text/zero-width.txt", article("zqtext7").replace("Stadt", "St\u200badt"), "zqtext7"),
        ("emoji and astral characters", "text/emoji.txt", article("zqtext8") + "\n\n🦀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U0010fffd\n", "zqtext8"),
        ("one very long word", "text/long-word.txt", article("zqtext9") + "\n\n" + "x" * 100_000 + "\n", "zqtext9"),
        ("garbage date field", "text/bad-date.txt", "date 9999-99-99\n" + article("zqtext10"), "zqtext10"),
        ("NUL after the first 8 KB", "text/late-nul.txt", article("zqtext11") + "\n\n" + "a " * 5000 + "\x00 end\n",
         "zqtext11"),
        ("a txt that is really HTML", "text/really-html.txt", _html_article("zqtext12"), "zqtext12"),
        ("just a title line", "text/one-line-title.txt", "Nur eine Zeile zqtext13 mit einem Satz.", "zqtext13"),
        ("200 nested divs", "text/nested.html", _nested(200, "zqtext14"), "zqtext14"),
    ]
    for kind, relative, data, marker in rows:
        w.indexed(kind, relative, data, relative.rsplit(".", 1)[0], marker)


def _bad_files(w: _Writer) -> None:
    rows = [
        ("empty file", "bad/empty.txt", b"", "empty file"),
        ("blank file", "bad/blank.txt", b" \n\n\t \n", "empty file"),
        ("only invisible characters", "bad/invisible.txt", "\u200b\u200b\n\ufeff".encode("utf-8"), "no article text"),
        ("binary with NUL", "bad/binary.txt", bytes(range(256)) * 8, "binary"),
        ("control bytes", "bad/controls.txt", b"\x01\x02\x03\x04 abc " * 200, "binary"),
        ("gzip named .txt", "bad/archive.txt", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, "binary"),
        ("PDF named .txt", "bad/document.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00" * 50, "binary"),
        ("larger than the limit", "bad/huge.txt", article("zqhuge") * (MAX_FILE_BYTES // 400), "too large"),
        ("invalid UTF-16 after its BOM", "bad/bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8" * 400, "invalid utf-16"),
        ("only line breaks and spaces in UTF-16", "bad/blank16.txt", codecs.BOM_UTF16_LE + " \n \n".encode("utf-16-le"),
         "empty file"),
        ("duplicate id (read second)", "dup/same.txt", article("zqdup1"), "duplicate document id 'dup/same'"),
    ]
    for kind, relative, data, reason in rows:
        w.write(kind, relative, data, reason=reason)
    w.indexed("duplicate id (read first)", "dup/same.html", _html_article("zqdup0"), "dup/same", "zqdup0")
    w.write("hidden file", ".hidden.txt", article("zqhidden0"), reason="hidden file")
    w.write("hidden folder", ".drafts/draft.txt", article("zqhidden1"), reason="hidden folder")
    w.kinds[-1] = Kind("hidden folder", ".drafts", reason="hidden folder")


def _bad_html(w: _Writer) -> None:
    nav = "".join(f'<li><a href="/r/{n}">Rubrik {n}</a></li>' for n in range(300))
    rows = [
        ("navigation only", "html/nav.html", _html(f"<nav><ul>{nav}</ul></nav>", title="Startseite"), "no main text"),
        ("script app", "html/app.html", _html('<div id="root"></div><script>' + "var a=1;" * 500 + "</script>"),
         "script app"),
        ("error page", "html/404.html", _html("<h1>404</h1><p>Seite nicht gefunden.</p>", title="404"), "no main text"),
        # libxml2 stops building the tree at depth 256: the text is lost, and reported
        ("3,000 nested divs", "html/nested.html", _nested(3000, "zqnested"), "no main text"),
        ("page over the HTML limit", "html/huge.html", _html("<p>" + GERMAN * (HTML_MAX_CHARS // 100) + "</p>"),
         "page too large"),
        ("empty HTML skeleton", "html/skeleton.html", _html(""), "no main text"),
    ]
    for kind, relative, data, reason in rows:
        w.write(kind, relative, data, reason=reason)


def _special_files(w: _Writer) -> None:
    os.mkfifo(w.special("FIFO", "special/fifo.txt", "not a regular file (a FIFO)"))
    path = w.special("socket", "special/socket.txt", "not a regular file (a socket)")
    server, cwd = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM), os.getcwd()
    os.chdir(path.parent)  # a relative name: socket paths are limited to 107 bytes
    try:
        server.bind(path.name)
    finally:
        os.chdir(cwd)
        server.close()  # the socket file stays


def _symlinks(w: _Writer) -> None:
    (w.outside / "secret.txt").write_text(article("zqsecret"), encoding="utf-8")
    (w.outside / "folder").mkdir()
    (w.outside / "folder" / "inner.txt").write_text(article("zqsecret2"), encoding="utf-8")
    links = [
        ("symlink to /dev/zero", "links/zero.txt", "/dev/zero", "points outside the corpus"),
        ("symlink to /dev/urandom", "links/random.txt", "/dev/urandom", "points outside the corpus"),
        ("symlink to a file outside", "links/outside.txt", str(w.outside / "secret.txt"), "points outside the corpus"),
        ("symlink to a folder outside", "links/outdir", str(w.outside / "folder"), "points outside the corpus"),
        ("broken symlink", "links/broken.txt", "does-not-exist.txt", "broken symlink"),
        ("symlink to itself", "links/self.txt", "self.txt", "broken symlink"),
        ("symlink to a corpus file", "links/again.txt", "../good/00.txt", "already read as"),
        ("symlink to a corpus folder", "links/gooddir", "../good", "already read as"),
        ("symlink to the corpus root (a loop)", "links/root", "..", "already read as"),
    ]
    for kind, relative, target, reason in links:
        w.special(kind, relative, reason).symlink_to(target)
    w.write("target of an inside link", "linked/target-folder/t.txt", article("zqlink0"), doc_id="linked/target-folder/t",
            marker="zqlink0")
