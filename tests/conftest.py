"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wfh_solver.messages import language, set_language


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English for tests that read their wording; restored afterwards."""
    before = language()
    set_language("en")
    yield
    set_language(before)
