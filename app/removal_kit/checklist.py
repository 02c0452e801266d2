"""The checklist: dates, the CSV the kit writes, and reading it back. Plain Python.

The person keeps the checklist, not us: to follow up they bring the CSV back (or paste it).
It is read as untrusted text: a cell the kit escaped for spreadsheets (a leading `'`) is
unescaped, columns we do not know are ignored, and a bad row becomes an error for that row,
never an exception.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass

from app.removal_kit.places import MAX_LOCATIONS

RESPOND_DAYS = 2  # the Act's 48 hours, shown as the day after next
LAST_SENT_ON = dt.date.max - dt.timedelta(days=RESPOND_DAYS)  # its respond-by date must exist

# The columns the kit writes, in order (app/web/kit.py words the header in the page's language).
COLUMNS = ("request", "site", "places", "send_to", "sent_on", "respond_by", "removed_on", "case")
MAX_ROWS = MAX_LOCATIONS  # a kit has at most one request per place
MAX_CELL = 4000  # characters: a cell holds at most a request's places

# Row error codes (the web words them).
BAD_DATE, MISSING, TOO_LONG, TOO_MANY_ROWS, UNREADABLE, OUT_OF_RANGE = (
    "bad_date", "missing", "too_long", "too_many_rows", "unreadable", "out_of_range")

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")


def respond_by(sent_on: dt.date) -> dt.date:
    """The site must act within 48 hours of getting the request: check on the day after next."""
    return sent_on + dt.timedelta(days=RESPOND_DAYS)


def safe_cell(value: str) -> str:
    """A spreadsheet must not run what someone typed: formula-like cells get a leading apostrophe."""
    text = str(value)
    return "'" + text if text[:1] in _FORMULA else text


def unsafe_cell(text: str) -> str:
    """The kit's own escaping undone (`'=x` back to `=x`); any other text as it is."""
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA else text


def to_csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in [header, *rows]:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


@dataclass(frozen=True)
class ChecklistRow:
    """One request as the person's checklist has it."""

    row: int  # its line in the file, counting the header, from 1
    site: str
    places: tuple[str, ...]
    sent_on: dt.date
    respond_by: dt.date | None = None
    removed_on: dt.date | None = None
    case: str = ""


@dataclass(frozen=True)
class RowError:
    row: int  # 0 for the file as a whole
    column: str  # a COLUMNS code, or "" for the whole row or file
    code: str  # BAD_DATE, MISSING, ...


@dataclass(frozen=True)
class Checklist:
    rows: tuple[ChecklistRow, ...]
    errors: tuple[RowError, ...]


def parse_date(text: str) -> dt.date | None:
    """YYYY-MM-DD (what the kit writes; `/` too, as some spreadsheets save it); None if not a date."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _columns(header: list[str], names: Mapping[str, str]) -> dict[str, int] | None:
    """Column code -> index from a header row's words (`names`: lower-case word -> code)."""
    found = {}
    for index, cell in enumerate(header):
        code = names.get(unsafe_cell(cell).strip().lower())
        if code in COLUMNS and code not in found:
            found[code] = index
    return found if {"places", "sent_on"} <= set(found) else None


def parse_checklist(text: str, names: Mapping[str, str] | None = None) -> Checklist:
    """The rows of a checklist CSV. `names` maps header words (any language the kit writes) to
    COLUMNS codes; without a match the kit's own column order is used. A header is any first row
    whose "sent on" cell is not a date."""
    try:
        table = [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), strict=True)]
    except csv.Error:
        return Checklist((), (RowError(0, "", UNREADABLE),))
    columns = {code: index for index, code in enumerate(COLUMNS)}
    start = 0
    if table:
        by_name = _columns(table[0], names or {})
        sent_index = (by_name or columns)["sent_on"]
        first_sent = table[0][sent_index] if sent_index < len(table[0]) else ""
        if by_name or parse_date(unsafe_cell(first_sent)) is None:
            columns, start = by_name or columns, 1
    rows, errors = [], []
    for number, raw in enumerate(table[start:], start + 1):
        if not any(cell.strip() for cell in raw):
            continue
        if len(rows) + len({e.row for e in errors}) >= MAX_ROWS:
            errors.append(RowError(0, "", TOO_MANY_ROWS))
            break
        parsed = _row(number, raw, columns)
        (errors.extend if isinstance(parsed, list) else rows.append)(parsed)
    return Checklist(tuple(rows), tuple(errors))


def _row(number: int, raw: list[str], columns: dict[str, int]) -> ChecklistRow | list[RowError]:
    cells = {code: unsafe_cell(raw[i]).strip() if i < len(raw) else "" for code, i in columns.items()}
    errors = [RowError(number, code, TOO_LONG) for code, value in cells.items() if len(value) > MAX_CELL]
    if errors:
        return errors
    dates = {}
    for code in ("sent_on", "respond_by", "removed_on"):
        value = cells.get(code, "")
        if not value:
            if code == "sent_on":
                errors.append(RowError(number, code, MISSING))
            continue
        day = parse_date(value)
        if day is None:
            errors.append(RowError(number, code, BAD_DATE))
        elif code == "sent_on" and day > LAST_SENT_ON:
            errors.append(RowError(number, code, OUT_OF_RANGE))
        dates[code] = day
    places = tuple(line.strip() for line in cells.get("places", "").splitlines() if line.strip())
    if not places:
        errors.append(RowError(number, "places", MISSING))
    if errors:
        return errors
    return ChecklistRow(number, cells.get("site", ""), places, dates["sent_on"], dates.get("respond_by"),
                        dates.get("removed_on"), cells.get("case", ""))
