"""The engine, one test per routing principle of flow-contract.md, plus parsing."""

import itertools

import pytest

from app import flow


def plan(directory=None, **answers):
    parsed = {k: (frozenset(v) if isinstance(v, (list, set, tuple)) else v) for k, v in answers.items()}
    return flow.build_plan(parsed, directory.platforms_by_where if directory else None)


def ids(p):
    return [s.id for s in p.steps]


# -- Principle 1: danger yes/unsure (or skipped) -> safety first, with 911 and the DV hotline
@pytest.mark.parametrize("danger", ["yes", "unsure", None])
def test_p1_danger_puts_safety_first(danger):
    p = plan(danger=danger, situation=["shared"], age="under18") if danger else plan(situation=["shared"], age="under18")
    assert ids(p)[0] == "safety"
    assert p.steps[0].group == "now"
    assert set(p.steps[0].referrals) >= {"emergency", "dv-hotline"}


def test_p1_no_danger_no_safety_step():
    assert "safety" not in ids(plan(danger="no"))


# -- Principle 2: support always; CCRI Safety Center and FTC somewhere
@pytest.mark.parametrize("answers", [{}, {"danger": "no"}, {"danger": "yes", "age": "under18", "situation": ["threatened"]}])
def test_p2_support_always(answers):
    p = plan(**answers)
    support = p.step("support")
    assert support is not None and {"crisis-988", "ccri-helpline"} <= set(support.referrals)
    assert {"ccri-safety-center", "ftc-report"} <= set(p.referral_ids)


# -- Principle 3: under 18 -> minor before any removal step; never StopNCII; evidence warning
def test_p3_minor_route():
    p = plan(danger="no", situation=["shared", "threatened"], demand=["money"], age="under18", kind="real",
             taker="self", where=["social", "search"])
    order = ids(p)
    assert order.index("minor") < min(order.index(s) for s in ("remove", "search", "sextortion"))
    assert {"take-it-down", "cybertipline"} <= set(p.step("minor").referrals)
    assert "stopncii" not in p.referral_ids and "prevent" not in order
    assert any("Do not save, screenshot or forward the picture itself" in line for line in p.step("evidence").lines)


@pytest.mark.parametrize("age", ["unsure", None])
def test_p3_age_unsure_gives_both_routes_with_conditions(age):
    answers = dict(danger="no", situation=["shared"], copy="yes", kind="real")
    if age:
        answers["age"] = age
    p = plan(**answers)
    assert "take-it-down" in p.referral_ids and "stopncii" in p.referral_ids
    prevent = " ".join(p.step("prevent").lines)
    assert "If you were 18 or older in it, use StopNCII" in prevent and "under 18 in it, use Take It Down" in prevent
    assert p.step("minor").lines[0].startswith("If you were under 18")


# -- Principle 4: threats -> sextortion step; money / more images make it come right after safety/minor
def test_p4_threat_step_content():
    p = plan(danger="no", situation=["threatened"], age="adult")
    step = p.step("sextortion")
    text = " ".join(step.lines)
    assert "Do not pay" in text and "do not delete" in text.lower() and "Report the account" in text
    assert "fbi" in step.referrals and "cybertipline" not in step.referrals


def test_p4_threat_to_minor_adds_cybertipline():
    assert "cybertipline" in plan(situation=["threatened"], age="under18").step("sextortion").referrals


@pytest.mark.parametrize("demand", [["money"], ["more_images"], ["money", "other"]])
def test_p4_urgent_demand_comes_right_after_safety_and_minor(demand):
    order = ids(plan(danger="yes", situation=["threatened"], demand=demand, age="under18"))
    assert order[:3] == ["safety", "minor", "sextortion"]


def test_p4_other_demand_is_after_evidence():
    order = ids(plan(danger="no", situation=["threatened"], demand=["other"], age="adult"))
    assert order.index("evidence") < order.index("sextortion")


# -- Principle 5: shared -> remove with the platforms of `where` and tida-notice; search engines
def test_p5_remove_lists_platforms_for_where(directory):
    p = plan(directory, danger="no", situation=["shared"], where=["adult_site", "messaging"], age="adult")
    refs = p.step("remove").referrals
    assert refs[0] == "tida-notice"
    assert {"aylo", "onlyfans", "telegram"} <= set(refs)
    assert "x" not in refs  # x is only on social
    assert "search" not in ids(p)


@pytest.mark.parametrize("kind,expected", [
    ("real", {"google-search"}), ("altered", {"google-search-fake"}), ("ai", {"google-search-fake"}),
    ("unsure", {"google-search", "google-search-fake"}), (None, {"google-search", "google-search-fake"}),
])
@pytest.mark.parametrize("where", [["search"], ["unknown"], None])
def test_p5_search_step(kind, expected, where):
    answers = {"situation": ["shared"]}
    if kind:
        answers["kind"] = kind
    if where:
        answers["where"] = where
    step = plan(**answers).step("search")
    assert step is not None
    assert {r for r in step.referrals if r.startswith("google")} == expected


def test_p5_no_search_step_without_search_or_unknown():
    assert plan(situation=["shared"], where=["social"]).step("search") is None


# -- Principle 6: not under 18 and a copy -> prevent with StopNCII; without a copy, no StopNCII action
@pytest.mark.parametrize("situation", [["shared"], ["threatened"], ["taken"], ["unsure"]])
def test_p6_copy_gives_stopncii(situation):
    p = plan(situation=situation, age="adult", copy="yes")
    assert "stopncii" in p.step("prevent").referrals


@pytest.mark.parametrize("copy", ["no", "unsure", None])
def test_p6_no_copy_no_stopncii(copy):
    answers = dict(situation=["shared"], age="adult", kind="ai")
    if copy:
        answers["copy"] = copy
    assert "stopncii" not in plan(**answers).referral_ids


# -- Principle 7: fakes -> deepfake step with google-search-fake
@pytest.mark.parametrize("kind", ["altered", "ai"])
def test_p7_fakes(kind):
    step = plan(situation=["shared"], kind=kind, age="adult").step("deepfake")
    assert "google-search-fake" in step.referrals
    assert "digital forgeries" in " ".join(step.lines)


def test_p7_real_has_no_deepfake_step():
    assert plan(kind="real").step("deepfake") is None


# -- Principle 8: self-taken and real -> copyright with dmca-notice (not for under 18: minor route)
def test_p8_copyright():
    assert "dmca-notice" in plan(kind="real", taker="self", age="adult").step("copyright").referrals
    assert plan(kind="real", taker="someone_else").step("copyright") is None
    assert plan(kind="altered", taker="self").step("copyright") is None
    assert plan(kind="real", taker="self", age="under18").step("copyright") is None
    # Refined: a threat with nothing shared sends no notice to "the site" (docs/flow.md).
    assert plan(kind="real", taker="self", situation=["threatened"]).step("copyright") is None
    assert plan(kind="real", taker="self", situation=["threatened", "shared"]).step("copyright") is not None


def test_a_threat_with_nothing_shared_speaks_of_threats_not_places():
    threat = plan(situation=["threatened"], age="adult", copy="yes")
    record = " ".join(threat.step("evidence").lines)
    assert "write down where it is" not in record.lower() and "Save the threats" in record
    assert "threatening to share" in " ".join(threat.step("prevent").lines)
    shared = plan(situation=["shared"])
    assert "write down where it is" in " ".join(shared.step("evidence").lines)


def test_what_not_to_do_comes_first_for_minors():
    for age in ("under18", "unsure"):
        lines = plan(age=age, situation=["shared"]).step("evidence").lines
        assert "do not save, screenshot or forward" in lines[0].lower(), lines


def test_a_helper_of_a_minor_is_told_first_what_to_say():
    first = plan(for_whom="someone_else", age="under18").step("minor").lines[0]
    assert "This is not your fault, and you are not in trouble" in first and "Do not punish" in first


# -- Principle 9: state -> state-law; law always mentions TAKE IT DOWN and 15 U.S.C. § 6851
def test_p9_law():
    with_state = plan(state="TX").step("law")
    assert "state-law" in with_state.referrals
    without = plan().step("law")
    assert "state-law" not in without.referrals
    for step in (with_state, without):
        text = " ".join(step.lines)
        # The citation is a fact of the content data; the engine names it.
        assert "TAKE IT DOWN Act" in text and "%(civil_action_cite)s" in text


# -- Principle 10: helping someone else -> the plan speaks to a helper
def test_p10_helper_voice():
    self_plan = plan(for_whom="self", situation=["shared"], age="adult")
    helper_plan = plan(for_whom="someone_else", situation=["shared"], age="adult")
    assert helper_plan.helper and not self_plan.helper
    assert any("authorized person" in line for line in helper_plan.step("remove").lines)
    assert not any("authorized person" in line for line in self_plan.step("remove").lines)
    assert "not their fault" in " ".join(helper_plan.step("support").lines)
    assert "not your fault" in " ".join(self_plan.step("support").lines)


# -- Answers the flow would not ask are ignored
def test_unasked_answers_are_ignored():
    assert flow.normalize({"where": frozenset({"social"}), "demand": frozenset({"money"})}) == {}
    assert flow.normalize({"kind": "ai", "taker": "self"}) == {"kind": "ai"}
    assert flow.normalize({"kind": "ai", "taker": "self", "copy": "yes"}) == {"kind": "ai", "copy": "yes"}
    assert plan(kind="ai", taker="self") == plan(kind="ai")


# -- Parsing
def test_parse_answer():
    assert flow.parse_answer("danger", ["yes"]) == "yes"
    assert flow.parse_answer("danger", []) is None
    assert flow.parse_answer("situation", ["shared", "taken"]) == frozenset({"shared", "taken"})
    kind = flow.AnswerErrorKind
    for qid, values, expected in [("danger", ["maybe"], kind.UNKNOWN_CODE), ("danger", ["yes", "no"], kind.ONE_ONLY),
                                  ("nope", ["x"], kind.UNKNOWN_QUESTION), ("demand", ["none", "money"], kind.NOT_COMBINABLE),
                                  ("state", ["ZZ"], kind.UNKNOWN_CODE)]:
        with pytest.raises(flow.AnswerError) as raised:
            flow.parse_answer(qid, values)
        assert raised.value.kind is expected and raised.value.question_id == qid
        assert raised.value.message == str(raised.value) == expected.value  # what the CLI shows


def test_next_and_previous_question():
    assert flow.next_question({}).id == "danger"
    assert flow.next_question({"danger": "no"}).id == "for_whom"
    # skipped questions are not asked again
    assert flow.next_question({"danger": "no"}, seen=["for_whom"]).id == "situation"
    answers = {"danger": "no", "for_whom": "self", "situation": frozenset({"threatened"})}
    assert flow.next_question(answers).id == "demand"
    assert flow.previous_question(answers, "demand").id == "situation"
    assert flow.previous_question(answers, "danger") is None
    everything = {q.id for q in flow.asked_questions(answers)}
    assert flow.next_question(answers, seen=everything) is None


def _plain_build_plan(answers, platforms_by_where=None):
    """build_plan as first written, step by step over the declarations: the yardstick for the
    compiled loop in app/flow/plan.py."""
    from app.flow.navigation import resolve

    normal, view = resolve(answers)
    helper = flow.HELPER(view)
    placed = []
    for step in flow.STEPS:
        if not step.include_when(view):
            continue
        placement = next(p for p in step.placements if p.when(view))
        lines = tuple(line.text(helper) for line in step.lines if line.when(view))
        refs = [r.id for r in step.referrals if r.when(view)]
        if step.platforms_from_where and platforms_by_where:
            for code in sorted(view["where"], key=flow.WHERE_ORDER.index):
                refs += [pid for pid in platforms_by_where.get(code, ()) if pid not in refs]
        placed.append((flow.GROUPS.index(placement.group), placement.rank,
                       flow.PlanStep(step.id, placement.group, step.title(helper), lines, tuple(refs), step.guide)))
    placed.sort(key=lambda item: (item[0], item[1]))
    state = normal.get("state")
    return flow.Plan(tuple(p for _, _, p in placed), helper, state if isinstance(state, str) else None)


def test_the_compiled_plan_loop_gives_what_the_declarations_say(directory):
    by_where = directory.platforms_by_where
    checked, steps, dangers = 0, set(), set()
    for answers, _ in itertools.islice(flow.canonical_answer_sets(("TX", None)), 0, 120000, 59):
        for variant in (answers, {**answers, "for_whom": "someone_else"}, {**answers, "danger": "no"}):
            plan = flow.build_plan(variant, by_where)
            assert plan == _plain_build_plan(variant, by_where), variant
            assert flow.build_plan(variant) == _plain_build_plan(variant)
            steps |= {step.id for step in plan.steps}
            dangers.add(variant.get("danger"))
            checked += 1
    assert checked > 6000 and steps == {step.id for step in flow.STEPS} and len(dangers) > 1


def test_includes_step_says_what_the_built_plan_says():
    answer_sets = [answers for answers, _ in itertools.islice(flow.canonical_answer_sets(("TX", None)), 0, 40000, 97)]
    assert len(answer_sets) > 100
    for answers in answer_sets:
        plan = flow.build_plan(answers)
        for step in flow.STEPS:
            assert flow.includes_step(answers, step.id) is (plan.step(step.id) is not None), (answers, step.id)
    with pytest.raises(flow.FlowError):
        flow.includes_step({}, "no-such-step")
