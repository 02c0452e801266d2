"""Turns engine output into translated, display-ready data for pages and the API."""

from __future__ import annotations

from types import SimpleNamespace

from flask_babel import get_locale

from app import flow, precompute
from app.directory import Directory, host_of
from app.i18n import gettext as _
from app.i18n import t

GROUP_TITLES = {
    "now": flow.N_("Right now"),
    "next": flow.N_("Next"),
    "later": flow.N_("When you're ready"),
}


def language() -> str:
    """The request's language ("en" or "es"), from Flask-Babel's locale; English outside a request."""
    locale = get_locale()
    return locale.language if locale is not None else "en"


def referral(directory: Directory, ref_id: str, state_code: str | None, lang: str | None = None) -> dict | None:
    """One referral as the API's plain data, translated. `state-law` resolves to the chosen state.
    In Spanish (`lang`, else the request's language) it carries the Spanish help where there is
    some, and `language` says whether the service helps in Spanish ("es") or not ("en")."""
    found = precompute.tables(directory, lang or language()).referral(ref_id, state_code)  # translated once
    return dict(found) if found is not None else None


def plan_data(plan: flow.Plan, directory: Directory) -> dict:
    """The plan in the API's shape."""
    tables = precompute.tables(directory, language())  # this language's step text and referrals, translated once
    steps = []
    for step in plan.steps:
        paragraphs = tables.texts(step.lines)
        steps.append({
            "id": step.id,
            "group": step.group,
            "title": tables.title(step.title),
            "text": " ".join(paragraphs),
            "paragraphs": paragraphs,
            "referrals": list(step.referrals),
            "guide": step.guide,
        })
    referrals = {}
    for ref_id in plan.referral_ids:
        data = tables.referral(ref_id, plan.state)  # shared and read-only (precompute.ReadOnlyDict)
        if data is not None:
            referrals[ref_id] = data
    return {"steps": steps, "referrals": referrals}


def tel(number: str | None) -> str | None:
    """A tel: link for a number as written: "1-800-555-0199" dials 18005550199."""
    return "tel:" + number.replace("-", "") if number else None


def referral_card(data: dict, page_url) -> SimpleNamespace:
    """A referral as a page shows it: the API's data (`Referral.to_json()`), plus links. `page_url` turns an
    internal tool's path into this request's URL for it (mount prefix, widget). Attributes, not
    keys: a template reads `ref.name` without trying an attribute first."""
    internal = data["internal"] and data["url"]
    return SimpleNamespace(**data, href=page_url(data["url"]) if internal else data["url"],
                           site=host_of(data["url"]) if data["url"] and not internal else None,  # a printout keeps it
                           phone_tel=tel(data["phone"]), tty_tel=tel(data["tty"]))


def plan_sections(plan: flow.Plan, can_show) -> list[tuple[str, list[tuple[flow.PlanStep, list[tuple[str, bool]]]]]]:
    """The plan page's order: each group with steps, its steps, and each step's referral ids
    that `can_show(id)` allows, with `again` True for one an earlier step already showed (a
    link back to its card, not a second card)."""
    shown: set[str] = set()
    sections = []
    for group in flow.GROUPS:
        steps = []
        for step in plan.steps:
            if step.group != group:
                continue
            refs = []
            for ref_id in step.referrals:
                if can_show(ref_id):
                    refs.append((ref_id, ref_id in shown))
                    shown.add(ref_id)
            steps.append((step, refs))
        if steps:
            sections.append((group, steps))
    return sections


def question_ids(data: dict, error: bool) -> dict:
    """The ids a question page joins up: where its error summary links (the first
    control), and what describes the control for screen readers."""
    qid = data["id"]
    control = f"{qid}-select" if data["control"] == "select" else f"{qid}-{data['choices'][0]['code']}"
    described = [f"{qid}-why", *([f"{qid}-hint"] if data["hint"] else []), *([f"{qid}-error"] if error else [])]
    return {"error_anchor": control, "described_by": " ".join(described)}


def question_data(question: flow.Question, helper: bool = False, directory: Directory | None = None) -> dict:
    """A question's display text (translated): the language's shared, read-only copy for the
    flow's own questions (translated once per language, app/precompute.py), else made afresh."""
    if directory is not None and flow.QUESTION_BY_ID.get(question.id) is question:
        return precompute.tables(directory, language()).questions[question.id, helper]
    return precompute.question_data(question, helper, directory)


def answer_label(question: flow.Question, value, directory: Directory, helper: bool = False) -> str:
    """Display text for a stored answer on the check page."""
    if value is None:
        return _("Skipped: no answer given")
    codes = [value] if isinstance(value, str) else [c for c in question.codes if c in value]
    if question.labels == "states":
        return ", ".join(t(directory.states[c].name) for c in codes)
    return ", ".join(t(question.choice(c).voiced(helper)[0]) for c in codes)
