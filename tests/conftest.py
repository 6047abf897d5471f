"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import os

import pytest
from hypothesis import settings

# CI replays the same examples every run, so a landing is judged on the code, not on luck;
# a developer's run keeps exploring new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

from wfh_solver.messages import language, set_language


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English for tests that read their wording; restored afterwards."""
    before = language()
    set_language("en")
    yield
    set_language(before)
