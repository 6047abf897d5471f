"""A scenario rule said as the circular would say it, for every sheet and page HR reads.

The scenario language (`min_present per sub_unit: categories=pelaksana`) is for the
people who write scenarios; a head of unit reads "Setiap hari paling sedikit 2 orang
pelaksana masuk kantor di setiap seksi". Every surface that shows a rule (the `Aturan`,
`Pelanggaran` and `Konflik` sheets, the terminal, the page) takes its sentence from
here, so one rule reads the same everywhere. Words come from the message catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wfh_solver.base.messages import CATALOGUE, language, t
from wfh_solver.policy.scenario import Rule, Selector

#: Scenario kinds in the order a reader meets them; each has `kind_<name>` in the catalogue.
RULE_KINDS: tuple[str, ...] = (
    "always_in_office", "always_at_home", "exempt_units", "top_levels", "min_present",
    "min_office_share", "max_office_share", "wfh_share_target", "min_office_days",
    "max_office_days", "max_consecutive_wfh", "max_consecutive_wfo",
)


def _known(key: str) -> bool:
    return key in CATALOGUE[language()]


def kind_label(kind: str, lang: str | None = None) -> str:
    """A rule kind as a short label HR understands ("Jumlah minimal di kantor")."""
    table = CATALOGUE[lang or language()]
    return table.get(f"kind_{kind}", kind.replace("_", " "))


def percent(share: float, lang: str | None = None) -> str:
    """30% / 12,5% (Indonesian decimal comma) / 12.5% under English."""
    value = round(share * 100, 1)
    text = f"{value:.1f}".removesuffix(".0")
    return (text.replace(".", ",") if (lang or language()) == "id" else text) + "%"


def _or_list(words: Sequence[str]) -> str:
    words = list(dict.fromkeys(w for w in words if w))
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {t('word_or')} {words[-1]}"


def _word(prefix: str, value: str) -> str:
    key = f"{prefix}_{value}"
    return t(key) if _known(key) else value.replace("_", " ")


_CODE_MARKS = re.compile(r"^(?:\(\?i\))?\^?|\$$")


def _quoted(patterns: Sequence[str]) -> str:
    """Name patterns as HR typed them: the case-insensitive flag and anchors are code."""
    return _or_list([f"«{_CODE_MARKS.sub('', p)}»" for p in patterns])


def describe_who(who: Selector) -> str:
    """The people a selector picks, as a noun phrase ("pelaksana di seksi atau subbidang")."""
    nouns = [_word("role", r) for r in who.roles] + [_word("cat", c) for c in who.categories]
    head = _or_list(nouns) if nouns else t("who_everyone")
    parts = [head]
    if who.eselon:
        parts.append(t("who_eselon", eselon=_or_list(who.eselon)))
    if who.statuses:
        parts.append(t("who_status", statuses=_or_list([s.upper() for s in who.statuses])))
    if who.flags:
        parts.append(t("who_flags", flags=_or_list([_word("flag", f) for f in who.flags])))
    if who.positions:
        parts.append(t("who_positions", patterns=_quoted(who.positions)))
    if who.unit_types:
        parts.append(t("who_unit_types", kinds=_or_list([_word("ut", u) for u in who.unit_types])))
    if who.units:
        parts.append(t("who_units", patterns=_quoted(who.units)))
    if who.sub_unit_kinds:
        parts.append(t("who_sub_unit_kinds",
                       kinds=_or_list([_word("suk", k) for k in who.sub_unit_kinds])))
    if who.sub_units:
        parts.append(t("who_sub_units", patterns=_quoted(who.sub_units)))
    text = " ".join(parts)
    if who.exclude is not None:
        text += t("who_except", who=describe_who(who.exclude))
    return text


def _scope(per: str) -> str:
    return t(f"per_{per}")


def describe_rule(rule: Rule) -> str:
    """The rule as one sentence of the circular's kind, its note appended."""
    who, per = describe_who(rule.who), _scope(rule.per)
    params: dict[str, object] = {"who": who, "per": per}
    if rule.count is not None:
        params["count"] = rule.count
    if rule.share is not None:
        params["pct"] = percent(rule.share)
    if rule.levels is not None:
        params["levels"] = rule.levels
    if rule.days is not None:
        params["days"] = rule.days
    key = f"say_{rule.kind}"
    if rule.kind == "max_office_share" and rule.share == 0:
        key = "say_nobody_in_office"
    if rule.kind == "top_levels" and who == t("who_everyone"):
        key = "say_top_levels_all"
    # a kind without a sentence yet is still said in words, never as a key
    sentence = t(key, **params) if _known(key) else f"{kind_label(rule.kind)}: {who} {per}"
    sentence = sentence[:1].upper() + sentence[1:]
    if rule.note:
        sentence += f" ({rule.note})"
    return sentence
