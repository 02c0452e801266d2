"""axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page and state, plus reflow, zoom,
tap targets and the print view."""

import pytest

from tests.browser.conftest import axe
from tests.page_states import states

pytestmark = pytest.mark.browser

SUBMIT = """([path, fields]) => {
  const form = document.createElement('form');
  form.method = 'post'; form.action = path;
  for (const [name, value] of fields) {
    const input = document.createElement('input');
    input.type = 'hidden'; input.name = name; input.value = value; form.appendChild(input);
  }
  document.body.appendChild(form); form.submit();
}"""


def open_state(page, method, path, fields):
    if method == "GET":
        page.goto(path)
    else:
        page.goto("/guides/")
        with page.expect_navigation():
            page.evaluate(SUBMIT, [path, fields])


def all_states(app_guides):
    return states(app_guides)


@pytest.fixture(scope="module")
def guide_slugs():
    from app import directory

    return list(directory.load().guides)


def test_axe_on_every_page_and_state(page, guide_slugs):
    failures, checked = [], 0
    for name, method, path, fields in states(guide_slugs):
        open_state(page, method, path, fields)
        result = axe(page)
        checked += 1
        if result.violations_count:
            failures.append(f"{name}: {result.generate_report()}")
    page.emulate_media(media="print")
    for name, method, path, fields in [s for s in states(guide_slugs) if s[0].startswith("plan-")][:2]:
        open_state(page, method, path, fields)
        result = axe(page)
        checked += 1
        if result.violations_count:
            failures.append(f"{name} (print): {result.generate_report()}")
    print(f"\naxe: {checked} pages/states checked")
    assert not failures, "\n".join(failures)


def test_no_sideways_scroll_on_narrow_screens(browser, server, guide_slugs):
    """WCAG 1.4.10 at 320 CSS px, every page and state in English and in Spanish (longer words).
    A page that fits at 320 fits at 360 too, since no style rule starts between them (below)."""
    context = browser.new_context(base_url=server, viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for name, method, path, fields in states(guide_slugs) + states(guide_slugs, lang="es"):
        open_state(page, method, path, fields)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append(f"{name}: {overflow}px")
    context.close()
    assert not wide, wide


def test_no_style_rule_starts_between_320_and_360_px():
    """What lets the reflow check measure 320 px alone: the layout is the same up to 360."""
    import re
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "site.css").read_text()
    for value, unit in re.findall(r"@media[^{]*?(?:min|max)-width:\s*([\d.]+)(px|em|rem)", css):
        px = float(value) * (16 if unit != "px" else 1)
        assert not 320 < px <= 360, f"a style rule at {value}{unit}: check reflow at 360 px too"


def test_text_at_200_percent_is_not_cut_off(browser, server, guide_slugs):
    """WCAG 1.4.4: double the text size; no element clips its text and nothing scrolls sideways."""
    context = browser.new_context(base_url=server, viewport={"width": 1000, "height": 800})
    page = context.new_page()
    problems = []
    picks = [s for s in states(guide_slugs) if s[0] in ("start", "q-situation-error", "check", "plan-shared-adult-copy")]
    for name, method, path, fields in picks:
        open_state(page, method, path, fields)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        clipped = page.evaluate("""() => [...document.querySelectorAll('main *, header *, aside *')]
            .filter(e => { const s = getComputedStyle(e);
              return (s.overflow === 'hidden' || s.overflowX === 'hidden') && e.scrollWidth > e.clientWidth + 1
                && !e.classList.contains('vh'); })
            .map(e => e.tagName + '.' + e.className)""")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if clipped or overflow > 0:
            problems.append(f"{name}: clipped={clipped} overflow={overflow}")
    context.close()
    assert not problems, problems


def test_tap_targets_are_at_least_24px(browser, server, guide_slugs):
    """WCAG 2.5.8: links and controls outside sentences are at least 24 by 24 CSS px."""
    context = browser.new_context(base_url=server, viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    small = []
    for name, method, path, fields in states(guide_slugs):
        if not (name.startswith("q-") or name in ("start", "check", "plan-shared-adult-copy")):
            continue
        open_state(page, method, path, fields)
        small += [f"{name}: {s}" for s in page.evaluate("""() => [...document.querySelectorAll(
              'button, input:not([type=hidden]), select, .exit, .button')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.width < 24 || r.height < 24)
            .map(([e, r]) => `${e.tagName} ${e.textContent.trim().slice(0, 20)} ${r.width}x${r.height}`)""")]
    context.close()
    assert not small, small


def test_print_view_is_one_clean_column_with_links_written_out(page):
    open_state(page, "POST", "/plan", [("situation", "shared"), ("where", "social"), ("age", "adult")])
    page.emulate_media(media="print")
    assert not page.locator(".exit-bar").is_visible()
    assert not page.locator(".strip").is_visible()
    after = page.evaluate("""() => getComputedStyle(document.querySelector('.ref a[href^="http"]'), '::after').content""")
    assert after.startswith('" ('), after


def test_axe_catches_a_broken_page(page):
    page.set_content("<html><body><img src='x.png'><button></button><a href='#'></a></body></html>")
    assert axe(page).violations_count >= 3


def test_first_screen_on_a_phone_shows_how_to_begin(phone):
    """At 360×740 a person sees the Start button, and on question 1 both ways on, without scrolling."""
    page = phone
    page.goto("/")

    def bottom(locator):
        box = locator.bounding_box()
        return box["y"] + box["height"]

    start = page.get_by_role("button", name="Start")
    assert bottom(start) <= 740, start.bounding_box()
    promise = page.get_by_text("Nothing you type is stored.").first
    assert bottom(promise) <= start.bounding_box()["y"]  # the privacy promise, short, above it
    start.tap()
    page.wait_for_url("**/q")
    for name in ("Continue", "Skip this question"):
        assert bottom(page.get_by_role("button", name=name)) <= 740, name
