"""Formula-injection protection for every text a writer puts in a CSV or Excel cell.

A name, NIP or unit name taken from an export may start with `=`, `+`, `-` or `@` (or a tab or
carriage return), which Excel and LibreOffice read as a formula when the CSV is opened, or when
a cell of the workbook is edited and confirmed. Leading spaces or control characters do not
hide a trigger, and the full-width forms (`＝＋－＠`) that some spreadsheet input methods turn
into their ASCII twins count too. `needs_neutralising` decides, once, for every writer:

- in a CSV, which has no styles, such text gets a leading apostrophe (`neutralise`, OWASP's
  "CSV injection" advice), so it stays visible, literal text;
- in an .xlsx the text stays exactly the export's (`+62 812…`, `-Rina-`) in a string cell whose
  style has the quote prefix (`quotePrefix="1"`, XlsxWriter's `quote_prefix`): Excel's own
  record of a leading apostrophe, which keeps the cell text when it is edited, and which HR
  never sees in the name it prints.
"""

from __future__ import annotations

import re

_TRIGGER = re.compile("[\t\r]|[\\s\x00-\x1f\x7f]*[=+\\-@\uff1d\uff0b\uff0d\uff20]")


def needs_neutralising(text: str) -> bool:
    return _TRIGGER.match(text) is not None


def neutralise(text: str) -> str:
    """`text`, with a leading `'` when a spreadsheet could take it for a formula."""
    return "'" + text if _TRIGGER.match(text) else text
