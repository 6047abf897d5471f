"""Excel cell addresses, shared by the reader (error locations) and the writer."""

from __future__ import annotations


def column_letter(col: int) -> str:
    """Excel column letters for a zero-based column index: 0 -> A, 27 -> AB."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
