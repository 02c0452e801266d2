"""Spanish pages (/es/) in Chromium: axe on a page of every kind, the language control's
tap target, and the switch without JavaScript keeping every answer."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe
from tests.browser.test_pages import open_state
from tests.page_states import states

pytestmark = pytest.mark.browser

KINDS = ("start", "guides", "guide-threats", "not-found", "q-danger", "q-situation", "q-state", "q-for_whom-error",
         "q-tampered-notice", "check", "plan-shared-adult-copy", "plan-fake-helper", "letter-removal-form",
         "letter-removal-result", "kit-error", "kit-result")


@pytest.fixture(scope="module")
def spanish_states():
    from app import directory

    picked = [s for s in states(list(directory.load().guides), lang="es") if s[0].removeprefix("es-") in KINDS]
    assert len(picked) == len(KINDS)
    return picked


def test_axe_on_spanish_pages(page, spanish_states):
    failures = []
    for name, method, path, fields in spanish_states:
        open_state(page, method, path, fields)
        assert page.locator("html").get_attribute("lang") == "es", name
        result = axe(page)
        if result.violations_count:
            failures.append(f"{name}: {result.generate_report()}")
    assert not failures, "\n".join(failures)


def test_the_language_control_is_a_big_enough_target_on_a_phone(phone, spanish_states):
    for name, method, path, fields in spanish_states:
        open_state(phone, method, path, fields)
        control = phone.locator(".lang-switch a, .lang-switch button")
        expect(control).to_have_count(1)
        box = control.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (name, box)
        assert control.get_attribute("lang") == "en" and control.inner_text() == "English", name


def test_switching_without_javascript_keeps_every_answer(nojs_page):
    page = nojs_page
    page.goto("/q")
    page.locator("#danger-no").check()
    page.locator("button[value=continue]").click()
    page.locator("#for_whom-self").check()
    page.locator("button[value=continue]").click()
    expect(page.locator("main input[name=_q]")).to_have_value("situation")
    page.locator("#situation-shared").check()  # chosen on this page but not sent: not an answer yet
    page.locator(".lang-switch button").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.url.endswith("/es/q")  # nothing in the URL
    expect(page.locator("main input[name=_q]")).to_have_value("situation")
    carried = {(i.get_attribute("name"), i.get_attribute("value"))
               for i in page.locator("main form:not(.back) input[type=hidden]").all()}
    assert {("danger", "no"), ("for_whom", "self")} <= carried
    page.locator(".back button").click()  # Back: the earlier answer is still chosen
    expect(page.locator("main input[name=_q]")).to_have_value("for_whom")
    expect(page.locator("#for_whom-self")).to_be_checked()
