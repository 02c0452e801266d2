"""Follow-up: for each request of a checklist past its respond-by date, what to do next.

Nothing is stored: the person brings the checklist back (app/removal_kit/checklist.py). The
places are grouped and routed again, so the next steps follow today's content data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.removal_kit.channels import (
    ACT_48H,
    CLARIFY,
    DMCA_NOTICE,
    FOLLOW_UP_LETTER,
    FTC_TAKEITDOWN,
    HOST_ABUSE,
    IF_COVERED,
    REFERRAL,
    SEARCH_FORM,
    TIDA_FORM,
    TIDA_LETTER,
    Request,
    Route,
    Situation,
    route_group,
)
from app.removal_kit.checklist import ChecklistRow, respond_by
from app.removal_kit.places import group_locations

# Status codes (the web words them).
REMOVED, WAITING, OVERDUE, NO_DEADLINE = "removed", "waiting", "overdue", "no_deadline"


@dataclass(frozen=True)
class FollowUp:
    row: ChecklistRow
    request: Request  # the row's places routed again (one row can hold several operators)
    respond_by: dt.date | None  # the checklist's date, or the Act's from the sent date
    status: str  # REMOVED | WAITING | OVERDUE | NO_DEADLINE
    steps: tuple[Route, ...]  # in order; empty unless OVERDUE or NO_DEADLINE


def _steps(request: Request) -> tuple[Route, ...]:
    first = [r for r in request.routes if r.kind == REFERRAL]  # NCMEC stays first for a minor
    later = [r for r in request.routes if r.kind in (HOST_ABUSE, DMCA_NOTICE)]
    sent = next((r for r in request.routes if r.kind not in (REFERRAL, HOST_ABUSE, DMCA_NOTICE)), None)
    if sent is None or sent.kind == CLARIFY:
        return tuple(first)
    steps = list(first)
    if sent.kind in (TIDA_FORM, TIDA_LETTER):
        steps.append(Route(FOLLOW_UP_LETTER, "past_respond_by"))
    if request.deadline == ACT_48H:
        steps.append(Route(REFERRAL, "ftc_covered", referral=FTC_TAKEITDOWN))
    elif request.deadline == IF_COVERED:
        steps.append(Route(REFERRAL, "ftc_if_covered", referral=FTC_TAKEITDOWN))
    # The operator's other ways in (the app's Report after its form), then the host and copyright.
    others = [r for r in request.routes if r not in first and r not in later and r is not sent
              and r.kind != SEARCH_FORM]
    return tuple(steps + others + later)


def follow_up(rows: list[ChecklistRow], today: dt.date, book, situation: Situation | None = None) -> list[FollowUp]:
    """One FollowUp per operator in each row, in the checklist's order. `situation`: what the
    person says happened, so NCMEC stays first for a minor (nothing said: both routes)."""
    situation = situation or Situation()
    out = []
    for row in rows:
        for group in group_locations(list(row.places), book.domains, book.results):
            request = route_group(group, situation, book)
            due = row.respond_by
            if due is None and request.deadline in (ACT_48H, IF_COVERED):
                due = respond_by(row.sent_on)
            if row.removed_on is not None:
                status, steps = REMOVED, ()
            elif due is None:
                status, steps = NO_DEADLINE, _steps(request)
            elif today > due:
                status, steps = OVERDUE, _steps(request)
            else:
                status, steps = WAITING, ()
            out.append(FollowUp(row, request, due, status, steps))
    return out
