"""Shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

from wfh_solver.base.messages import language, set_language

# CI replays the same examples every run, so a landing is judged on the code, not on luck;
# a developer's run keeps exploring new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")



@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English for tests that read their wording; restored afterwards."""
    before = language()
    set_language("en")
    yield
    set_language(before)
