"""Text from documents, made safe to print on a terminal.

A document may hold escape sequences (``ESC [2J`` clears the screen,
``ESC ]0;…BEL`` sets the window title, some terminals answer queries with
keystrokes) and bidirectional overrides that reorder what is shown. Every
such character is printed as a visible escape (``\\u001b``, ``\\u202e``)
instead, whether or not the output is a terminal: piped output ends up in
one later.
"""
from __future__ import annotations

import re

# C0 and C1 controls except tab and newline, DEL, and the bidi embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """``str(text)`` with every control character shown as its escape."""
    return _UNSAFE.sub(_visible, str(text))


def safe_line(text: object) -> str:
    """Like ``safe``, and a newline too is shown as ``\\n`` (for one-line fields: titles, ids)."""
    return safe(text).replace("\n", "\\n")


def _visible(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"  # also a valid escape inside a JSON string
