"""Cell text as HR means it, not as it happens to be encoded.

Exports and hand edits carry characters no one sees: a zero-width space pasted from a web
page (`Na\u200bma`), a byte-order mark, a no-break space, full-width letters and digits
typed with an Asian input method (`ＮＩＰ`, `１９６５…`). Left in, `Nama` is not `Nama`: the
column is reported missing while the list of found columns shows it. So every header and
value is compared in NFKC form (compatibility characters to their plain forms) with the
invisible format characters removed; the characters that changed a header are named.
"""

from __future__ import annotations

import unicodedata

__all__ = ["INVISIBLE", "marks", "normalise"]

#: Zero-width and direction marks: format characters (Unicode Cf) with no glyph, which no
#: staff list means to hold. NFKC keeps them, so they are removed first.
INVISIBLE = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff")
_DROP = dict.fromkeys(map(ord, INVISIBLE))


def normalise(text: str) -> str:
    """`text` in NFKC form without invisible marks; ASCII text is returned as it is."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text.translate(_DROP))


def marks(text: str) -> list[str]:
    """The characters of `text` that `normalise` removes or replaces, as `U+200B` codes
    (each once, in order): what a message names so the user can find them."""
    if text.isascii():
        return []
    found: dict[str, None] = {}
    for ch in text:
        if ch in INVISIBLE or (not ch.isascii() and unicodedata.normalize("NFKC", ch) != ch):
            found.setdefault(f"U+{ord(ch):04X}")
    return list(found)
