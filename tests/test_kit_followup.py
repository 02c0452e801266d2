"""Follow-up from the person's own checklist (issue 25, item 3): read safely, bad rows reported per
row, and past the respond-by date a follow-up letter and, where the Act applies, the FTC."""

from __future__ import annotations

import datetime as dt

import pytest

from app import directory as directory_module
from app import removal_kit
from app.removal_kit import channels

BOOK = directory_module.load().kit
SENT = dt.date(2026, 12, 1)
HEADER = ["Request", "Site or app", "Places", "Where to send it", "Sent on", "Respond by", "Removed on",
          "Case or ticket number"]


def _csv(*rows):
    return removal_kit.to_csv(HEADER, [list(r) for r in rows])


def _row(n, site, places, sent="2026-12-01", due="", removed="", case=""):  # SENT
    return [str(n), site, "\n".join(places), "", sent, due, removed, case]


def test_the_kits_own_csv_reads_back_with_its_escaping_undone():
    text = _csv(_row(1, "=HYPERLINK(\"x\")", ["https://x.com/a/status/1", "@name"], due="2026-12-03", case="-12"))
    checklist = removal_kit.parse_checklist(text)
    assert checklist.errors == ()
    (row,) = checklist.rows
    assert row.site == "=HYPERLINK(\"x\")" and row.case == "-12"  # text, as typed
    assert row.places == ("https://x.com/a/status/1", "@name") and row.respond_by == dt.date(2026, 12, 3)
    assert removal_kit.to_csv(["h"], [[row.site]]).splitlines()[1].startswith("\"'=")  # escaped again on the way out


@pytest.mark.parametrize(("cells", "column", "code"), [
    ({4: "31/12/2026"}, "sent_on", "bad_date"), ({4: "2026-02-30"}, "sent_on", "bad_date"),
    ({4: ""}, "sent_on", "missing"), ({2: ""}, "places", "missing"), ({5: "soon"}, "respond_by", "bad_date"),
    ({4: "9999-12-31"}, "sent_on", "out_of_range"), ({2: "x" * 5000}, "places", "too_long"),
])
def test_a_bad_row_is_an_error_for_that_row_not_an_exception(cells, column, code):
    bad = _row(2, "b.example", ["b.example/1"])
    for index, value in cells.items():
        bad[index] = value
    checklist = removal_kit.parse_checklist(_csv(_row(1, "a.example", ["a.example/1"]), bad))
    assert [r.site for r in checklist.rows] == ["a.example"]
    assert removal_kit.RowError(3, column, code) in checklist.errors


def test_unknown_columns_are_ignored_and_headers_in_any_language_are_found_by_name():
    names = {"sitio o app": "site", "lugares": "places", "enviada el": "sent_on", "responder antes del": "respond_by"}
    text = "Notas,Lugares,Enviada el,Sitio o app,Responder antes del\r\nhola,a.example/1,2026-12-01,a.example,\r\n"
    (row,) = removal_kit.parse_checklist(text, names).rows
    assert (row.site, row.places, row.sent_on, row.respond_by) == ("a.example", ("a.example/1",), SENT, None)


@pytest.mark.parametrize("text", ["", "\ufeff", "a,\"b", "\x00\x00", "Request\r\n", "\r\n\r\n,,,,"])
def test_anything_pasted_gives_rows_or_errors(text):
    checklist = removal_kit.parse_checklist(text)
    assert isinstance(checklist.rows, tuple) and isinstance(checklist.errors, tuple)


def test_too_many_rows_is_said_once():
    rows = [_row(n, "a.example", [f"a.example/{n}"]) for n in range(removal_kit.MAX_LOCATIONS + 5)]
    checklist = removal_kit.parse_checklist(_csv(*rows))
    assert len(checklist.rows) == removal_kit.MAX_LOCATIONS
    assert checklist.errors == (removal_kit.RowError(0, "", "too_many_rows"),)


def _follow(places, today, situation=None, **cells):
    (row,) = removal_kit.parse_checklist(_csv(_row(1, "s", places, **cells))).rows
    return removal_kit.follow_up([row], today, BOOK, situation)


@pytest.mark.parametrize("operator", sorted(o.id for o in BOOK.operators.values() if o.covered))
def test_a_covered_platform_past_its_date_gets_a_follow_up_and_the_ftc(operator):
    domain = next(d for d, o in BOOK.platform_domains.items() if o == operator)
    (item,) = _follow([f"https://{domain}/p/1"], SENT + dt.timedelta(days=3))
    assert item.status == removal_kit.OVERDUE and item.respond_by == removal_kit.respond_by(SENT)
    reasons = [s.reason for s in item.steps]
    assert reasons[:2] == ["past_respond_by", "ftc_covered"]
    assert item.steps[1].referral == channels.FTC_TAKEITDOWN


def test_an_unknown_site_gets_the_ftc_if_covered_then_its_host():
    adult = removal_kit.Situation(minor=False)
    (item,) = _follow(["https://unknown.example/p/1"], SENT + dt.timedelta(days=3), adult)
    kinds = [s.kind for s in item.steps]
    assert [s.reason for s in item.steps][:2] == ["past_respond_by", "ftc_if_covered"]
    assert kinds.count(channels.HOST_ABUSE) == sum(1 for c in BOOK.hosting.channels if c.kind == "host_abuse")


def test_search_results_have_no_deadline_and_no_ftc():
    (item,) = _follow(["https://www.google.com/search?q=x"], SENT + dt.timedelta(days=30))
    assert item.status == removal_kit.NO_DEADLINE_STATUS and item.respond_by is None
    assert all(s.referral != channels.FTC_TAKEITDOWN for s in item.steps)


@pytest.mark.parametrize(("today", "removed", "status"), [
    (SENT + dt.timedelta(days=2), "", removal_kit.WAITING), (SENT + dt.timedelta(days=3), "", removal_kit.OVERDUE),
    (SENT + dt.timedelta(days=9), "2026-12-02", removal_kit.REMOVED),
])
def test_status_by_the_date(today, removed, status):
    (item,) = _follow(["https://x.com/a/status/1"], today, removed=removed)
    assert item.status == status and (item.steps == ()) == (status != removal_kit.OVERDUE)


def test_a_minors_follow_up_keeps_ncmec_first():
    (row,) = removal_kit.parse_checklist(_csv(_row(1, "s", ["https://unknown.example/1"]))).rows
    (item,) = removal_kit.follow_up([row], SENT + dt.timedelta(days=5), BOOK, removal_kit.Situation(minor=True))
    assert item.steps[0].referral == channels.CYBERTIPLINE
