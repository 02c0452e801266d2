"""The removal kit's engine: places -> operators -> channels, dates, the checklist and the
follow-up. Plain Python (no Flask, nothing of the app): the content it routes by comes in as
the directory's KitBook, read by attribute.

- `places`: read each line as a browser would, group by operator (PSL, look-alikes)
- `channels`: route each group by what happened (`Situation`) to its operator's channels
- `checklist`: dates, the CSV the kit writes, and reading it back
- `followup`: what to do once a respond-by date has passed
"""

from app.removal_kit.channels import (
    ACT_48H,
    CLARIFY,
    CONDITIONS,
    DEADLINES,
    DMCA_AGENT,
    DMCA_NOTICE,
    EMAIL,
    FOLLOW_UP_LETTER,
    HOST_ABUSE,
    IF_COVERED,
    IN_APP,
    NCII_FORM,
    NO_DEADLINE,
    REASONS,
    REFERRAL,
    ROUTE_KINDS,
    SEARCH_FORM,
    TIDA_FORM,
    TIDA_LETTER,
    Request,
    Route,
    Situation,
    kit_steps,
    route,
    route_group,
)
from app.removal_kit.checklist import (
    COLUMNS,
    LAST_SENT_ON,
    RESPOND_DAYS,
    Checklist,
    ChecklistRow,
    RowError,
    parse_checklist,
    parse_date,
    respond_by,
    safe_cell,
    to_csv,
    unsafe_cell,
)
from app.removal_kit.followup import NO_DEADLINE as NO_DEADLINE_STATUS
from app.removal_kit.followup import OVERDUE, REMOVED, WAITING, FollowUp, follow_up
from app.removal_kit.places import (
    MAX_LOCATIONS,
    PLATFORM,
    SEARCH,
    SITE,
    UNCLEAR,
    Group,
    group_locations,
    location_host,
    location_parts,
    lookalike_of,
    mixed_scripts,
    platform_for,
    registrable_domain,
    unicode_host,
    unique_lines,
)

__all__ = [
    "MAX_LOCATIONS", "RESPOND_DAYS", "LAST_SENT_ON", "PLATFORM", "SEARCH", "SITE", "UNCLEAR", "Group",
    "group_locations", "location_host", "location_parts", "lookalike_of", "mixed_scripts", "platform_for",
    "registrable_domain", "unicode_host", "unique_lines",
    "ACT_48H", "IF_COVERED", "NO_DEADLINE", "CONDITIONS", "DEADLINES", "REASONS", "ROUTE_KINDS",
    "Request", "Route", "Situation", "kit_steps", "route", "route_group",
    "TIDA_FORM", "NCII_FORM", "SEARCH_FORM", "IN_APP", "EMAIL", "DMCA_AGENT", "HOST_ABUSE", "TIDA_LETTER",
    "DMCA_NOTICE", "REFERRAL", "CLARIFY", "FOLLOW_UP_LETTER",
    "COLUMNS", "Checklist", "ChecklistRow", "RowError", "parse_checklist", "parse_date", "respond_by",
    "safe_cell", "to_csv", "unsafe_cell",
    "NO_DEADLINE_STATUS", "OVERDUE", "REMOVED", "WAITING", "FollowUp", "follow_up",
]  # fmt: skip
