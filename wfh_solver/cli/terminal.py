"""What reaches a terminal: text from a file is shown, never obeyed.

A NIP, name or unit name read from a staff list, a pin file or a roster may hold an escape
sequence (ESC, CSI, OSC: retitle the window, clear the screen, rewrite earlier lines), another
C0/C1 control, DEL, a bidi override that reverses what follows, or rich markup (`[bold]`,
`:smile:`). Every line the command line prints goes through `Terminal.render_str`, which shows
such characters escaped (`\\x1b`, `\\u202e`) and never reads markup, so the fix lives in one
place instead of at each call site. Styling is given with `style=`, never as markup in the text.
"""

from __future__ import annotations

import logging
import re
import sys
import warnings
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

# C0 controls (tab and newline included: one print is one line), DEL, C1 controls (CSI 0x9b,
# OSC 0x9d, NEL 0x85), the bidi controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI), the line and
# paragraph separators, and lone surrogates (a file name that is not UTF-8).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control, bidi override and separator shown as `\\xHH` / `\\uHHHH`."""
    return _UNSAFE.sub(_escaped, text)


def json_visible(text: str) -> str:
    """JSON whose strings hold no raw control or bidi character (`\\u001b`, `\\u202e`): still
    valid JSON. `json.dumps` escapes C0 itself but leaves DEL, C1 and bidi raw; the line breaks
    of its indentation stay (print the lines apart)."""
    return _UNSAFE.sub(lambda m: m.group() if m.group() == "\n" else f"\\u{ord(m.group()):04x}",
                       text)


class Terminal(Console):
    """A rich Console whose every string, table cell and title passes `visible`, markup off."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**{**options, "markup": False, "emoji": False})

    def render_str(self, text: str, **options: Any) -> Text:
        """The single funnel of rich for text (print, table cells, titles, measurement)."""
        return super().render_str(visible(text), **{**options, "markup": False, "emoji": False})


class _Chatter(logging.Handler):
    """Log records of libraries (fpdf2's missing glyphs) as terminal lines: Python's own last
    resort (WARNING and above, only records no handler took), escaped."""

    def __init__(self, console: Terminal) -> None:
        super().__init__(logging.WARNING)
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        self.console.print(self.format(record))


def route_library_chatter(console: Terminal, debug: bool = False) -> None:
    """Library log records and Python warnings go through `console` too: a name with an escape
    sequence in a library's message (a glyph the font lacks) is shown escaped, like ours.

    Errors Python cannot raise (a half-written zip closed by the garbage collector after a full
    disk, whose failure was already said in one line) print no traceback unless `debug`.
    """
    logging.lastResort = _Chatter(console)  # what Python prints when nobody handles a record
    if not debug:
        sys.unraisablehook = lambda unraisable: None

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: TextIO | None = None, line: str | None = None) -> None:
        console.print(f"{category.__name__}: {message}")

    warnings.showwarning = show
