"""Real-browser walks: JavaScript off, keyboard only, quick exit, accessibility."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import EXIT_URL, axe, skip_to_plan, translator

pytestmark = pytest.mark.browser


def h1(page):
    return page.locator("h1").inner_text()


def press(page, button, *labels):
    """Tick each label, press the button, and wait for the next page's heading."""
    for label in labels:
        page.get_by_label(label, exact=True).check()
    heading = page.locator("h1")
    before = heading.inner_text()
    page.get_by_role("button", name=button).click()
    expect(heading).not_to_have_text(before)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_js_walk_with_back_change_and_skip(nojs_page, lang):
    """The whole walk with JavaScript off, in each language, pressing what a reader sees there."""
    page, T, prefix = nojs_page, translator(lang), "/es" if lang == "es" else ""
    page.goto(prefix + "/")
    press(page, T("Start"))
    expect(page.locator("h1")).to_have_text(T("Are you in danger right now, or afraid someone may hurt you?"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    press(page, T("Continue"), T("No"))
    press(page, T("Continue"), T("It's about me"))
    press(page, T("Continue"), T("A picture or video has been shared, posted or sent"))
    press(page, T("Back"))  # Back keeps the answer
    expect(page.locator("h1")).to_have_text(T("What is happening?"))
    expect(page.get_by_label(T("A picture or video has been shared, posted or sent"), exact=True)).to_be_checked()
    press(page, T("Continue"))
    press(page, T("Continue"), T("18 or older"))
    press(page, T("Skip this question"))  # kind
    press(page, T("Continue"), T("Someone else took it"))
    press(page, T("Continue"), T("In search results, like Google"))
    press(page, T("Continue"), T("Yes"))
    press(page, T("Skip this question"))  # state
    expect(page.locator("h1")).to_have_text(T("Check your answers"))
    press(page, T('Change<span class="vh"> your answer to: %(question)s</span>', question=T("Where have you seen it?")))
    press(page, T("Continue"), T("A social media app or site"))
    expect(page.locator("h1")).to_have_text(T("Check your answers"))
    press(page, T("See my plan"))
    expect(page.locator("h1")).to_have_text(T("Your next steps"))
    text = page.locator("main").inner_text()
    assert T("Remove it from search results") in text and "StopNCII" in text and "X (Twitter)" in text
    assert page.url.endswith(prefix + "/plan")
    assert all(r.startswith(page.url.split(prefix + "/plan")[0]) for r in page.requests), page.requests


def tab_to(page, text, limit=40):
    """Press Tab until the focused element's text is `text` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            # focus must be visible
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none"
            return
    raise AssertionError(f"could not Tab to {text!r}")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_keyboard_only_walk(page, lang):
    T, prefix = translator(lang), "/es" if lang == "es" else ""
    page.goto(prefix + "/")
    tab_to(page, T("Start"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/q")
    for _ in range(12):
        if h1(page) == T("Check your answers"):
            break
        if h1(page) == T("Get help now"):  # the first answer said danger: help first, then on
            tab_to(page, T("Keep answering questions"))
            with page.expect_navigation():
                page.keyboard.press("Enter")
            continue
        if page.locator("main select").count():
            page.locator("main select").focus()
            page.keyboard.press("ArrowDown")  # choose the first state
        else:
            page.locator("main fieldset input:visible").first.focus()
            page.keyboard.press("Space")
        tab_to(page, T("Continue"))
        with page.expect_navigation():
            page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(T("Check your answers"))
    tab_to(page, T("See my plan"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert h1(page) in (T("Your next steps"), T("Next steps for the person you are helping"))
    assert page.locator("html").get_attribute("lang") == lang
    origin = page.url.split(prefix + "/plan")[0]
    assert all(r.startswith(origin) for r in page.requests), "a third-party request was made"


def test_focus_moves_to_error_summary(page):
    page.goto("/q")
    page.locator("html[data-js=ready]").wait_for(state="attached")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_focused()


def test_quick_exit_click_replaces_history(page, server):
    page.goto("/")
    press(page, "Start")
    press(page, "Continue", "No")  # a question page, reached by POST
    page.locator("html[data-js=ready]").wait_for(state="attached")
    page.locator("#quick-exit").click()
    page.wait_for_url(EXIT_URL)
    page.go_back()
    # replace(): the question page is gone from history; Back lands on the page before it
    expect(page.locator("h1")).not_to_contain_text("helping someone else")
    assert page.url == server + "/q"
    expect(page.locator("h1")).to_contain_text("in danger")


def test_quick_exit_shift_three_times(page):
    page.goto("/guides/")
    page.locator("html[data-js=ready]").wait_for(state="attached")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)


def test_quick_exit_without_js(nojs_page):
    nojs_page.goto("/")
    nojs_page.locator("#quick-exit").click()
    nojs_page.wait_for_url(EXIT_URL)


def test_axe_clean_on_error_and_plan(page):
    """Reached by clicking, scripts running (every page and state is checked in test_pages.py)."""
    page.goto("/q")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    result = axe(page)
    assert result.violations_count == 0, result.generate_report()
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    skip_to_plan(page)
    result = axe(page)
    assert result.violations_count == 0, result.generate_report()


def test_removal_request_with_js_off(nojs_page):
    page = nojs_page
    page.goto("/letters/removal")
    page.get_by_label("I am the person shown", exact=True).check()
    page.get_by_label("Your full name").fill("Alex Example")
    page.get_by_label("Email address (optional if you give a postal address)").fill("alex@example.com")
    page.get_by_label("Which site or app is it on?").select_option("discord")
    page.get_by_label("Where is it? One per line").fill("https://discord.com/channels/1/2/3")
    page.get_by_role("button", name="Write my request").click()
    expect(page.locator(".error-summary")).to_be_visible()  # description and kind are missing
    assert page.get_by_label("Your full name").input_value() == "Alex Example"  # kept
    page.get_by_label("Describe it so they can find it, without explicit detail").fill("a photo from a party")
    page.get_by_label("Fake: edited or made with AI (a digital forgery)", exact=True).check()
    page.get_by_label("No, 18 or older", exact=True).check()
    page.get_by_role("button", name="Write my request").click()
    expect(page.locator("h1")).to_have_text("Your removal request is ready")
    letter = page.get_by_label("The letter").input_value()
    assert "/s/ Alex Example" in letter and "digital forgery" in letter
    assert "https://discord.com/report" in page.locator("main").inner_text()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as a text file").click()
    assert info.value.suggested_filename == "removal-request.txt"
