"""The script loader with the app mounted under a prefix (/help) behind the test nginx:
the frame it opens must live under the prefix too, or the widget shows an error page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _context
from tests.browser.test_widget import HOST_PAGE
from tests.servers import free_port, gunicorn, nginx, static_host

pytestmark = [pytest.mark.browser, pytest.mark.server]

PREFIX = "/help"


@pytest.fixture(scope="module")
def prefixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prefix-host")
    host_port = free_port()
    host = f"http://127.0.0.1:{host_port}"
    env = {"HELP_PROXY_HOPS": "1", "HELP_TRUSTED_HOSTS": "help.test 127.0.0.1", "HELP_EMBED_SITES": f"test={host}"}
    with gunicorn(env=env) as app_url:
        with nginx([app_url], tmp_path_factory.mktemp("nginx-prefix-widget"), prefix=PREFIX) as (base, _):
            snippet = f'<script src="{base}{PREFIX}/embed.js" data-site="test" async></script>'
            (folder / "button.html").write_text(HOST_PAGE.format(snippet=snippet))
            with static_host(folder, host_port):
                yield {"host": host, "app": base}


def test_the_loader_opens_the_guide_under_the_mount_prefix(browser, prefixed):
    context = _context(browser, prefixed["host"])
    page = context.new_page()
    page.goto(prefixed["host"] + "/button.html")
    page.get_by_role("button", name="Get help").click()
    frame_element = page.locator("dialog iframe")
    expect(frame_element).to_have_attribute("src", f"{prefixed['app']}{PREFIX}/embed/test/")
    frame = page.frame_locator("dialog iframe")
    expect(frame.locator("h1")).to_contain_text("Help when private pictures")
    frame.get_by_role("button", name="Start").click()
    expect(frame.locator("h1")).to_contain_text("danger")
    context.close()
