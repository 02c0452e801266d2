"""The page frame on a small phone, in both languages: 911 and the quick exit are on screen
before any question, the first button (Start, then the first question's Continue) is above
the fold at 360×640, on the site's own pages and inside the widget (dialog and inline); and
the quick exit and language switch sit in a landmark (axe's "region" rule) on every kind of page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _context, _host, skip_to_plan, translator
from tests.browser.test_widget import guide_frame, host_site, in_view

pytestmark = pytest.mark.browser

SMALL_PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True,
               "device_scale_factor": 2}
LANGS = ("en", "es")
PREFIX = {"en": "", "es": "/es"}


@pytest.fixture(scope="module")
def widget(tmp_path_factory):
    def snippets(app):
        return {f"{mode}-{lang}.html": f'<script src="{app}/embed.js" data-site="test" data-lang="{lang}"'
                                       f'{" data-mode=inline" if mode == "inline" else ""} async></script>'
                for mode in ("button", "inline") for lang in LANGS}

    with host_site(tmp_path_factory.mktemp("host-frame"), snippets) as urls:
        yield urls


@pytest.fixture
def small_phone(browser, server):
    context = _context(browser, server, **SMALL_PHONE)
    page = context.new_page()
    yield page
    context.close()


def assert_above_the_fold(page, *locators, where=""):
    for locator in locators:
        expect(locator).to_be_visible()
        assert in_view(page, locator), f"{where}: {locator} is not wholly on screen ({locator.bounding_box()})"


def assert_strip_says_911(scope, T):
    strip = scope.locator("aside.strip")
    expect(strip).to_contain_text(T("In danger now?"))
    emergency = strip.locator("a[href='tel:911']")
    expect(emergency).to_have_count(1)
    # 911 comes first in the strip, before the other lines
    assert strip.locator("a").first.get_attribute("href") == "tel:911"


def assert_start_and_first_question_fit(page, scope, exit_control, T, where: str) -> None:
    """On the start page and the first question (in `scope`: the page, or the widget's frame),
    the quick exit, 911 and the first button are on the first screen of `page`."""
    assert_strip_says_911(scope, T)
    assert_above_the_fold(page, exit_control, scope.locator("aside.strip a[href='tel:911']"),
                          scope.get_by_role("button", name=T("Start")), where=f"{where} start")
    heading = scope.locator("h1")
    before = heading.inner_text()
    scope.get_by_role("button", name=T("Start")).tap()
    expect(heading).not_to_have_text(before)
    assert_above_the_fold(page, exit_control, scope.get_by_role("button", name=T("Continue")),
                          where=f"{where} first question")


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_button_and_the_quick_exit_are_above_the_fold(small_phone, lang):
    page, T = small_phone, translator(lang)
    page.goto(PREFIX[lang] + "/")
    assert_start_and_first_question_fit(page, page, page.locator("#quick-exit"), T, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_in_the_widget_dialog_the_first_button_is_above_the_fold(browser, widget, lang):
    context, page = _host(browser, widget, **SMALL_PHONE)
    T = translator(lang)
    page.goto(f"/button-{lang}.html")
    page.locator("button").first.tap()
    frame = guide_frame(page)
    exit_button = page.locator("dialog").get_by_role("button", name=T("Quick exit"))
    expect(frame.locator("html")).to_have_attribute("class", "embedded exit-outside")  # the loader said hello
    assert_start_and_first_question_fit(page, frame, exit_button, T, f"{lang} widget")
    context.close()
    assert page.console.noise == [], page.console.noise


@pytest.mark.parametrize("lang", LANGS)
def test_inline_widget_shows_the_first_button_on_its_first_screen(browser, widget, lang):
    """Inline, the guide is where the host put it: once it is scrolled to (the loader brings
    each new page to the top), its first screen holds the quick exit and the first button."""
    context, page = _host(browser, widget, **SMALL_PHONE)
    T = translator(lang)
    page.goto(f"/inline-{lang}.html")
    frame = guide_frame(page)
    expect(frame.locator("html")).to_have_attribute("data-js", "ready")
    page.wait_for_timeout(300)  # the loader's hello, and the height it is told
    page.evaluate("document.querySelector('iframe').scrollIntoView({block: 'start'})")
    exit_link = frame.locator("#quick-exit")
    assert_strip_says_911(frame, T)
    assert_above_the_fold(page, exit_link, frame.get_by_role("button", name=T("Start")),
                          where=f"{lang} inline start")
    heading = frame.locator("h1")
    before = heading.inner_text()
    frame.get_by_role("button", name=T("Start")).tap()
    expect(heading).not_to_have_text(before)
    page.wait_for_timeout(300)  # the loader scrolls the new page into view
    assert_above_the_fold(page, exit_link, frame.get_by_role("button", name=T("Continue")),
                          where=f"{lang} inline first question")
    context.close()
    assert page.console.noise == [], page.console.noise


# axe's "region" rule alone: all content is inside a landmark (it is a best practice, not a
# WCAG rule, so the WCAG checks in conftest.AXE_OPTIONS leave it out).
REGION = {"runOnly": {"type": "rule", "values": ["region"]}, "resultTypes": ["violations"]}


def region_violations(target) -> str | None:
    from axe_playwright_python.sync_playwright import Axe

    target.wait_for_load_state("load")
    result = Axe().run(target, options=REGION)
    return result.generate_report() if result.violations_count else None


@pytest.mark.parametrize("lang", LANGS)
def test_everything_is_in_a_landmark(page, lang):
    T = translator(lang)
    failures = []
    page.goto(PREFIX[lang] + "/")
    failures.append(("start", region_violations(page)))
    # the quick exit is inside a named landmark, as is the language switch
    bar = page.get_by_role("navigation", name=T("Quick exit and language"))
    expect(bar.locator("#quick-exit")).to_have_count(1)
    expect(bar.locator(".lang-switch")).to_have_count(1)
    page.get_by_role("button", name=T("Start")).click()
    expect(page.locator("main input[name=_q]")).to_have_value("danger")
    failures.append(("first question", region_violations(page)))
    skip_to_plan(page, T)
    failures.append(("plan", region_violations(page)))
    page.goto(PREFIX[lang] + "/nope")
    failures.append(("not found", region_violations(page)))
    problems = [f"{name}: {report}" for name, report in failures if report]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_everything_in_the_widget_is_in_a_landmark(host_page, lang):
    page, T = host_page, translator(lang)
    page.goto(f"/inline-{lang}.html")
    frame = guide_frame(page)
    inner = next(f for f in page.frames if "/embed/test/" in f.url)
    problems = []
    report = region_violations(inner)
    if report:
        problems.append(f"start: {report}")
    frame.get_by_role("button", name=T("Start")).click()
    expect(frame.locator("main input[name=_q]")).to_have_value("danger")
    report = region_violations(inner)
    if report:
        problems.append(f"first question: {report}")
    assert not problems, "\n".join(problems)
