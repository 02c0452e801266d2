"""An answer that says someone may be in danger gets help now: the very next page shows 911 and
the domestic violence hotline (call and text), with the choice to see the safety steps at once
(a plan from what has been answered so far) or to keep answering. Review #1, issue 23."""

from __future__ import annotations

import pytest

from app import flow
from tests.conftest import find_all, form_fields, text_of

DANGER = flow.QUESTIONS[0]  # the first question the flow asks
SAFETY = "safety"


def brings_safety(code: str) -> bool:
    """Whether this answer puts the safety step in the plan where another answer would not."""
    with_it = flow.build_plan({DANGER.id: code}).step(SAFETY) is not None
    return with_it and any(flow.build_plan({DANGER.id: other}).step(SAFETY) is None
                           for other in DANGER.codes if other != code)


def answer(page, prefix: str, code: str):
    return page(f"{prefix}/q", data=[("_q", DANGER.id), (DANGER.id, code), ("_nav", "continue")])


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize("code", DANGER.codes)
def test_the_page_after_the_answer(page, app, prefix, code):
    facts = app.extensions["directory"].facts_in(prefix.strip("/") or "en")
    _, tree = answer(page, prefix, code)
    text = text_of(tree)
    hrefs = {a.get("href") for a in find_all(tree, "a")}
    if brings_safety(code):
        for fact in ("emergency_phone", "dv_hotline_phone", "dv_hotline_text", "dv_hotline_host"):
            assert facts[fact] in text, fact
        assert {"tel:" + facts["emergency_phone"], "tel:" + facts["dv_hotline_phone"].replace("-", ""),
                facts["dv_hotline_url"]} <= hrefs  # the chat is a link too
        assert [f.get("action") for f in find_all(tree, "form") if f.get("class") != "lang"][1:] == \
            [f"{prefix}/plan", f"{prefix}/q"]
    else:
        assert facts["dv_hotline_phone"] not in text
        next_title = flow.next_question({DANGER.id: code}, [DANGER.id])
        assert next_title is not None and find_all(tree, "fieldset")  # the next question, straight away


def safe_code() -> str:
    return next(c for c in DANGER.codes if brings_safety(c))


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_see_my_safety_steps_now_gives_a_plan_from_what_was_answered(page, prefix):
    _, tree = answer(page, prefix, safe_code())
    _, plan = page(f"{prefix}/plan", data=form_fields(tree, f"{prefix}/plan", ("_nav", "plan")))
    steps = [h.get("id") for h in find_all(plan, "h3") if (h.get("id") or "").startswith("s-")]
    assert steps and steps[0] == f"s-{SAFETY}", steps


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_keep_answering_goes_on_to_the_next_question(page, prefix):
    code = safe_code()
    _, tree = answer(page, prefix, code)
    _, following = page(f"{prefix}/q", data=form_fields(tree, f"{prefix}/q", ("_nav", "continue")))
    upcoming = flow.next_question({DANGER.id: code}, [DANGER.id])
    assert find_all(following, "fieldset") and following.find(".//*[@name='_q']") is not None
    assert next(i.get("value") for i in following.iter() if i.get("name") == "_q") == upcoming.id


def test_back_shows_the_danger_question_again_with_its_answer(page):
    _, tree = answer(page, "", safe_code())
    back = next(f for f in find_all(tree, "form") if f.get("class") == "back")
    fields = [(i.get("name"), i.get("value")) for i in back.iter() if i.get("type") == "hidden"]
    _, again = page("/q", data=fields)
    checked = [i.get("value") for i in again.iter() if i.get("checked") is not None and i.get("name") == DANGER.id]
    assert checked == [safe_code()]


def test_the_language_switch_keeps_the_page(page, app):
    _, tree = answer(page, "", safe_code())
    switch = next(f for f in find_all(tree, "form") if f.get("class") == "lang")
    fields = [(i.get("name"), i.get("value")) for i in switch.iter() if i.get("type") == "hidden"]
    _, spanish = page(switch.get("action"), data=fields)
    assert app.extensions["directory"].facts_in("es")["dv_hotline_text"] in text_of(spanish)
