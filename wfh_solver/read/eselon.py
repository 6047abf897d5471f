"""Eselon codes in every written form real exports use, normalised to `II.a`."""

from __future__ import annotations

import re

_ESELON_RE = re.compile(r"^(IV|V|III|II|I)\s*[./\-\s]?\s*([AB])?$")
_NO_ESELON = {"", "-", "--", "0", "NON ESELON", "NONESELON", "NON-ESELON", "NON", "TIDAK ADA"}


class EselonError(ValueError):
    """A value in the Eselon column that is not an echelon code."""


def parse_eselon(raw: object) -> str | None:
    """Normalise `II.a`, `II/a`, `IIa`, `II-a`, `2a`, `Eselon II.a` to `II.a`; blank/`-` to None."""
    if raw is None:
        return None
    text = str(raw).strip().upper()
    text = re.sub(r"^ESELON\s*", "", text).strip()
    if text in _NO_ESELON or text == "NAN":
        return None
    arabic = re.match(r"^([1-5])\s*[./\-]?\s*([AB])?$", text)
    if arabic:
        text = ("I", "II", "III", "IV", "V")[int(arabic.group(1)) - 1] + (arabic.group(2) or "")
    match = _ESELON_RE.match(text)
    if not match:
        raise EselonError(f"{raw!r} is not an eselon code (expected e.g. II.a, III/b, IV-a, -)")
    major, minor = match.group(1), match.group(2)
    return f"{major}.{minor.lower()}" if minor else major
