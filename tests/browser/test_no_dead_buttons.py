"""Without JavaScript, a button that only the script can make work (Print, Copy) is not shown:
a person who presses Copy and sees nothing happen may leave a page that keeps nothing."""

import pytest

pytestmark = pytest.mark.browser


def test_print_and_copy_stay_hidden_without_javascript(nojs_page):
    page = nojs_page
    page.goto("/letters/removal")
    page.check("#sender-self")
    page.fill("#full_name", "Alex Example")
    page.fill("#email", "alex@example.com")
    page.select_option("#platform", "x")
    page.fill("#locations", "https://x.com/a/status/1")
    page.fill("#description", "a photo")
    page.check("#kind-forgery")
    page.check("#minor-no")
    page.get_by_role("button", name="Write my request").click()
    page.wait_for_selector("#copy", state="attached")
    assert page.locator("h1").inner_text()
    assert page.locator("#print").count() == 0  # made by the script only
    assert page.locator("#copy").is_hidden()
    assert page.locator("textarea, pre").first.is_visible()  # the letter itself, to select and copy
