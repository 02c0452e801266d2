"""The widget on a host page of another site: http://127.0.0.1:A hosts http://localhost:B."""

import pytest

from tests.browser.conftest import EXIT_URL, _context, skip_to_plan
from tests.servers import free_port, gunicorn, static_host

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host site</title></head>
<body><main><h1>A host organisation</h1><p>Some content.</p>{snippet}</main></body></html>"""


@pytest.fixture(scope="module")
def widget(tmp_path_factory):
    folder = tmp_path_factory.mktemp("host")
    host_port, app_port = free_port(), free_port()
    host = f"http://127.0.0.1:{host_port}"
    app = f"http://localhost:{app_port}"
    snippets = {
        "button.html": f'<script src="{app}/embed.js" data-site="test" data-lang="en" async></script>',
        "inline.html": f'<script src="{app}/embed.js" data-site="test" data-mode="inline" async></script>',
        "frame.html": f'<iframe src="{app}/embed/test/" title="Help guide" width="100%" height="720" '
                      'referrerpolicy="no-referrer" allow=""></iframe>',
        "unknown.html": f'<iframe src="{app}/embed/nobody/" title="Help guide"></iframe>',
    }
    for name, snippet in snippets.items():
        (folder / name).write_text(HOST_PAGE.format(snippet=snippet))
    env = {"HELP_EMBED_SITES": f"test={host}", "HELP_EXIT_URL": EXIT_URL}
    with static_host(folder, host_port), gunicorn(port=app_port, env=env):
        # a second host site that is not allowed
        other_folder = tmp_path_factory.mktemp("other")
        (other_folder / "frame.html").write_text(HOST_PAGE.format(snippet=snippets["frame.html"]))
        with static_host(other_folder) as other:
            yield {"host": host, "app": app, "other": other}


@pytest.fixture
def host_page(browser, widget):
    context = _context(browser, widget["host"])
    page = context.new_page()
    page.requests = context.requests
    yield page
    assert context.cookies() == []
    context.close()


def guide_frame(page):
    page.wait_for_function("() => document.querySelector('iframe') && document.querySelector('iframe').contentWindow")
    frame = page.frame_locator("iframe")
    frame.locator("h1").wait_for()
    return frame


def walk_to_plan(frame):
    frame.get_by_role("button", name="Start").click()
    skip_to_plan(frame)


def test_script_loader_button_dialog_flow_and_height(host_page, widget):
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
    assert src == f"{widget['app']}/embed/test/?lang=en"  # only site and lang
    page.wait_for_function("() => document.querySelector('iframe').style.height !== '640px'")
    start_height = page.evaluate("parseInt(document.querySelector('iframe').style.height)")
    walk_to_plan(frame)
    page.wait_for_function(f"() => parseInt(document.querySelector('iframe').style.height) > {start_height + 200}")
    origins = (widget["host"], widget["app"], EXIT_URL.rstrip("/"))
    assert all(r.startswith(origins) for r in page.requests), page.requests
    # Esc inside the widget closes the panel and focus returns to the button; it never exits
    frame.locator("h1").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.querySelector('[role=dialog]').hidden")
    assert page.evaluate("document.activeElement.textContent") == "Get help"
    assert page.url.startswith(widget["host"])


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
    assert "Help guide" not in (frame.title() if not frame.url.startswith("chrome-error") else "")
    assert frame.url.startswith("chrome-error") or frame.locator("h1").count() == 0
    context.close()


def test_an_unknown_site_id_is_not_shown(host_page):
    page = host_page
    page.goto("/unknown.html")
    page.wait_for_timeout(500)
    frame = page.frames[1]
    assert frame.url.startswith("chrome-error") or frame.locator("h1").count() == 0


def test_axe_in_the_frame_and_on_the_host_widget(host_page):
    from axe_playwright_python.sync_playwright import Axe

    page = host_page
    page.goto("/button.html")
    page.get_by_role("button", name="Get help").click()
    guide_frame(page)
    tags = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
    host_result = Axe().run(page, options=tags)
    assert host_result.violations_count == 0, host_result.generate_report()
    inner = next(f for f in page.frames if "/embed/test/" in f.url)
    frame_result = Axe().run(inner, options=tags)
    assert frame_result.violations_count == 0, frame_result.generate_report()
