"""Static checks over the flow and the content (used by `flask flow check` and tests).

Plain Python, no Flask. Each finding is an error (exit 1) or a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from app import directory as directory_module
from app import flow


@dataclass(frozen=True)
class Finding:
    level: str  # "error" | "warning"
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level.upper():7} {self.where}: {self.message}"


SCAN_LIMIT = 1_000_000


def reachability(limit: int = SCAN_LIMIT) -> tuple[set[str], set[str], set[str]]:
    """Questions asked, steps shown and referrals named by some answer set.

    Walks the answer space in order until everything has been seen (today after 28,731
    sets, about a second) or `limit` sets have been tried."""
    by_where = {code: [f"platform:{code}"] for code in flow.QUESTION_BY_ID["where"].codes}
    questions, steps, refs = set(), set(), set()
    all_steps = {s.id for s in flow.STEPS}
    static_refs = _all_static_refs()
    for answers in islice(flow.all_answer_sets(state_options=(None, "CA")), limit):
        questions.update(q.id for q in flow.asked_questions(answers))
        plan = flow.build_plan(answers, by_where)
        steps.update(s.id for s in plan.steps)
        refs.update(plan.referral_ids)
        if len(questions) == len(flow.QUESTIONS) and steps == all_steps and static_refs <= refs \
                and len({r for r in refs if r.startswith("platform:")}) >= 3:
            break
    return questions, steps, refs


def _all_static_refs() -> set[str]:
    return {r.id for s in flow.STEPS for r in s.referrals}


def user_facing_urls(content: directory_module.Directory) -> list[tuple[str, str]]:
    """(where, url) for every address a person can follow (not sources)."""
    out = []
    for entry in content.entries.values():
        for field in ("url", "removal_request"):
            value = getattr(entry, field)
            if value and not (entry.internal and value.startswith("/")):
                out.append((f"{entry.id}.{field}", value))
        if entry.es:  # the Spanish page's links
            out.extend((f"{entry.es.id}.{field}", value) for field in ("url", "info_url")
                       if (value := getattr(entry.es, field)))
    for state in content.states.values():
        out.append((f"state {state.code}.url", state.url))
    if content.kit:  # the removal kit's channels: the forms and the owners' pages it sends people to
        for operator in content.kit.operators.values():
            for channel in operator.channels:
                out.extend((f"kit {channel.id}.{field}", value) for field in ("url", "help_url")
                           if (value := getattr(channel, field)))
    return out


def all_urls(content: directory_module.Directory) -> list[str]:
    """Every outside address in the content: links people follow and the sources behind them."""
    urls = [u for _, u in user_facing_urls(content)]
    for record in content.all_records():
        urls.extend(record.sources)
    return list(dict.fromkeys(urls))


def check(content_dir: Path | None = None, warn_age_days: int = directory_module.REVIEW_WARN_DAYS,
          today: dt.date | None = None, scan_limit: int = SCAN_LIMIT,
          fail_age_days: int = directory_module.REVIEW_FAIL_DAYS) -> list[Finding]:
    findings: list[Finding] = []
    try:
        content = directory_module.load(content_dir or directory_module.CONTENT_DIR)
    except directory_module.ContentError as exc:
        return [Finding("error", "content", str(exc))]
    today = today or dt.date.today()

    questions, steps, refs = reachability(scan_limit)
    unreached = f"no answers ever reach it (first {scan_limit:,} answer sets tried)"
    for question in flow.QUESTIONS:
        if question.id not in questions:
            findings.append(Finding("error", f"question {question.id}", unreached))
    for step in flow.STEPS:
        if step.id not in steps:
            findings.append(Finding("error", f"step {step.id}", unreached))
    for ref in sorted(_all_static_refs()):
        if ref not in refs:
            findings.append(Finding("error", f"referral {ref}", unreached))
    used = _all_static_refs() | {p.id for p in content.platforms}
    for entry in content.entries.values():
        if entry.id not in used:
            findings.append(Finding("error", f"entry {entry.id}", "no step of the plan uses it"))
    for entry in content.entries.values():
        if entry.kind == "resource" and not entry.internal and entry.es is None:
            findings.append(Finding("warning", f"entry {entry.id}", "no `es` block: Spanish pages show it as "
                                    "English (\"en inglés\"); say what Spanish help it has, or that none was found"))
    if content.kit:
        for platform in content.platforms:
            if not content.kit.operators[platform.id].channels:
                findings.append(Finding("warning", f"platform {platform.id}", "no removal channels in "
                                        "removal-channels.toml: the kit sends the letter through its entry's page"))
    where_codes = {code for p in content.platforms for code in p.where}
    for code in ("social", "adult_site", "messaging"):
        if code not in where_codes:
            findings.append(Finding("warning", f"where={code}", "no platform is listed for it"))

    # The loader has refused content without sources, or with a link people follow that is
    # not https; what is left to check is what it accepts.
    policy = content.source_policy
    for record in content.all_records():
        name = record.id
        for source in record.sources:
            if not source.startswith("https://"):
                findings.append(Finding("warning", name, f"source is not https: {source}"))
            if policy.classify(source) is None:
                findings.append(Finding("error", name, f"{urlsplit(source).hostname} is not the owner's own site, an "
                                        f"official site or a trusted organisation (source-policy.toml): {source}"))
        if record.secondary:
            findings.append(Finding("warning", name, f"some facts rest only on secondary sources: {record.secondary}"))
        age = (today - record.reviewed).days
        if age > fail_age_days:
            findings.append(Finding("error", name, f"last reviewed {record.reviewed} ({age} days ago): "
                                                   "re-check it (docs/content.md)"))
        elif age > warn_age_days:
            findings.append(Finding("warning", name, f"last reviewed {record.reviewed} ({age} days ago)"))
        if record.reviewed > today:
            findings.append(Finding("error", name, f"review date {record.reviewed} is in the future"))
    return findings
