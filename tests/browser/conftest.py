"""Browser fixtures: the app under real gunicorn (gthread) and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.servers import gunicorn

ROOT = Path(__file__).resolve().parents[2]

EXIT_URL = "https://www.weather.gov/"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]


def find_chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("No Chromium found. Install it (Debian: apt-get install chromium) or set CHROMIUM=/path; "
                "`make test` does this for you.", pytrace=False)


@pytest.fixture(scope="session")
def server():
    with gunicorn(env={"HELP_EXIT_URL": EXIT_URL}) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


# The one set of axe-core rules every accessibility check in the browser tests runs:
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}  # passes and incompletes are not read: skip their details


def axe(target):
    """axe-core's findings on a Playwright page or frame, with AXE_OPTIONS.

    Waits for the document's load event first: a check run while the stylesheet is still
    on its way measures unstyled links (the 19 px targets of a flaky CI run)."""
    from axe_playwright_python.sync_playwright import Axe

    target.wait_for_load_state("load")
    return Axe().run(target, options=AXE_OPTIONS)


PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


class Console:
    """Every console error or warning on a page and in its frames (CSP reports included),
    and every uncaught exception. Tests assert `noise` is empty."""

    def __init__(self, page):
        self.heard: list[tuple[str, str, str]] = []
        self.documents: set[str] = set()
        page.on("framenavigated", lambda frame: self.documents.add(frame.url))
        page.on("console", lambda m: self.heard.append((m.type, m.text, m.location.get("url")))
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.heard.append(("pageerror", str(e), "")))

    @property
    def noise(self) -> list[str]:
        # The browser's note that a page we meant to show came with its 400 or 404 status
        # (a form error, a missing page) is not noise; the same note for anything else is.
        return [f"{kind}: {text} ({url})" for kind, text, url in self.heard
                if not (text.startswith("Failed to load resource: the server responded with a status of 4")
                        and url in self.documents)]


def watch_console(page) -> Console:
    return Console(page)


def _context(browser, server, **kwargs):
    context = browser.new_context(base_url=server, **kwargs)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    # Never hit the network: the neutral exit site is answered locally.
    context.route("https://www.weather.gov/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title><h1>Weather</h1>"))
    context.requests = requests
    return context


def _page(browser, server, **options):
    """A fresh context's page, watched: its requests recorded, and any console noise fails the test."""
    context = _context(browser, server, **options)
    pg = context.new_page()
    pg.requests = context.requests
    pg.console = watch_console(pg)
    yield pg
    context.close()
    assert pg.console.noise == [], pg.console.noise


@pytest.fixture
def page(browser, server):
    yield from _page(browser, server)


@pytest.fixture
def phone(browser, server):
    """A 360×740 touch phone."""
    yield from _page(browser, server, **PHONE)


@pytest.fixture
def nojs_page(browser, server):
    yield from _page(browser, server, java_script_enabled=False)


# The widget on another site's page: each test module gives its own `widget` fixture
# ({"host": the host site's URL, "app": the guide's}).
def _host(browser, widget, **kwargs):
    context = _context(browser, widget["host"], **kwargs)
    page = context.new_page()
    page.requests = context.requests
    page.console = watch_console(page)
    return context, page


@pytest.fixture
def host_page(browser, widget):
    context, page = _host(browser, widget)
    yield page
    assert context.cookies() == []
    context.close()
    assert page.console.noise == [], page.console.noise  # on the host page and in the frame


@pytest.fixture
def phone_host(browser, widget):
    """The host page on a 360×740 touch phone."""
    context, page = _host(browser, widget, **PHONE)
    yield page
    assert context.cookies() == []
    context.close()
    assert page.console.noise == [], page.console.noise


def translator(lang: str):
    """The app's own catalog as a function: a walk in Spanish presses what a Spanish reader
    sees. Markup in a msgid is dropped, as in an accessible name."""
    import re

    from babel.support import NullTranslations, Translations

    catalog = NullTranslations() if lang == "en" else Translations.load(str(ROOT / "app" / "translations"), [lang])
    assert lang == "en" or isinstance(catalog, Translations), f"no compiled catalog for {lang}"

    def T(msgid: str, **params) -> str:
        text = catalog.gettext(msgid)
        return re.sub(r"<[^>]+>", "", text % params if params else text)

    return T


def skip_to_plan(scope, T=str):
    """Skip every remaining question, then open the plan. `scope` is a page or a frame locator;
    `T` gives the labels in the page's language (`translator("es")`).

    Each click waits for the next heading, so a read never races the navigation."""
    from playwright.sync_api import expect

    heading = scope.locator("h1")
    for _ in range(12):
        text = heading.inner_text()
        if text == T("Check your answers"):
            break
        scope.get_by_role("button", name=T("Skip this question")).click()
        expect(heading).not_to_have_text(text)
    scope.get_by_role("button", name=T("See my plan")).click()
    expect(heading).to_have_text(T("Your next steps"))
