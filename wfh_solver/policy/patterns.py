"""Selector patterns (`units`, `sub_units`, `positions`) run in linear time.

A scenario is a file anyone can write, and unit names come from spreadsheets; a
backtracking engine lets `(a+)+$` against a long unit name hang the run. RE2 (Google's
linear-time engine) matches in time proportional to the text, whatever the pattern,
and refuses what it cannot bound (back-references, look-arounds) with a clear
message when the scenario loads. Each pattern is compiled once per run, not per
employee.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import re2

MAX_TEXT = 1_000  # characters of a name looked at; longer cells are not names


class PatternError(ValueError):
    """A selector pattern that RE2 cannot compile."""


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = 8 << 20
    return options


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> re2._Regexp:
    """`pattern` compiled case-insensitively; `PatternError` says why it cannot be."""
    try:
        return re2.compile(pattern, _options())
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) \
            else str(exc)
        raise PatternError(f"bad pattern {pattern!r}: {detail} (look-arounds and "
                           "back-references are not supported)") from None


def any_match(patterns: Sequence[str], text: str) -> bool:
    """Whether any pattern occurs in `text` (searched, not anchored)."""
    text = text[:MAX_TEXT]
    return any(compile_pattern(p).search(text) is not None for p in patterns)
