"""The plan page: its pieces rendered once per language and place, joined per plan (issue 15).

A plan is made of content: group headings, steps (heading, guide link), paragraphs and
referral cards, each the same for everyone who sees it in that language and place (the site,
or a widget site, whose links differ). `templates/plan_parts.html` holds each piece as a macro;
every piece the engine can name is rendered once per place (`build`, as each worker starts)
and a plan page only joins its pieces in the plan's order (`presenter.plan_sections`) into
`plan.html`, itself rendered once with holes (app/web/prerender.py). The pieces are keyed by
content ids (step, line, referral, state), never by answers, and requests only read them.

Behind a mount prefix, or for a piece no table holds, the same macros run for the request
and nothing is kept.
"""

from __future__ import annotations

from flask import current_app, render_template
from markupsafe import Markup

from app import flow, precompute, presenter
from app.directory import STATE_LAW
from app.i18n import t
from app.web import prerender, urls
from app.web.security import csp_nonce

KEY = "help.plan_pages"


class Pieces:
    """One place's pieces. Built whole, then only read (`frozen`); a piece not held is
    rendered for the asking request and not kept."""

    def __init__(self, tables: precompute.Tables, frozen: bool = False):
        self.tables = tables
        self.macros = current_app.jinja_env.get_template("plan_parts.html").module
        self.store: dict = {}
        self.frozen = frozen

    def _get(self, key, make):
        found = self.store.get(key)
        if found is None:
            found = make()
            if not self.frozen:
                self.store[key] = found
        return found

    def group(self, group: str) -> tuple[tuple[str, str], tuple[str, str]]:
        """(overview before, after) and (section before, after), around the group's steps."""
        def make():
            data = {"id": group, "title": t(presenter.GROUP_TITLES[group])}
            return _around(self.macros.overview_group, data), _around(self.macros.group_section, data)
        return self._get(("group", group), make)

    def step(self, step_id: str, title: str, guide: str) -> tuple[str, tuple[str, str]]:
        """The overview's link to the step, and (section before, after) around its body."""
        def make():
            data = {"id": step_id, "title": self.tables.title(title), "guide": guide}
            return str(self.macros.overview_item(data)), _around(self.macros.step_section, data)
        return self._get(("step", step_id, title), make)

    def paragraph(self, line: str) -> str:
        def make():
            text, = self.tables.texts((line,))
            return str(self.macros.paragraph(text))
        return self._get(("line", line), make)

    def card(self, ref_id: str, state: str | None, again: bool) -> str:
        state = state if ref_id == STATE_LAW else None

        def make():
            ref = self.tables.referral(ref_id, state)
            if again:
                return str(self.macros.card_again(ref))
            return str(self.macros.card(presenter.referral_card(ref, urls.page_url)))
        return self._get(("card", ref_id, state, again), make)

    def can_show(self, ref_id: str, state: str | None) -> bool:
        return self.tables.referral(ref_id, state) is not None

    def build_all(self) -> Pieces:
        for group in flow.GROUPS:
            self.group(group)
        for step in flow.STEPS:
            for helper in (False, True):
                self.step(step.id, step.title(helper), step.guide)
        for line in self.tables.lines:
            self.paragraph(line)
        refs = [(ref_id, None) for ref_id in self.tables.referrals]
        refs += [(STATE_LAW, code) for code in self.tables.state_laws]
        for ref_id, state in refs:
            for again in (False, True):
                self.card(ref_id, state, again)
        self.frozen = True
        return self


def _around(macro, data) -> tuple[str, str]:
    """A macro's output on either side of what it wraps."""
    before, after = str(macro(data, prerender.hole("inner"))).split(str(prerender.hole("inner")))
    return before, after


def render(plan: flow.Plan, hidden: list[tuple[str, str]]) -> str:
    place = _prebuilt()
    if place is None:
        pieces = _pieces(frozen=True)  # rendered for this request only, nothing kept
        frame = None
    else:
        frames, pieces = place
        frame = frames[plan.helper]
    overview, sections = _join(plan, pieces)
    if frame is None:
        return render_template("plan.html", overview=Markup(overview), sections=Markup(sections),
                               helper=plan.helper, hidden=hidden, lang_post=("flow.plan", hidden))
    fields = prerender.hidden_inputs(hidden)
    return prerender.fill(frame, {"nonce": csp_nonce(), "overview": overview, "sections": sections,
                                  "hidden": fields, "switch": fields})


def _join(plan: flow.Plan, pieces: Pieces) -> tuple[str, str]:
    overview: list[str] = []
    sections: list[str] = []
    for group, steps in presenter.plan_sections(plan, lambda ref_id: pieces.can_show(ref_id, plan.state)):
        (overview_before, overview_after), (section_before, section_after) = pieces.group(group)
        items = []
        sections.append(section_before)
        for step, refs in steps:
            item, (step_before, step_after) = pieces.step(step.id, step.title, step.guide)
            items.append(item)
            sections.append(step_before)
            sections.extend([pieces.paragraph(line) for line in step.lines])
            sections.extend([pieces.card(ref_id, plan.state, again) for ref_id, again in refs])
            sections.append(step_after)
        sections.append(section_after)
        overview += [overview_before, *items, overview_after]
    return "".join(overview), "".join(sections)


def _pieces(frozen: bool = False) -> Pieces:
    return Pieces(precompute.tables(current_app.extensions["directory"], presenter.language()), frozen)


def _prebuilt():
    return prerender.for_request(KEY, "flow.plan", _build_place)


def build(app) -> dict:
    """Every place's plan frames (one per voice) and pieces (prerender.places)."""
    return prerender.places(app, KEY, "flow.plan", _build_place)


def _build_place() -> tuple[dict, Pieces]:
    fields = prerender.Fields("hidden")
    frames = {helper: prerender.split(render_template(
        "plan.html", overview=prerender.hole("overview"), sections=prerender.hole("sections"), helper=helper,
        hidden=fields, lang_post=("flow.plan", prerender.Fields("switch")))) for helper in (False, True)}
    return frames, _pieces().build_all()
