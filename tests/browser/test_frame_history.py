"""The widget's steps stay out of the host page's history: a framed page's navigations join the
top page's Back list, so a walk of 13 steps once took 13 presses of Back to leave the host
site. Inside the widget, site.js sends each form by fetch and swaps the answer in, and follows
each link with location.replace: the host's history.length does not grow, and one Back leaves."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _host, skip_to_plan, translator
from tests.browser.test_widget import frame_snippet, guide_frame, host_site

pytestmark = pytest.mark.browser

BEFORE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">' \
         '<title>Before</title></head><body><main><h1>Before</h1></main></body></html>'


@pytest.fixture(scope="module")
def widget(tmp_path_factory):
    def snippets(app):
        return {
            "button.html": f'<script src="{app}/embed.js" data-site="test" async></script>',
            "button-es.html": f'<script src="{app}/embed.js" data-site="test" data-lang="es" async></script>',
            "inline.html": f'<script src="{app}/embed.js" data-site="test" data-mode="inline" async></script>',
            "frame.html": frame_snippet(app),
        }

    folder = tmp_path_factory.mktemp("host-history")
    with host_site(folder, snippets) as urls:
        (folder / "before.html").write_text(BEFORE)
        yield urls


def walk(page, frame, T):
    """Start, answer the first question, the language switch and back, skip to the plan, then
    a link (all guides) and a guide: every kind of step the widget has."""
    heading = frame.locator("h1")
    frame.get_by_role("button", name=T("Start")).click()
    expect(frame.locator("main input[name=_q]")).to_have_value("danger")
    frame.get_by_role("button", name=T("Continue")).click()  # nothing chosen: the error, a 400 page
    expect(frame.locator(".error-summary")).to_be_visible()
    frame.locator("main input[value=no]").check()
    frame.get_by_role("button", name=T("Continue")).click()
    expect(frame.locator("main input[name=_q]")).to_have_value("for_whom")
    skip_to_plan(frame, T)
    frame.locator("footer a").first.click()  # All guides: a link
    expect(heading).not_to_have_text(T("Your next steps"))
    guides = heading.inner_text()
    frame.locator("main a[href*='/guides/']").first.click()
    expect(heading).not_to_have_text(guides)


@pytest.mark.parametrize("snippet,lang", [("button.html", "en"), ("button-es.html", "es"), ("inline.html", "en"),
                                          ("frame.html", "en")])
def test_one_back_leaves_the_host_page_after_a_walk(browser, widget, snippet, lang):
    context, page = _host(browser, widget)
    T = translator(lang)
    page.goto("/before.html")
    page.goto(f"/{snippet}")
    start = page.evaluate("history.length")
    if snippet.startswith("button"):
        page.locator("button").first.click()
    frame = guide_frame(page)
    expect(frame.locator("html")).to_have_attribute("data-js", "ready")
    walk(page, frame, T)
    assert page.evaluate("history.length") == start, "the widget's steps went into the host's history"
    page.go_back()
    page.wait_for_url("**/before.html")
    context.close()
    assert page.console.noise == [], page.console.noise


def test_the_swapped_page_works_like_a_loaded_one(browser, widget):
    """After a step swapped in: the new page's language, title and heading focus, the quick exit
    and Shift three times, and the loader still hears the frame (the exit leaves the host)."""
    context, page = _host(browser, widget)
    page.goto("/button-es.html")
    page.locator("button").first.click()
    frame = guide_frame(page)
    T = translator("es")
    expect(frame.locator("html")).to_have_attribute("data-js", "ready")
    frame.get_by_role("button", name=T("Start")).click()
    expect(frame.locator("main input[name=_q]")).to_have_value("danger")
    expect(frame.locator("h1")).to_be_focused()  # a screen reader hears where it is
    frame.locator(".lang-switch button").click()  # to English: the page's language changes with it
    expect(frame.locator("html")).to_have_attribute("lang", "en")
    inner = next(f for f in page.frames if "/embed/test/" in f.url)
    assert inner.url.endswith("/embed/test/q")
    assert inner.evaluate("document.title").startswith("Questions")
    frame.locator("h1").click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("https://www.weather.gov/")
    context.close()
    assert page.console.noise == [], page.console.noise
