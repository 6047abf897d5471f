"""Rules said in words: every bundled rule, in both languages, reads without code."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from wfh_solver.base.messages import CATALOGUE, set_language
from wfh_solver.domain.employee import ROLES, SUB_UNIT_KINDS, UNIT_TYPES, Category
from wfh_solver.policy.scenario import Rule, RuleKind, Selector, bundled_names, load_scenario
from wfh_solver.policy.wording import RULE_KINDS, describe_rule, kind_label, percent

CODE = re.compile(r"_|=|\(\?i\)|\bper (unit|sub_unit|organisation)\b|\b(roles|categories|flags)=")


@pytest.fixture(params=["id", "en"])
def lang(request: pytest.FixtureRequest):
    set_language(request.param)
    yield request.param
    set_language("id")


def test_every_rule_kind_and_selector_word_has_words_in_both_languages() -> None:
    """Tests that a new kind, role, unit type or sub-unit kind cannot reach paper as code."""
    assert set(RULE_KINDS) == set(get_args(RuleKind))
    wanted = [f"kind_{k}" for k in RULE_KINDS] + [f"say_{k}" for k in RULE_KINDS]
    wanted += [f"role_{r}" for r in ROLES] + [f"cat_{c.value}" for c in Category]
    wanted += [f"ut_{u}" for u in UNIT_TYPES] + [f"suk_{k}" for k in SUB_UNIT_KINDS]
    for lang in ("id", "en"):
        missing = [key for key in wanted if key not in CATALOGUE[lang]]
        assert not missing, (lang, missing)


def test_every_bundled_rule_reads_as_a_sentence_without_code(lang: str) -> None:
    """Tests each rule of each bundled circular: a capitalised sentence, no identifiers."""
    for name in bundled_names():
        for rule in load_scenario(name).rules:
            text = describe_rule(rule.model_copy(update={"note": ""}))
            assert (text[0].isupper() or text[0].isdigit()) and text.endswith("."), text
            assert not CODE.search(text), (name, rule.name, text)
            assert not CODE.search(kind_label(rule.kind)), kind_label(rule.kind)


def test_numbers_and_people_of_a_rule_appear_in_its_sentence() -> None:
    """Tests that the count, the share (with a decimal comma), the people and the scope are
    all in the sentence, and that an exception reads as one."""
    rule = Rule(name="x", kind="min_office_share", share=0.125, per="sub_unit",
                who=Selector(categories=("pelaksana",), exclude=Selector(flags=("pregnant",))))
    text = describe_rule(rule)
    assert "12,5%" in text and "pelaksana" in text and "sub-unit" in text
    assert "kecuali pegawai yang termasuk pegawai hamil atau menyusui" in text
    count = describe_rule(Rule(name="y", kind="min_present", count=3,
                               who=Selector(units=("(?i)^puskesmas",))))
    assert "paling sedikit 3 orang" in count and "«puskesmas»" in count
    assert percent(0.3, "en") == "30%" and percent(0.125, "en") == "12.5%"
