"""Tests that each rule kind binds in a tiny solve, checked directly on the roster."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from tests.factories import employee, problem
from wfh_solver.domain.employee import Category
from wfh_solver.policy.problem import PolicyInfeasible
from wfh_solver.solve.result import Status
from wfh_solver.solve.run import solve

ADMIN, PENGAWAS, STAF = Category.ADMINISTRATOR, Category.PENGAWAS, Category.PELAKSANA


def office_of(result, members):
    index = {e.nip: i for i, e in enumerate(result.roster.employees)}
    return result.roster.office[[index[e.nip] for e in members]]


def test_always_in_office_keeps_the_selected_in_and_sends_the_rest_home():
    """Tests that always_in_office pins the head while max-WFH sends staff home."""
    head = employee(category=Category.JPT, position="Kepala Dinas Kesehatan",
                    roles=frozenset({"kepala_opd"}))
    staff = [employee() for _ in range(3)]
    result = solve(problem([head, *staff], [
        {"name": "head", "kind": "always_in_office", "who": {"roles": ["kepala_opd"]}}]))
    assert office_of(result, [head]).all()
    assert not office_of(result, staff).any()
    assert result.status is Status.OPTIMAL


def test_always_at_home_pins_the_selected_at_home():
    """Tests that always_at_home puts the selected at home even under a minimum."""
    home = [employee(category=STAF) for _ in range(2)]
    rest = [employee(category=STAF) for _ in range(3)]
    result = solve(problem([*home, *rest], [
        {"name": "home", "kind": "always_at_home", "who": {"positions": ["^Pengadministrasi"]},
         },
        ]))
    assert not office_of(result, home + rest).any()


def test_exempt_unit_is_all_in_office():
    """Tests that an exempt unit keeps everyone in office every day."""
    hospital = [employee(unit="RSUD Gemolong", unit_type="rsud") for _ in range(4)]
    other = [employee() for _ in range(2)]
    result = solve(problem([*hospital, *other], [
        {"name": "rsud", "kind": "exempt_units", "who": {"unit_types": ["rsud"]}}]))
    assert office_of(result, hospital).all()
    assert not office_of(result, other).any()


def test_min_present_per_unit_binds_exactly_and_rotates_fairly():
    """Tests that '≥ 2 administrators' gives exactly 2 a day, spread within one day."""
    admins = [employee(category=ADMIN) for _ in range(5)]
    result = solve(problem(admins, [
        {"name": "2 adm", "kind": "min_present", "count": 2,
         "who": {"categories": ["administrator"]}}]))
    grid = office_of(result, admins)
    assert (grid.sum(axis=0) == 2).all()
    assert grid.sum(axis=1).max() - grid.sum(axis=1).min() <= 1


def test_min_present_per_sub_unit_counts_each_sub_unit():
    """Tests that a per-seksi minimum holds in every seksi separately."""
    seksi_a = [employee(sub_unit="Seksi A", sub_unit_kind="seksi") for _ in range(3)]
    seksi_b = [employee(sub_unit="Seksi B", sub_unit_kind="seksi") for _ in range(4)]
    result = solve(problem([*seksi_a, *seksi_b], [
        {"name": "2 staf", "kind": "min_present", "per": "sub_unit", "count": 2,
         "who": {"categories": ["pelaksana"], "sub_unit_kinds": ["seksi"]}}]))
    assert (office_of(result, seksi_a).sum(axis=0) == 2).all()
    assert (office_of(result, seksi_b).sum(axis=0) == 2).all()


def test_min_present_above_headcount_is_capped_with_a_warning():
    """Tests that a unit with one administrator under '≥ 2' warns instead of failing."""
    admin = employee(unit="Dinas Kecil", category=ADMIN)
    result = solve(problem([admin, employee(unit="Dinas Kecil")], [
        {"name": "2 adm", "kind": "min_present", "count": 2,
         "who": {"categories": ["administrator"]}}]))
    assert office_of(result, [admin]).all()
    assert any("Dinas Kecil" in w and "2 adm" in w for w in result.warnings)


def test_min_office_share_rounds_up_per_unit():
    """Tests that 30% of 10 staff means 3 in office every day."""
    staff = [employee() for _ in range(10)]
    result = solve(problem(staff, [
        {"name": "30%", "kind": "min_office_share", "share": 0.3}]))
    assert (office_of(result, staff).sum(axis=0) == 3).all()


def test_max_office_share_below_a_minimum_is_explained_as_infeasible():
    """Tests that clashing maximum and minimum name the unit, both rules and the days."""
    admins = [employee(unit="Dinas A", category=ADMIN) for _ in range(4)]
    staff = [employee(unit="Dinas A") for _ in range(6)]
    with pytest.raises(PolicyInfeasible) as caught:
        solve(problem([*admins, *staff], [
            {"name": "4 adm", "kind": "min_present", "count": 4,
             "who": {"categories": ["administrator"]}},
            {"name": "cap 25%", "kind": "max_office_share", "share": 0.25}]))
    text = " ".join(caught.value.reasons)
    assert "Dinas A" in text and "cap 25%" in text and "4 adm" in text
    assert "hari kerja" in text or "working day" in text


def test_max_office_share_caps_the_office_when_intent_pushes_up():
    """Tests that a cap holds alongside a minimum it leaves room for."""
    staff = [employee() for _ in range(10)]
    result = solve(problem(staff, [
        {"name": "min 40%", "kind": "min_office_share", "share": 0.4},
        {"name": "cap 50%", "kind": "max_office_share", "share": 0.5}]))
    per_day = office_of(result, staff).sum(axis=0)
    assert (per_day >= 4).all() and (per_day <= 5).all()


def test_wfh_share_target_is_hit_every_day():
    """Tests that a 30% WFH target sends exactly 3 of 10 home each day."""
    staff = [employee(unit=f"Dinas {i % 3}") for i in range(10)]
    result = solve(problem(staff, [
        {"name": "30% WFH", "kind": "wfh_share_target", "per": "organisation", "share": 0.3}],
        intent="wfh_target"))
    assert ((~office_of(result, staff)).sum(axis=0) == 3).all()
    assert result.levels[0].objective == 0


def test_wfh_target_out_of_reach_sends_every_eligible_home():
    """Tests that a target larger than the eligible staff sends all eligible home."""
    fixed = [employee(category=ADMIN, eselon="III.a") for _ in range(8)]
    staff = [employee() for _ in range(2)]
    result = solve(problem([*fixed, *staff], [
        {"name": "structural in", "kind": "always_in_office", "who": {"eselon": ["III"]}},
        {"name": "50% WFH", "kind": "wfh_share_target", "per": "organisation", "share": 0.5}],
        intent="wfh_target"))
    assert not office_of(result, staff).any()


def test_top_levels_keeps_the_two_highest_echelons_present():
    """Tests that with II, III and IV present, II and III stay and IV goes home."""
    jpt = employee(category=Category.JPT, eselon="II.b")
    adm = employee(category=ADMIN, eselon="III.a")
    kasi = employee(category=PENGAWAS, eselon="IV.a")
    result = solve(problem([jpt, adm, kasi], [
        {"name": "top 2", "kind": "top_levels", "levels": 2}]))
    assert office_of(result, [jpt, adm]).all()
    assert not office_of(result, [kasi]).any()


def test_top_levels_uses_the_levels_present_in_each_unit():
    """Tests that a unit without eselon II keeps III and IV in."""
    adm = employee(unit="Kantor X", category=ADMIN, eselon="III.a")
    kasi = employee(unit="Kantor X", category=PENGAWAS, eselon="IV.b")
    result = solve(problem([adm, kasi, employee(unit="Kantor X")], [
        {"name": "top 2", "kind": "top_levels", "levels": 2}]))
    assert office_of(result, [adm, kasi]).all()


def test_vulnerable_staff_get_wfh_first():
    """Tests that aged staff get fewer office days than the young under a minimum."""
    old = [employee(birth_date=date(1960, 1, 1)) for _ in range(2)]
    young = [employee(birth_date=date(1990, 1, 1)) for _ in range(2)]
    result = solve(problem([*old, *young], [
        {"name": "2 staf", "kind": "min_present", "count": 2,
         "who": {"categories": ["pelaksana"]}}]))
    assert office_of(result, old).sum() < office_of(result, young).sum()
    assert result.levels[1].objective == result.levels[1].bound


def test_must_wfh_flag_overrides_a_pinning_rule_with_a_warning():
    """Tests that Wajib WFH on a head who must be in office sends her home and says so."""
    head = employee(category=Category.JPT, roles=frozenset({"kepala_opd"}), must_wfh=True,
                    name="Budi")
    result = solve(problem([head], [
        {"name": "heads in", "kind": "always_in_office", "who": {"roles": ["kepala_opd"]}}]))
    assert not office_of(result, [head]).any()
    assert any("Budi" in w and "heads in" in w for w in result.warnings)


def test_two_rules_pinning_one_person_both_ways_is_explained():
    """Tests that contradictory scenario rules name the person and both rules."""
    head = employee(category=Category.JPT, roles=frozenset({"kepala_opd"}), name="Budi")
    with pytest.raises(PolicyInfeasible) as caught:
        problem([head], [
            {"name": "heads in", "kind": "always_in_office", "who": {"roles": ["kepala_opd"]}},
            {"name": "all home", "kind": "always_at_home"}])
    assert "Budi" in caught.value.reasons[0] and "heads in" in caught.value.reasons[0]


def test_overlapping_rules_fall_back_to_per_day_and_still_hold():
    """Tests that non-nested rule sets (kasi role vs all pengawas) are still exact."""
    kasi = [employee(category=PENGAWAS, roles=frozenset({"kasi"}), sub_unit="Seksi A")
            for _ in range(3)]
    kasubbag = [employee(category=PENGAWAS, roles=frozenset({"kasubbag"}), sub_unit="Seksi A")
                for _ in range(3)]
    seksi = [employee(sub_unit="Seksi A", category=PENGAWAS) for _ in range(2)]
    result = solve(problem([*kasi, *kasubbag, *seksi], [
        {"name": "1 kasi", "kind": "min_present", "count": 2, "who": {"roles": ["kasi"]}},
        {"name": "3 pengawas", "kind": "min_present", "count": 3,
         "who": {"categories": ["pengawas"], "exclude": {"roles": ["kasubbag"]}}},
        {"name": "2 pengawas seksi", "kind": "min_present", "count": 4, "per": "sub_unit",
         "who": {"categories": ["pengawas"], "exclude": {"roles": ["kasi"]}}}]))
    assert (office_of(result, kasi).sum(axis=0) >= 2).all()
    assert (office_of(result, kasi + seksi).sum(axis=0) >= 3).all()
    assert (office_of(result, kasubbag + seksi).sum(axis=0) >= 4).all()
    assert result.status is Status.OPTIMAL


def test_same_input_and_seed_give_the_same_roster():
    """Tests determinism of the whole solve."""
    staff = [employee(sub_unit=f"Seksi {i % 3}", sub_unit_kind="seksi") for i in range(20)]
    rules = [{"name": "30%", "kind": "min_office_share", "share": 0.3},
             {"name": "1 per seksi", "kind": "min_present", "per": "sub_unit", "count": 1}]
    first = solve(problem(staff, rules)).roster.office
    second = solve(problem(staff, rules)).roster.office
    assert np.array_equal(first, second)


def test_public_holidays_have_no_column():
    """Tests that Nyepi 2020 is not a working day of the Sragen week."""
    result = solve(problem([employee()], [], start=date(2020, 3, 23), end=date(2020, 3, 27)))
    assert date(2020, 3, 25) not in result.roster.days
    assert len(result.roster.days) == 4


def _busy_problem():
    """A unit whose rules overlap without nesting (analysts in every seksi, counted
    across them): neither the laminar layout nor the greedy applies, a search must run."""
    staff = [employee(sub_unit=f"Seksi {i % 4}", sub_unit_kind="seksi",
                      position="Analis" if i % 3 == 0 else "Pengadministrasi Umum",
                      birth_date=date(1960 + i % 40, 1, 1)) for i in range(40)]
    return problem(staff, [
        {"name": "30%", "kind": "min_office_share", "share": 0.3},
        {"name": "2 per seksi", "kind": "min_present", "per": "sub_unit", "count": 2},
        {"name": "5 analis", "kind": "min_present", "per": "unit", "count": 5,
         "who": {"positions": ["^Analis"]}}])


def _assert_rules_hold(result, prob):
    for req in prob.requirements:
        per_day = result.roster.office[list(req.members)].sum(axis=0)
        assert (per_day >= req.minimum).all()


def test_a_stopped_search_still_writes_a_valid_roster_and_says_so():
    """Tests that Ctrl-C (a stop request) yields a valid roster marked interrupted, not optimal."""
    from wfh_solver.model.cpsat import StopSignal

    prob = _busy_problem()
    stop = StopSignal()
    stop.stop()
    result = solve(prob, stop=stop)
    assert result.interrupted
    assert result.status is Status.FEASIBLE
    assert any(level.bound < level.objective for level in result.levels)
    _assert_rules_hold(result, prob)


def test_time_limit_returns_the_best_roster_with_its_gap():
    """Tests that an exhausted time limit is reported as FEASIBLE with a bound, never optimal."""
    from wfh_solver.model.cpsat import SolveOptions

    prob = _busy_problem()
    result = solve(prob, SolveOptions(time_limit=0.0))
    assert result.status is Status.FEASIBLE and not result.interrupted
    assert result.levels[0].gap > 0
    _assert_rules_hold(result, prob)


MON, TUE, WED = date(2020, 3, 16), date(2020, 3, 17), date(2020, 3, 18)


def test_staff_on_leave_are_never_in_office_and_others_cover():
    """Tests that leave days are CUTI, not WFO/WFH, and the minimum is met by the others."""
    away = employee(category=ADMIN, leave=(TUE,))
    others = [employee(category=ADMIN) for _ in range(2)]
    prob = problem([away, *others], [
        {"name": "2 adm", "kind": "min_present", "count": 2,
         "who": {"categories": ["administrator"]}}])
    result = solve(prob)
    tue = result.roster.days.index(TUE)
    assert result.roster.codes()[0, tue] == 2  # CUTI
    assert not office_of(result, [away])[0, tue]
    assert office_of(result, others)[:, tue].all()
    assert (office_of(result, [away, *others]).sum(axis=0) == 2).all()


def test_a_minimum_short_because_of_leave_warns_and_keeps_everyone_present_in():
    """Tests that leave capping a minimum on a day is a warning naming the day, not a failure."""
    admins = [employee(unit="Dinas Kecil", category=ADMIN, travel=(WED,)),
              employee(unit="Dinas Kecil", category=ADMIN)]
    result = solve(problem(admins, [
        {"name": "2 adm", "kind": "min_present", "count": 2,
         "who": {"categories": ["administrator"]}}]))
    wed = result.roster.days.index(WED)
    assert result.roster.codes()[0, wed] == 3  # DL
    assert office_of(result, admins[1:]).all()
    assert any("Dinas Kecil" in w and "18/03" in w for w in result.warnings)


def test_a_pinned_head_on_leave_is_away_not_in_office():
    """Tests that approved leave wins over an always-in-office rule."""
    head = employee(category=Category.JPT, roles=frozenset({"kepala_opd"}), leave=(MON,))
    result = solve(problem([head], [
        {"name": "heads in", "kind": "always_in_office", "who": {"roles": ["kepala_opd"]}}]))
    assert result.roster.codes()[0].tolist() == [2, 1, 1, 1, 1]
    assert result.roster.wfh_days()[0] == 0


def test_wfh_target_counts_only_staff_present():
    """Tests that the daily WFH target is met among those not on leave or travel."""
    staff = [employee(leave=(TUE,) if i < 2 else ()) for i in range(10)]
    result = solve(problem(staff, [
        {"name": "30% WFH", "kind": "wfh_share_target", "per": "organisation", "share": 0.3}],
        intent="wfh_target"))
    codes = result.roster.codes()
    assert ((codes == 0).sum(axis=0) == 3).all()
    assert result.levels[0].objective == 0


def test_a_cap_raised_for_pinned_staff_keeps_their_seat_empty_when_one_is_on_leave():
    """Tests that a cap below the pinned staff means "only they come in", every day.

    By hand: 4 staff; `top_levels` 2 pins the Kepala (II) and the Sekretaris (III);
    `max_office_share` 0.25 of 4 → 1 seat, below the 2 pinned: only they come in
    (a warning). Under `max_wfo` the intent pushes people in, but the Kepala's leave
    on Monday frees no seat: Monday 1 in office (the Sekretaris), Tuesday–Friday 2,
    and both pelaksana WFH all 5 days (0 office days).
    """
    head = employee(category=Category.JPT, eselon="II.a", position="Kepala Dinas",
                    leave=(MON,))
    secretary = employee(category=ADMIN, eselon="III.a", position="Sekretaris")
    staff = [employee(category=STAF) for _ in range(2)]
    result = solve(problem([head, secretary, *staff], [
        {"name": "dua tingkat", "kind": "top_levels", "per": "unit", "levels": 2},
        {"name": "25% kantor", "kind": "max_office_share", "per": "unit", "share": 0.25}],
        intent="max_wfo"))
    assert office_of(result, [head, secretary, *staff]).sum(axis=0).tolist() == [1, 2, 2, 2, 2]
    assert not office_of(result, staff).any()
    assert result.roster.codes()[0, 0] == 2  # the Kepala: CUTI on Monday
    assert any("25% kantor" in w for w in result.warnings)
    assert result.status is Status.OPTIMAL


def test_exempt_units_leave_the_base_and_count_of_an_organisation_wide_share():
    """Tests that an exempt hospital neither fills nor enlarges an organisation-wide cap.

    By hand: 3 RSUD nurses (exempt, always in) and 4 staff of Dinas Pertanian;
    `max_office_share` 0.5 per organisation; `max_wfo`. The share's base is the 4
    non-exempt staff, so the cap is floor(0.5 × 4) = 2 of them in office each day
    (10 office-days over 5 days, spread 2/3/3/2 or alike), while the nurses are in all
    5 days. Counting the hospital would give floor(0.5 × 7) = 3 seats, all taken by
    the nurses, and Dinas Pertanian no office day at all.
    """
    nurses = [employee(unit="RSUD Sragen", unit_type="rsud", category=Category.FUNGSIONAL)
              for _ in range(3)]
    farm = [employee(unit="Dinas Pertanian") for _ in range(4)]
    result = solve(problem([*nurses, *farm], [
        {"name": "rsud", "kind": "exempt_units", "who": {"unit_types": ["rsud"]}},
        {"name": "50% kantor", "kind": "max_office_share", "per": "organisation",
         "share": 0.5}], intent="max_wfo"))
    assert office_of(result, nurses).all()
    assert office_of(result, farm).sum(axis=0).tolist() == [2] * 5
    assert sorted(office_of(result, farm).sum(axis=1).tolist()) == [2, 2, 3, 3]
    [cap] = [r for r in result.rule_counts if r.rule == "50% kantor"]
    assert len(cap.members) == 4 and cap.maximum == 2


def test_budgets_are_shared_out_in_proportion_to_model_size_with_a_floor():
    """Tests the deterministic budget shares, worked out by hand.

    Sizes 30, 10 and 0 with 1.0 deterministic second: 30/40 → 0.75, 10/40 → 0.25,
    and the empty component the floor of 0.01 (a hundredth of a second). With a
    total below the floor, every share is at least the whole (tiny) total.
    """
    from wfh_solver.model.cpsat import share_budget

    assert share_budget([30, 10, 0], 1.0) == [0.75, 0.25, 0.01]
    assert share_budget([0, 0], 2.0) == [0.01, 0.01]
    assert share_budget([3, 1], 0.004) == [0.004, 0.004]


def _month_with_leave(target: bool = False):
    """3 units × 30 staff over 19 working days (March 2020), a third with 1–3 days leave;
    with `target`, a 30% WFH target for the whole organisation instead of the per-unit
    30% minimum (the target ties every unit and day together: a search is needed)."""
    days = [d for k in range(26)
            if (d := date(2020, 3, 2) + timedelta(days=k)).weekday() < 5]
    staff = [employee(unit=f"Dinas {u}", sub_unit=f"Seksi {i % 4}", sub_unit_kind="seksi",
                      birth_date=date(1960 + i % 40, 1, 1),
                      leave=tuple(days[(i * 7 + u) % 20:(i * 7 + u) % 20 + 1 + i % 3])
                      if i % 3 == 0 else ())
             for u in range(3) for i in range(30)]
    share = ({"name": "30% WFH", "kind": "wfh_share_target", "share": 0.3,
              "per": "organisation"} if target else
             {"name": "30%", "kind": "min_office_share", "share": 0.3})
    return problem(staff, [
        share, {"name": "2 per seksi", "kind": "min_present", "per": "sub_unit", "count": 2}],
        intent="wfh_target" if target else "max_wfh", start=days[0], end=days[-1])


def test_a_time_limited_roster_is_the_same_whatever_the_workers():
    """Tests that a binding time limit gives one roster for 1, 2 or 3 workers, run twice.

    The limit (0.0005 deterministic s) is shared out before solving, so it binds at
    the same point of each component's search on any machine and thread count: the
    run is FEASIBLE (not proven), and every roster is the same array.
    """
    from wfh_solver.model.cpsat import SolveOptions

    prob = _month_with_leave(target=True)
    results = [solve(prob, SolveOptions(time_limit=0.0005, workers=w)) for w in (1, 2, 3, 1)]
    assert results[0].status is Status.FEASIBLE
    for other in results[1:]:
        assert np.array_equal(other.roster.office, results[0].roster.office)
        assert [lv.objective for lv in other.levels] == [lv.objective for lv in
                                                         results[0].levels]
    _assert_rules_hold(results[0], prob)
