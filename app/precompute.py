"""A plan's display text, translated once per language and kept (issue 15).

A plan is made of content: its steps' paragraphs (engine text with the named facts filled in),
each referral's API object (`Referral.to_json()`, its text translated) and the law of each
state. None of it depends on a visitor, only on the content and the language, so it is built
whole for a catalog the first time that catalog is used (gunicorn.conf.py builds it for every
language as each worker starts) and kept for the life of the content. Requests only look their
plan's pieces up: the tables are keyed by content ids and filled before any request reads them,
never by answers, so nothing in them says what anyone asked for.

Plain Python over the engine and the directory; the catalog comes from `app.i18n`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from app import flow
from app.directory import STATE_LAW, Directory
from app.i18n import t, translations


class ReadOnlyDict(dict):
    """A dict that refuses changes: the tables' objects are shared by every request."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("precomputed display data is shared by every request: copy it to change it")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _refuse


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per catalog
class Tables:
    """One language's display text for one directory. Read-only: the dicts inside are shared
    by every request, so callers copy before changing anything (see `presenter.referral`)."""

    lines: Mapping[str, str]  # step line msgid -> translated, facts filled in
    titles: Mapping[str, str]  # step title msgid (either voice) -> translated
    referrals: Mapping[str, dict]  # referral id -> API object
    state_laws: Mapping[str, dict]  # state code -> the `state-law` API object for it
    facts: Mapping[str, str]  # the named facts lines are filled with, in this language
    questions: Mapping[tuple[str, bool], dict]  # (question id, helper voice) -> its display text

    def texts(self, lines) -> list[str]:
        """Step lines, translated; one no table holds (steps swapped by a test) afresh."""
        table = self.lines
        return [table[line] if line in table else t(line, **self.facts) for line in lines]

    def title(self, msgid: str) -> str:
        found = self.titles.get(msgid)
        return found if found is not None else t(msgid)

    def referral(self, ref_id: str, state_code: str | None) -> dict | None:
        if ref_id == STATE_LAW:
            return self.state_laws.get(state_code) if state_code else None
        return self.referrals.get(ref_id)


def tables(directory: Directory, lang: str) -> Tables:
    """The tables for this directory in the request's catalog and `lang` (the content's language
    blocks: `Directory.referral(..., lang=)`, `facts_in`), built on first use."""
    key = (translations(), lang)
    # Kept beside the content they come from (as Directory's cached properties are).
    store: dict = directory.__dict__.setdefault("_display_tables", {})
    found = store.get(key)
    if found is None:
        found = store[key] = build(directory, lang)
    return found


def build(directory: Directory, lang: str) -> Tables:
    """Translate every step line, step title, referral and question with the current catalog, in
    `lang`'s content."""
    facts = directory.facts_in(lang)
    lines = {}
    for step in flow.STEPS:
        for line in step.lines:
            for text in line.text.msgids:
                lines[text] = t(text, **facts)
    titles = {text: t(text) for step in flow.STEPS for text in step.title.msgids}
    referrals = {ref_id: _shared(directory.referral(ref_id, None, t, lang=lang).to_json())
                 for ref_id in directory.entries}
    state_laws = {code: _shared(directory.referral(STATE_LAW, code, t, lang=lang).to_json())
                  for code in directory.states}
    questions = {(q.id, helper): _shared({**(data := question_data(q, helper, directory)),
                                          "choices": tuple(ReadOnlyDict(c) for c in data["choices"])})
                 for q in flow.QUESTIONS for helper in (False, True)}
    return Tables(MappingProxyType(lines), MappingProxyType(titles), MappingProxyType(referrals),
                  MappingProxyType(state_laws), MappingProxyType(facts), MappingProxyType(questions))


def _folded(name: str) -> str:
    """A name as an alphabetical list orders it: accents and case aside (México with Mexico)."""
    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)).casefold()


def question_data(question: flow.Question, helper: bool = False, directory: Directory | None = None) -> dict:
    """A question's display text, translated with the current catalog."""
    title, why, hint = question.voiced(helper)
    choices = []
    for choice in question.choices:
        label, choice_hint = choice.voiced(helper)
        if question.labels == "states" and directory is not None:
            label = directory.states[choice.code].name
        choices.append({"code": choice.code, "label": t(label), "hint": t(choice_hint)})
    if question.labels == "states":  # alphabetical in the page's language, territories last
        choices.sort(key=lambda c: (c["code"] in flow.TERRITORY_CODES, _folded(c["label"])))
    return {
        "id": question.id, "title": t(title), "why": t(why), "hint": t(hint),
        "multiple": question.multiple, "control": question.shown_as, "choices": choices,
        "exclusive": sorted(question.exclusive),
    }


def _shared(data: dict) -> ReadOnlyDict:
    return ReadOnlyDict(data)
