"""Formula-injection neutralisation for every text a writer puts in a CSV or Excel cell.

A name, NIP or unit name taken from an export may start with `=`, `+`, `-` or `@` (or a tab or
carriage return), which Excel and LibreOffice read as a formula when the CSV is opened, or when
a cell of the workbook is edited and confirmed. Following OWASP's "CSV injection" advice, such
text gets a leading apostrophe, so it stays visible, literal text. Leading spaces or control
characters do not hide a trigger, and the full-width forms (`＝＋－＠`) that some spreadsheet
input methods turn into their ASCII twins count too.
"""

from __future__ import annotations

import re

_TRIGGER = re.compile("[\t\r]|[\\s\x00-\x1f\x7f]*[=+\\-@\uff1d\uff0b\uff0d\uff20]")


def needs_neutralising(text: str) -> bool:
    return _TRIGGER.match(text) is not None


def neutralise(text: str) -> str:
    """`text`, with a leading `'` when a spreadsheet could take it for a formula."""
    return "'" + text if _TRIGGER.match(text) else text
