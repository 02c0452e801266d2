"""The widget in Spanish on a host page of another site (data-lang="es"): the frame opens
/embed/<site>/es/, the page inside says lang="es", the loader's own labels come from its
Spanish map, and the language switch inside the frame stays inside the widget."""

import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import EXIT_URL, axe
from tests.browser.test_widget import guide_frame, host_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def widget(tmp_path_factory):
    def snippets(app):
        return {
            "button-es.html": f'<script src="{app}/embed.js" data-site="test" data-lang="es" async></script>',
            "inline-es.html": f'<script src="{app}/embed.js" data-site="test" data-lang="es" data-mode="inline" '
                              'async></script>',
            "button-xx.html": f'<script src="{app}/embed.js" data-site="test" data-lang="constructor" async></script>',
        }

    with host_site(tmp_path_factory.mktemp("host-es"), snippets) as urls:
        with urllib.request.urlopen(f"{urls['app']}/embed.js", timeout=10) as response:
            code = response.read().decode()
        labels = json.loads(re.search(r"var LABELS = (\{.*?\}\}); ", code).group(1))
        yield {**urls, "labels": labels}




def test_script_loader_in_spanish(host_page, widget):
    page, es = host_page, widget["labels"]["es"]
    page.goto("/button-es.html")
    button = page.get_by_role("button", name=es["open"])
    assert button.get_attribute("lang") == "es"
    button.click()
    dialog = page.get_by_role("dialog", name=es["title"])
    expect(dialog).to_be_visible()
    assert dialog.get_attribute("lang") == "es"
    expect(dialog.get_by_role("button", name=es["close"])).to_be_focused()
    assert dialog.get_by_role("button", name=es["exitLabel"]).inner_text() == es["exit"]
    frame = guide_frame(page)
    iframe = page.locator("iframe")
    assert iframe.get_attribute("src") == f"{widget['app']}/embed/test/es/"
    assert iframe.get_attribute("title") == es["title"]
    expect(frame.locator("html")).to_have_attribute("lang", "es")
    result = axe(page.frames[1])
    assert result.violations_count == 0, result.generate_report()
    # Start, then switch to English on the first question: the same question, still in the widget
    frame.locator("form[action$='/embed/test/es/q'] button.start").click()
    expect(frame.locator("input[name=_q]").first).to_have_value("danger")
    frame.locator("input[value=no]").check()
    frame.locator("button[value=continue]").click()
    expect(frame.locator("main input[name=_q]")).to_have_value("for_whom")
    frame.locator(".lang-switch button").click()
    expect(frame.locator("html")).to_have_attribute("lang", "en")
    expect(frame.locator("main input[name=_q]")).to_have_value("for_whom")
    assert frame.locator("main form input[name=danger]").get_attribute("value") == "no"  # the answer kept
    assert page.frames[1].url == f"{widget['app']}/embed/test/q"  # still inside the widget, no answer in it
    expect(frame.locator("#quick-exit")).to_be_hidden()  # the dialog still draws the quick exit
    dialog.get_by_role("button", name=es["exitLabel"]).click()
    page.wait_for_url(EXIT_URL)


def test_inline_in_spanish(host_page, widget):
    page = host_page
    page.goto("/inline-es.html")
    frame = guide_frame(page)
    assert page.locator("iframe").get_attribute("src") == f"{widget['app']}/embed/test/es/"
    assert page.locator("iframe").get_attribute("title") == widget["labels"]["es"]["title"]
    expect(frame.locator("html")).to_have_attribute("lang", "es")
    expect(frame.locator("#quick-exit")).to_be_visible()


def test_an_unknown_data_lang_is_english(host_page, widget):
    page = host_page
    page.goto("/button-xx.html")
    page.get_by_role("button", name=widget["labels"]["en"]["open"]).click()
    guide_frame(page)
    assert page.locator("iframe").get_attribute("src") == f"{widget['app']}/embed/test/"
