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
