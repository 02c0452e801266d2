"""The widget on a host page of another site: http://127.0.0.1:A hosts http://localhost:B."""

import contextlib
import os
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.conftest import EXIT_URL, PHONE, _context, _host, axe, skip_to_plan
from tests.servers import free_port, gunicorn, static_host

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Host site</title></head>
<body><main><h1>A host organisation</h1><p>Some content.</p>{snippet}</main></body></html>"""


@contextlib.contextmanager
def host_site(folder, snippets):
    """The app (site "test") beside a host site on another origin whose pages are HOST_PAGE
    with each snippet; `snippets(app_url)` gives {file name: snippet}. Yields the URLs."""
    host_port, app_port = free_port(), free_port()
    host, app = f"http://127.0.0.1:{host_port}", f"http://localhost:{app_port}"
    for name, snippet in snippets(app).items():
        (folder / name).write_text(HOST_PAGE.format(snippet=snippet))
    env = {"HELP_EMBED_SITES": f"test={host}", "HELP_EXIT_URL": EXIT_URL}
    with static_host(folder, host_port), gunicorn(port=app_port, env=env):
        yield {"host": host, "app": app}


def frame_snippet(app: str) -> str:
    return (f'<iframe src="{app}/embed/test/" title="Help guide" width="100%" height="720" '
            'referrerpolicy="no-referrer" allow=""></iframe>')


@pytest.fixture(scope="module")
def widget(tmp_path_factory):
    def snippets(app):
        return {
            "button.html": f'<script src="{app}/embed.js" data-site="test" async></script>',
            "inline.html": f'<script src="{app}/embed.js" data-site="test" data-mode="inline" async></script>',
            "frame.html": frame_snippet(app),
            "unknown.html": f'<iframe src="{app}/embed/nobody/" title="Help guide"></iframe>',
        }

    with host_site(tmp_path_factory.mktemp("host"), snippets) as urls:
        # a second host site that is not allowed
        other_folder = tmp_path_factory.mktemp("other")
        (other_folder / "frame.html").write_text(HOST_PAGE.format(snippet=frame_snippet(urls["app"])))
        with static_host(other_folder) as other:
            yield {**urls, "other": other}


def guide_frame(page):
    page.wait_for_function("() => document.querySelector('iframe') && document.querySelector('iframe').contentWindow")
    frame = page.frame_locator("iframe")
    frame.locator("h1").wait_for()
    return frame


def walk_to_plan(frame):
    frame.get_by_role("button", name="Start").click()
    skip_to_plan(frame)


def in_view(page, locator) -> bool:
    """Wholly inside the top window's viewport (boxes of framed elements are in its coordinates)."""
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["x"] >= 0 and box["y"] + box["height"] <= size["height"] \
        and box["x"] + box["width"] <= size["width"]


def settled_in_view(page, *locators, within_ms=1000) -> None:
    """Give the loader a moment (as a person would see it) to bring the new page into view;
    returns as soon as all are in view, the caller's asserts then say what is not."""
    for _ in range(within_ms // 25):
        if all(in_view(page, locator) for locator in locators):
            return
        page.wait_for_timeout(25)


def tap_through_to_plan(page, frame, exit_control, shoot=None):
    """Tap Start, skip every question, tap "See my plan". After every step the quick exit and
    the new page's <h1> must be on screen, without the person scrolling."""
    heading = frame.locator("h1")

    def step(name):
        before = heading.inner_text()
        frame.get_by_role("button", name=name).tap()
        expect(heading).not_to_have_text(before)
        settled_in_view(page, exit_control, heading)  # the loader brings the new page into view
        where = f"after {name!r}, on {heading.inner_text()!r}"
        assert in_view(page, exit_control), "quick exit out of view " + where
        assert in_view(page, heading), "heading out of view " + where

    assert in_view(page, exit_control) and in_view(page, heading)
    step("Start")
    if shoot:
        shoot("start")
    for _ in range(12):
        if heading.inner_text() == "Check your answers":
            break
        step("Skip this question")
    step("See my plan")
    expect(heading).to_have_text("Your next steps")
    if shoot:
        shoot("plan")
    # and at every moment in between: read on to the end of the plan, and it is still there
    frame.locator("main > :last-child").scroll_into_view_if_needed()
    assert in_view(page, exit_control), "quick exit out of view at the end of the plan"


def test_script_loader_button_dialog_flow(host_page, widget):
    page = host_page
    page.goto("/button.html")
    button = page.get_by_role("button", name="Get help")
    assert page.locator("iframe").get_attribute("src") is None  # nothing loads before it is asked for
    button.click()
    dialog = page.get_by_role("dialog", name="Help guide")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Close"
    frame = guide_frame(page)
    iframe = page.locator("iframe")
    assert iframe.get_attribute("referrerpolicy") == "no-referrer" and iframe.get_attribute("allow") == ""
    src = iframe.get_attribute("src")
    assert src == f"{widget['app']}/embed/test/"  # only the site id
    # the dialog draws the quick exit; the framed page's own exit bar gives way to it
    expect(frame.locator("#quick-exit")).to_be_hidden()
    frame.get_by_role("button", name="Start").click()
    frame.get_by_role("button", name="Continue").click()  # nothing chosen: the error summary
    expect(frame.locator(".error-summary")).to_be_focused()
    page.wait_for_timeout(300)  # after the loader's hello, too: it keeps the focus the page gave it
    assert frame.locator(".error-summary").evaluate("e => e === document.activeElement")
    skip_to_plan(frame)
    expect(frame.locator("h1")).to_be_focused()  # each new page starts at its heading
    origins = (widget["host"], widget["app"], EXIT_URL.rstrip("/"))
    assert all(r.startswith(origins) for r in page.requests), page.requests
    # Esc inside the widget closes the panel and focus returns to the button; it never exits
    frame.locator("h1").click()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Get help"
    assert page.url.startswith(widget["host"])
    # Esc on the dialog's own bar closes it too
    button.click()
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Get help"


def test_dialog_on_a_phone_keeps_quick_exit_and_heading_in_view(phone_host):
    page = phone_host
    page.goto("/button.html")
    page.get_by_role("button", name="Get help").tap()
    dialog = page.get_by_role("dialog", name="Help guide")
    # full screen on a phone: the host page is no distraction
    assert dialog.bounding_box() == {"x": 0, "y": 0, "width": 360, "height": 740}
    frame = guide_frame(page)
    exit_button = dialog.get_by_role("button", name="Quick exit")
    shots = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

    def shoot(name):
        if os.environ.get("HELP_SCREENSHOTS"):  # HELP_SCREENSHOTS=1 pytest -k dialog_on_a_phone saves them
            page.screenshot(path=str(shots / f"widget-phone-{name}.png"))

    tap_through_to_plan(page, frame, exit_button, shoot)
    exit_button.tap()
    page.wait_for_url(EXIT_URL)


def test_inline_on_a_phone_keeps_quick_exit_and_heading_in_view(phone_host):
    page = phone_host
    page.goto("/inline.html")
    frame = guide_frame(page)
    page.wait_for_function("() => document.querySelector('iframe').style.height !== '640px'")  # handshake done
    # at most one screen tall, so its sticky exit bar is always on screen with it
    assert page.locator("iframe").bounding_box()["height"] <= 740
    tap_through_to_plan(page, frame, frame.locator("#quick-exit"))
    frame.locator("#quick-exit").tap()
    page.wait_for_url(EXIT_URL)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_plain_iframe_on_a_phone_keeps_quick_exit_and_heading_in_view(browser, widget, js):
    context, page = _host(browser, widget, java_script_enabled=js, **PHONE)
    page.goto("/frame.html")
    frame = guide_frame(page)
    tap_through_to_plan(page, frame, frame.locator("#quick-exit"))
    frame.locator("#quick-exit").tap()
    page.wait_for_url(EXIT_URL)
    context.close()
    assert page.console.noise == [], page.console.noise


IN_DIALOG = """() => {
    const dialog = document.querySelector('dialog');
    return dialog.open && dialog.contains(document.activeElement) && document.activeElement !== dialog;
}"""


def focus_is_in_dialog(page) -> bool:
    """Where focus settles. The frame is another site (an out-of-process frame), so focus
    crossing between it and the host page arrives a moment after the key press: wait for
    it to settle (at most a second), then ask where it is."""
    try:
        page.wait_for_function(IN_DIALOG, timeout=1000)
    except PlaywrightTimeout:
        return False
    return page.evaluate(IN_DIALOG)


@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
def test_the_dialog_keeps_focus(host_page, key):
    page = host_page
    page.goto("/button.html")
    page.get_by_role("button", name="Get help").click()
    frame = guide_frame(page)
    frame.get_by_role("button", name="Start").click()  # a page with many controls
    expect(frame.locator("h1")).not_to_have_text("Help when private pictures are shared, threatened or faked")
    page.get_by_role("button", name="Close").focus()
    places = set()
    for _ in range(40):
        page.keyboard.press(key)
        assert focus_is_in_dialog(page), f"focus left the dialog after {key}"
        inner = next(f for f in page.frames if "/embed/test/" in f.url)
        places.add(page.evaluate("document.activeElement.textContent || document.activeElement.tagName")
                   + "|" + inner.evaluate("document.activeElement.textContent || document.activeElement.tagName"))
    # it went round through the dialog's bar and the framed page, both ways
    assert any(p.startswith("Close|") for p in places) and any(p.startswith("Quick exit|") for p in places)
    assert any("Continue" in p for p in places)


def test_quick_exit_from_inside_the_frame_leaves_the_host(host_page):
    page = host_page
    page.goto("/inline.html")
    frame = guide_frame(page)
    page.wait_for_function("() => document.querySelector('iframe').style.height !== '640px'")  # handshake done
    frame.locator("#quick-exit").click()
    page.wait_for_url(EXIT_URL)


def test_shift_three_times_in_the_widget_leaves_the_host(host_page):
    page = host_page
    page.goto("/inline.html")
    frame = guide_frame(page)
    page.wait_for_function("() => document.querySelector('iframe').style.height !== '640px'")
    frame.locator("h1").click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)


def test_plain_iframe_works_with_js_off(browser, widget):
    context = _context(browser, widget["host"], java_script_enabled=False)
    page = context.new_page()
    page.goto("/frame.html")
    frame = guide_frame(page)
    walk_to_plan(frame)
    frame.locator("#quick-exit").click()  # target=_top: leaves the host page
    page.wait_for_url(EXIT_URL)
    context.close()


def test_a_host_not_in_the_allow_list_cannot_frame_it(browser, widget):
    context = _context(browser, widget["other"])
    page = context.new_page()
    page.goto("/frame.html")
    page.wait_for_timeout(500)
    frame = page.frames[1]
    assert frame.url.startswith("chrome-error://"), frame.url  # Chromium refused to show it
    context.close()


def test_an_unknown_site_id_is_not_shown(browser, widget):
    context, page = _host(browser, widget)
    page.goto("/unknown.html")
    page.wait_for_timeout(500)
    frame = page.frames[1]
    assert frame.url.startswith("chrome-error://"), frame.url  # Chromium refused to show it
    context.close()
    # the only console noise is the browser refusing to show it
    noise = page.console.noise
    assert noise and all("frame-ancestors 'none'" in m or "status of 404" in m for m in noise), noise


def test_axe_in_the_frame_and_on_the_host_widget(host_page):
    page = host_page
    page.goto("/button.html")
    page.get_by_role("button", name="Get help").click()
    guide_frame(page)
    host_result = axe(page)
    assert host_result.violations_count == 0, host_result.generate_report()
    inner = next(f for f in page.frames if "/embed/test/" in f.url)
    frame_result = axe(inner)
    assert frame_result.violations_count == 0, frame_result.generate_report()
