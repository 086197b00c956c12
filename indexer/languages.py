"""Language codes and names, one table for filters, pages and the query language.

Codes are ISO 639-1 as the language detector reports them; ``und`` is a
document whose language could not be told. A user may write a code or an
English (or native) name in any case: ``de``, ``DE``, ``German``, ``Deutsch``.
"""
from __future__ import annotations

UNDETERMINED = "und"

# code -> (English name, native name)
LANGUAGES: dict[str, tuple[str, str]] = {
    "de": ("German", "Deutsch"),
    "nl": ("Dutch", "Nederlands"),
    "en": ("English", "English"),
    "fr": ("French", "Français"),
    "es": ("Spanish", "Español"),
    "it": ("Italian", "Italiano"),
    "pt": ("Portuguese", "Português"),
    "da": ("Danish", "Dansk"),
    "sv": ("Swedish", "Svenska"),
    "no": ("Norwegian", "Norsk"),
    "fi": ("Finnish", "Suomi"),
    "pl": ("Polish", "Polski"),
    "cs": ("Czech", "Čeština"),
    "ru": ("Russian", "Русский"),
    "uk": ("Ukrainian", "Українська"),
    "tr": ("Turkish", "Türkçe"),
    "el": ("Greek", "Ελληνικά"),
    "hu": ("Hungarian", "Magyar"),
    "ro": ("Romanian", "Română"),
    "ar": ("Arabic", "العربية"),
    "zh": ("Chinese", "中文"),
    "ja": ("Japanese", "日本語"),
    UNDETERMINED: ("unknown language", "unknown"),
}
_BY_NAME = {
    name.casefold(): code for code, names in LANGUAGES.items() for name in (code, *names)
}


def language_code(value: str) -> str | None:
    """The code for a code or name in any case (``DE``, ``german``), or None."""
    return _BY_NAME.get(value.strip().casefold())


def language_name(code: str | None) -> str:
    """``German`` for ``de``; the code itself for a code not in the table."""
    if not code:
        return LANGUAGES[UNDETERMINED][0]
    return LANGUAGES.get(code, (code,))[0]
