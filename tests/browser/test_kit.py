"""The removal kit in a real browser with JavaScript off: fill it in once, fix an error,
get one request per site, and download the files."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_kit_with_js_off(nojs_page):
    page = nojs_page
    page.goto("/guides/removal")
    page.get_by_role("link", name="Make requests for every site").click()
    expect(page.locator("h1")).to_have_text("Ask every site to take it down at once")
    page.get_by_label("Your full name").fill("Alex Example")
    page.get_by_label("Email address (optional if you give a postal address)").fill("alex@example")
    page.get_by_label("I am the person shown", exact=True).check()
    page.get_by_label("Describe it so they can find it, without explicit detail").fill("a photo from May")
    page.get_by_label("It was made with AI or an app", exact=True).check()
    page.get_by_label("18 or older", exact=True).check()
    places = "https://x.com/a/status/1\nhttps://twitter.com/a/status/2\nhttps://imagehost.example/v/1\n@someone"
    page.get_by_label("Every place you have found it. One per line").fill(places)
    page.get_by_role("button", name="Write my requests").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter an email address like")
    assert page.get_by_label("Every place you have found it. One per line").input_value() == places  # kept
    page.get_by_label("Email address (optional if you give a postal address)").fill("alex@example.com")
    page.get_by_role("button", name="Write my requests").click()
    expect(page.locator("h1")).to_have_text("Your requests are ready")
    assert page.locator("dl.summary .row").count() == 3
    assert "https://twitter.com/a/status/2" in page.locator("#letter-1").input_value()
    assert "imagehost" not in page.locator("#letter-1").input_value()
    assert page.locator("a[href*='imagehost']").count() == 0  # places are never links
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the checklist (CSV)").click()
    assert download.value.suggested_filename == "removal-checklist.csv"
    origin = page.url.split("/letters")[0]
    assert all(r.startswith(origin) for r in page.requests), "a third-party request was made"


def _fill_kit(page, places):
    page.goto("/letters/kit")
    page.fill("#full_name", "Alex Example")
    page.fill("#email", "alex@example.com")
    page.check("#sender-self")
    page.check("#kind-ai")
    page.check("#age-adult")
    page.fill("#locations", places)
    page.fill("#description", "a photo from May")
    page.get_by_role("button", name="Write my requests").click()
    expect(page.locator("h1")).to_have_text("Your requests are ready")


def test_print_and_copy_work_with_javascript(page):
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    _fill_kit(page, "https://x.com/a/status/1\nhttps://www.google.com/search?q=a")
    page.get_by_role("button", name="Print the requests").click()
    assert page.evaluate("window.__printed") == 1
    copy = page.get_by_role("button", name="Copy the letter for request 1")  # 2 is Google's form: no letter
    expect(copy).to_be_visible()
    copy.click()
    expect(page.locator("#copy-status")).to_contain_text("Copied.")
    assert "To: X (Twitter)" in page.evaluate("navigator.clipboard.readText()")
    page.emulate_media(media="print")
    assert page.locator("pre.print-only").first.is_visible() and not page.locator("#letter-1").is_visible()


def test_without_javascript_no_print_or_copy_button_shows_and_the_letter_is_selectable(nojs_page):
    page = nojs_page
    _fill_kit(page, "https://x.com/a/status/1\nhttps://unknown.example/p/1")
    assert page.get_by_role("button", name="Print the requests").count() == 0
    assert all(not b.is_visible() for b in page.locator("button[data-copy]").all())
    letter = page.locator("#letter-1")
    assert letter.is_visible() and "To: X (Twitter)" in letter.input_value()


def test_from_the_plan_to_the_kit_without_retyping(nojs_page):
    page = nojs_page
    page.goto("/q")
    answers = {"danger": "no", "for_whom": "self", "situation": "shared", "age": "adult", "kind": "real",
               "taker": "self"}
    # Answer through the pages as a person would, skipping what is not in `answers`.
    choices = page.locator("input[type=radio], input[type=checkbox]")
    for _ in range(12):
        if page.locator("h1").inner_text() == "Check your answers":
            break
        heading = page.locator("h1").inner_text()
        name = choices.first.get_attribute("name") if choices.count() else None
        if name in answers:
            page.check(f"input[name={name}][value={answers[name]}]")
            page.get_by_role("button", name="Continue").click()
        else:
            page.get_by_role("button", name="Skip this question").click()
        expect(page.locator("h1")).not_to_have_text(heading)
    page.get_by_role("button", name="See my plan").click()
    page.get_by_role("button", name="Open the kit with my answers filled in").click()
    assert page.url.endswith("/letters/kit/start")  # nothing in the address
    for name, value in (("age", "adult"), ("kind", "real"), ("taker", "self")):
        assert page.locator(f"#{name}-{value}").is_checked()
