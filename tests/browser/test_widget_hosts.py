"""The widget on real host pages (issue 27), each case of the issue as a host site showed it.

The guide runs on http://localhost:B; host pages are served from other origins
(http://127.0.0.1:A, whose origin is allowed for site "test", and http://127.0.0.1:C, which is
not), each page with the headers a test gives it (a strict Content-Security-Policy, with and
without the additions docs/embedding.md lists). Where the guide cannot open, the visitor must
read so in the host page, in their language, with a new-tab link, 911 and 988, and the console
must hold one line from the loader saying what to fix; where it can, the widget must work and
the console must stay quiet."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app import directory
from tests.browser.conftest import EXIT_URL, PHONE, _context, skip_to_plan, translator, watch_console
from tests.servers import free_port, gunicorn

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
FACTS = directory.load().entries
EMERGENCY, LIFELINE = FACTS["emergency"].phone, FACTS["crisis-988"].phone

# The university CSP of the issue, and the same with the additions docs/embedding.md gives.
STRICT = "default-src 'self'; script-src 'self'; frame-src 'self'"


def strict_with(app: str, frame_only: bool = False) -> str:
    return f"default-src 'self'; script-src 'self'{'' if frame_only else ' ' + app}; frame-src 'self' {app}"


LOCAL = """
[test.en]
organisation = "Example University"
[[test.en.contact]]
name = "Counselling Service"
phone = "555-010-0100"
hours = "Monday to Friday, 9 am to 5 pm"
url = "https://www.uni.example/counselling"
sources = ["https://www.uni.example/counselling"]
reviewed = {reviewed}

[test.es]
organisation = "Universidad de Ejemplo"
[[test.es.contact]]
name = "Servicio de Orientación"
phone = "555-010-0100"
hours = "De lunes a viernes, de 9 a 5"
url = "https://www.uni.example/orientacion"
sources = ["https://www.uni.example/orientacion"]
reviewed = {reviewed}
"""


class Pages(http.server.BaseHTTPRequestHandler):
    """A host site: each path answers the page and headers a test put in `pages`."""

    pages: dict[str, tuple[str, dict]] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/favicon.ico":  # allowed by the pages' own CSP ('self'), unlike data:
            self.send_response(204)
            self.end_headers()
            return
        body, headers = self.pages.get(self.path, ("<!doctype html><title>404</title>", {}))
        data = body.encode()
        self.send_response(200 if self.path in self.pages else 404)
        headers = {"Content-Type": "text/html; charset=utf-8", **headers}
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


@contextlib.contextmanager
def host_server(port: int, pages: dict):
    handler = type("Host", (Pages,), {"pages": pages})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def hosts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("local")
    contacts = folder / "contacts.toml"
    contacts.write_text(LOCAL.format(reviewed=dt.date.today() - dt.timedelta(days=10)))
    host_port, other_port, app_port = free_port(), free_port(), free_port()
    pages: dict[str, tuple[str, dict]] = {}
    env = {"HELP_EMBED_SITES": f"test=http://127.0.0.1:{host_port}", "HELP_EXIT_URL": EXIT_URL,
           "HELP_LOCAL_CONTACTS": str(contacts)}
    with gunicorn(port=app_port, env=env) as app, host_server(host_port, pages) as host, \
            host_server(other_port, pages) as other:
        yield {"app": app.replace("127.0.0.1", "localhost"), "host": host, "other": other, "pages": pages,
               "dead": f"http://localhost:{free_port()}"}


def page_html(body: str = "", head: str = "", lang: str = "en") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="/favicon.ico">'
            f'<title>Host site</title>{head}</head><body><main><h1>A host organisation</h1>'
            f'<p id="before">Some content.</p>{body}<p id="after">More content.</p></main></body></html>')


def tag(app: str, site: str = "test", extra: str = "async") -> str:
    return f'<script src="{app}/embed.js" data-site="{site}" {extra}></script>'


_served = iter(range(1_000_000))


def serve(hosts, html: str, csp: str | None = None) -> str:
    """Put a page on the host sites (both origins); returns its path."""
    path = f"/page-{next(_served)}.html"
    hosts["pages"][path] = (html, {"Content-Security-Policy": csp} if csp else {})
    return path


@contextlib.contextmanager
def visit(browser, base: str, path: str, **options):
    """A fresh browser on `base + path`, its console watched; yields the page."""
    context = _context(browser, base, **options)
    page = context.new_page()
    page.requests = context.requests
    page.console = watch_console(page)
    headers: list[dict] = []
    context.on("request", lambda r: headers.append({"url": r.url, **r.headers}))
    page.request_headers = headers
    page.goto(path)
    try:
        yield page
    finally:
        assert context.cookies() == []
        context.close()


def loader_lines(page) -> list[str]:
    return [text for _, text, _ in page.console.heard if text.startswith("Help guide:")]


def assert_quiet(page):
    assert page.console.noise == [], page.console.noise


def assert_refusal(scope, hosts, lang: str = "en"):
    """The refusal, in the visitor's language: the words, the new-tab link, 911 and 988."""
    T = translator(lang)
    alert = scope.get_by_role("alert")
    expect(alert).to_contain_text(T("This guide cannot open here."), timeout=10_000)
    assert alert.get_attribute("lang") == lang
    link = alert.get_by_role("link", name=T("Open the guide in a new tab"))
    expect(link).to_have_attribute("href", hosts["app"] + ("/" if lang == "en" else f"/{lang}/"))
    expect(link).to_have_attribute("target", "_blank")
    assert "noreferrer" in link.get_attribute("rel")
    hrefs = alert.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert f"tel:{EMERGENCY}" in hrefs and f"tel:{LIFELINE}" in hrefs, hrefs
    expect(alert).to_contain_text(T("In danger now?"))
    expect(alert).to_contain_text(T("Need to talk now?"))
    return alert


def open_button(page, lang: str = "en"):
    page.get_by_role("button", name=translator(lang)("Get help")).click()
    return page.get_by_role("dialog")


def guide_in(page, selector: str = "iframe[src*='/embed/']"):
    frame = page.frame_locator(selector)
    expect(frame.locator("h1")).to_be_visible(timeout=10_000)
    return frame


def assert_one_loader_line(page, *words: str):
    lines = loader_lines(page)
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0], (word, lines[0])


# 1. A clear refusal instead of a blank box -------------------------------------------------

def test_an_origin_not_allowed_gets_the_refusal_and_the_origin_to_add(browser, hosts):
    path = serve(hosts, page_html(tag(hosts["app"])))
    with visit(browser, hosts["other"], path) as page:
        dialog = open_button(page)
        assert_refusal(dialog, hosts)
        expect(dialog.locator("iframe[src*='/embed/test/']")).to_be_hidden()  # never the blank box
        expect(dialog.get_by_role("button", name="Quick exit (leave this site now)")).to_be_visible()
        assert_one_loader_line(page, hosts["other"], "HELP_EMBED_SITES", '"test"')
        dialog.get_by_role("button", name="Quick exit (leave this site now)").click()
        page.wait_for_url(EXIT_URL)  # the quick exit still works


def test_an_unknown_site_id_gets_the_refusal(browser, hosts):
    path = serve(hosts, page_html(tag(hosts["app"], site="nobody")))
    with visit(browser, hosts["host"], path) as page:
        assert_refusal(open_button(page), hosts)
        assert_one_loader_line(page, 'data-site="nobody"', "not a site id")


def test_a_tag_without_a_site_id_is_refused_without_a_request(browser, hosts):
    path = serve(hosts, page_html(f'<script src="{hosts["app"]}/embed.js" async></script>'))
    with visit(browser, hosts["host"], path) as page:
        assert_refusal(open_button(page), hosts)
        assert_one_loader_line(page, 'data-site=""')
        assert not [r for r in page.requests if "/embed/" in r or "/embed-check/" in r], page.requests


@pytest.mark.parametrize("mode", ["button", "inline"])
def test_a_csp_that_blocks_the_frame_gets_the_refusal_and_the_directive_to_fix(browser, hosts, mode):
    """script-src fixed, frame-src not: once a blank box, now the refusal and what to add."""
    csp = f"default-src 'self'; script-src 'self' {hosts['app']}; frame-src 'self'"
    extra = 'data-mode="inline" async' if mode == "inline" else "async"
    path = serve(hosts, page_html(tag(hosts["app"], extra=extra)), csp)
    with visit(browser, hosts["host"], path) as page:
        scope = open_button(page) if mode == "button" else page
        assert_refusal(scope, hosts)
        assert_one_loader_line(page, "Content-Security-Policy", f"Add {hosts['app']} to frame-src")
        if mode == "inline":  # where the tag stands, with its own quick exit
            assert page.locator("#before + script + [role=alert]").count() == 1
            page.get_by_role("button", name="Quick exit (leave this site now)").click()
            page.wait_for_url(EXIT_URL)


def test_the_app_unreachable_gets_the_refusal(browser, hosts):
    """The loader came (from the cache, say), but the guide's server does not answer."""
    dead = hosts["dead"]
    path = serve(hosts, page_html(tag(dead)))
    code = page_loader(browser, hosts)
    context = _context(browser, hosts["host"])
    context.route(f"{dead}/embed.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=code, headers={"Access-Control-Allow-Origin": "*"}))
    page = context.new_page()
    page.console = watch_console(page)
    page.goto(path)
    assert_refusal(open_button(page), {**hosts, "app": dead})
    assert_one_loader_line(page, dead, "did not answer")
    context.close()


def page_loader(browser, hosts) -> str:
    import urllib.request

    with urllib.request.urlopen(hosts["app"].replace("localhost", "127.0.0.1") + "/embed.js", timeout=10) as r:
        return r.read().decode()


def test_the_refusal_is_in_the_visitors_language(browser, hosts):
    path = serve(hosts, page_html(tag(hosts["app"]), lang="es"))
    with visit(browser, hosts["other"], path) as page:
        assert_refusal(open_button(page, "es"), hosts, "es")
        assert len(loader_lines(page)) == 1


def test_no_request_names_the_host_page(browser, hosts):
    """The frame and the check page go out without a Referer and without a query: the app
    learns nothing of the page beyond what the browser sends for the script itself."""
    path = serve(hosts, page_html(tag(hosts["app"])))
    with visit(browser, hosts["other"], path) as page:
        assert_refusal(open_button(page), hosts)
        to_app = [h for h in page.request_headers if h["url"].startswith(hosts["app"]) and
                  not h["url"].endswith("/embed.js")]
        assert any("/embed-check/test" in h["url"] for h in to_app) and any("/embed/test/" in h["url"] for h in to_app)
        for headers in to_app:
            assert "referer" not in headers and "?" not in headers["url"].split("/static/")[0], headers
            assert hosts["other"] not in str(headers), headers


# With the documented additions a strict CSP shows the widget, quietly; without them, nothing
# the browser did not block itself.

def test_a_strict_csp_without_the_additions_blocks_the_loader_and_nothing_else_shows(browser, hosts):
    path = serve(hosts, page_html(tag(hosts["app"])), STRICT)
    with visit(browser, hosts["host"], path) as page:
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.get_by_role("button", name="Get help").count() == 0 and page.locator("iframe").count() == 0
        blocked = [text for _, text, _ in page.console.heard if "script-src" in text]
        assert blocked, page.console.heard  # the browser names the directive; the loader never ran


@pytest.mark.parametrize("mode", ["button", "inline"])
def test_a_strict_csp_with_the_documented_additions_shows_the_widget_quietly(browser, hosts, mode):
    extra = 'data-mode="inline" async' if mode == "inline" else "async"
    path = serve(hosts, page_html(tag(hosts["app"], extra=extra)), strict_with(hosts["app"]))
    with visit(browser, hosts["host"], path) as page:
        if mode == "button":
            open_button(page)
        frame = guide_in(page)
        frame.get_by_role("button", name="Start").click()
        skip_to_plan(frame)
        assert page.get_by_role("alert").count() == 0
        assert_quiet(page)


def test_the_plain_frame_under_a_strict_csp_needs_frame_src_only(browser, hosts):
    frame = (f'<iframe src="{hosts["app"]}/embed/test/" title="Help guide" width="100%" height="600" '
             'referrerpolicy="no-referrer" allow=""></iframe>')
    blocked = serve(hosts, page_html(frame), STRICT)
    with visit(browser, hosts["host"], blocked) as page:
        page.wait_for_timeout(500)
        assert page.frames[1].url.startswith("chrome-error://") or page.frames[1].url == "about:blank"
        assert any("frame-src" in text for _, text, _ in page.console.heard), page.console.heard
    allowed = serve(hosts, page_html(frame), strict_with(hosts["app"], frame_only=True))
    with visit(browser, hosts["host"], allowed) as page:
        guide_in(page).get_by_role("button", name="Start").click()
        assert_quiet(page)


# 2. Robust on real pages ------------------------------------------------------------------



def test_loading_the_script_again_on_each_route_gives_one_button(browser, hosts):
    path = serve(hosts, page_html(tag(hosts["app"])))
    with visit(browser, hosts["host"], path) as page:
        expect(page.get_by_role("button", name="Get help")).to_have_count(1)
        for _ in range(3):  # an app that adds the tag on each route
            page.evaluate("""app => new Promise(done => { const s = document.createElement('script');
                s.src = app + '/embed.js'; s.dataset.site = 'test'; s.onload = done; document.body.appendChild(s); })""",
                          hosts["app"])
        expect(page.get_by_role("button", name="Get help")).to_have_count(1)
        assert page.locator("dialog").count() == 1
        open_button(page)
        guide_in(page)
        assert_quiet(page)


def test_two_tags_for_the_same_site_give_one_button(browser, hosts):
    path = serve(hosts, page_html(tag(hosts["app"]) + tag(hosts["app"], extra="")))
    with visit(browser, hosts["host"], path) as page:
        page.wait_for_load_state("load")
        expect(page.get_by_role("button", name="Get help")).to_have_count(1)
        assert_quiet(page)


@pytest.mark.parametrize("change", [
    "document.body.innerHTML = '<main><h1>Another route</h1></main>'",  # a body re-render
    "document.body.innerHTML = document.body.innerHTML",  # re-rendered from its own HTML
    "document.documentElement.replaceChild(document.createElement('body'), document.body)",  # a new body
    "document.body.replaceWith(document.createElement('body'))",
], ids=["innerHTML", "innerHTML-of-itself", "replaceChild", "replaceWith"])
def test_the_button_survives_the_body_being_rerendered_or_replaced(browser, hosts, change):
    path = serve(hosts, page_html(tag(hosts["app"])))
    with visit(browser, hosts["host"], path) as page:
        expect(page.get_by_role("button", name="Get help")).to_have_count(1)
        page.evaluate(change)
        expect(page.get_by_role("button", name="Get help")).to_have_count(1)
        open_button(page)
        guide_in(page).get_by_role("button", name="Start").click()
        assert_quiet(page)


def test_the_widget_comes_back_if_a_page_removes_it(browser, hosts):
    path = serve(hosts, page_html(tag(hosts["app"])))
    with visit(browser, hosts["host"], path) as page:
        expect(page.get_by_role("button", name="Get help")).to_have_count(1)
        page.evaluate("document.querySelector('dialog').parentNode.remove()")
        expect(page.get_by_role("button", name="Get help")).to_have_count(1)
        open_button(page)
        guide_in(page)


@pytest.mark.parametrize("extra", ["", "async", "defer"])
def test_the_script_in_head_works(browser, hosts, extra):
    path = serve(hosts, page_html(head=tag(hosts["app"], extra=extra)))
    with visit(browser, hosts["host"], path) as page:
        open_button(page)
        guide_in(page).get_by_role("button", name="Start").click()
        assert_quiet(page)


@pytest.mark.parametrize("extra", ["", "async", "defer"])
def test_inline_mode_in_head_refuses_in_the_console_and_loads_nothing(browser, hosts, extra):
    path = serve(hosts, page_html(head=tag(hosts["app"], extra=f'data-mode="inline" {extra}')))
    with visit(browser, hosts["host"], path) as page:
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.locator("iframe").count() == 0
        assert not [r for r in page.requests if "/embed/" in r], page.requests
        assert_one_loader_line(page, 'data-mode="inline"', "<body>")


@pytest.mark.parametrize("extra", ["", "async", "defer"])
def test_inline_mode_renders_where_its_tag_stands(browser, hosts, extra):
    path = serve(hosts, page_html(tag(hosts["app"], extra=f'data-mode="inline" {extra}')))
    with visit(browser, hosts["host"], path) as page:
        guide_in(page)
        # right after its own tag, between the host's paragraphs
        assert page.locator("#before + script + iframe + #after").count() == 1
        assert_quiet(page)


def test_inline_mode_loaded_twice_gives_one_guide(browser, hosts):
    inline = tag(hosts["app"], extra='data-mode="inline"')
    path = serve(hosts, page_html(inline + inline))
    with visit(browser, hosts["host"], path) as page:
        guide_in(page)
        assert page.locator("iframe").count() == 1
        assert_quiet(page)


@pytest.mark.parametrize("html_lang,data_lang,expected", [
    ("es", None, "es"), ("es-MX", None, "es"), ("fr", None, "en"), ("es", "en", "en"), ("en", "es", "es"),
    ("en", "fr", "en"),
])
def test_the_language_follows_data_lang_then_the_page_then_english(browser, hosts, html_lang, data_lang, expected):
    extra = f'data-lang="{data_lang}" async' if data_lang else "async"
    path = serve(hosts, page_html(tag(hosts["app"], extra=extra), lang=html_lang))
    with visit(browser, hosts["host"], path) as page:
        open_button(page, expected)
        assert page.locator("dialog iframe").get_attribute("src") == \
            hosts["app"] + ("/embed/test/" if expected == "en" else f"/embed/test/{expected}/")
        frame = guide_in(page)
        expect(frame.locator("html")).to_have_attribute("lang", expected)
        assert_quiet(page)


# 3. The organisation's own contacts, and the button's colour ------------------------------

@pytest.mark.parametrize("lang", ["en", "es"])
def test_local_contacts_show_beside_the_national_lines(browser, hosts, lang):
    T = translator(lang)
    organisation = "Example University" if lang == "en" else "Universidad de Ejemplo"
    path = serve(hosts, page_html(tag(hosts["app"], extra=f'data-lang="{lang}" async')))
    with visit(browser, hosts["host"], path, **PHONE) as page:
        open_button(page, lang).wait_for()
        frame = guide_in(page)
        strip = frame.locator("aside.strip")
        expect(strip.locator(".local-help")).to_contain_text(T("From %(organisation)s:", organisation=organisation))
        links = strip.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        # 911 first, 988 and the national helpline still there, the organisation's after them
        assert links[0] == f"tel:{EMERGENCY}" and f"tel:{LIFELINE}" in links
        assert links.index("tel:5550100100") > links.index(f"tel:{LIFELINE}")
        if os.environ.get("HELP_SCREENSHOTS"):  # HELP_SCREENSHOTS=1 pytest -k local_contacts saves them
            page.screenshot(path=str(SHOTS / f"widget-local-contact-{lang}.png"), scale="css")
        frame.get_by_role("button", name=T("Start")).click()
        skip_to_plan(frame, T)
        support = frame.locator("section.step:has(h3#s-support)")
        block = support.locator("div.local-help")
        expect(block).to_contain_text(T("From %(organisation)s, whose website shows this guide:",
                                        organisation=organisation))
        # at the top of the step, before the national cards
        assert support.locator("> *").nth(1).get_attribute("class") == "local-help"
        expect(support.locator("#ref-crisis-988")).to_be_visible()
        assert_quiet(page)


def test_the_refusal_shots(browser, hosts):
    """The refusal on a phone, in both languages (HELP_SCREENSHOTS=1 saves them)."""
    for lang in ("en", "es"):
        path = serve(hosts, page_html(tag(hosts["app"]), lang=lang))
        with visit(browser, hosts["other"], path, **PHONE) as page:
            assert_refusal(open_button(page, lang), hosts, lang)
            if os.environ.get("HELP_SCREENSHOTS"):
                page.screenshot(path=str(SHOTS / f"widget-refusal-{lang}.png"), scale="css")


@pytest.mark.parametrize("colour,rgb", [("green", "rgb(0, 112, 60)"), (None, "rgb(29, 78, 137)")])
def test_the_button_takes_a_colour_from_the_safe_set(browser, hosts, colour, rgb):
    extra = f'data-color="{colour}" data-position="left" async' if colour else "async"
    path = serve(hosts, page_html(tag(hosts["app"], extra=extra)))
    with visit(browser, hosts["host"], path) as page:
        button = page.get_by_role("button", name="Get help")
        assert button.evaluate("b => getComputedStyle(b).backgroundColor") == rgb
        box = button.bounding_box()
        assert (box["x"] < 100) == bool(colour)  # data-position="left"
        assert_quiet(page)


def test_a_colour_outside_the_set_is_not_used(browser, hosts):
    path = serve(hosts, page_html(tag(hosts["app"], extra='data-color="#ff0" async')))
    with visit(browser, hosts["host"], path) as page:
        button = page.get_by_role("button", name="Get help")
        assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(29, 78, 137)"
        assert_one_loader_line(page, 'data-color="#ff0"')


# 4. A pinned loader, for hosts that require Subresource Integrity ------------------------------

def sri(code: str) -> str:
    import base64
    import hashlib

    return "sha384-" + base64.b64encode(hashlib.sha384(code.encode()).digest()).decode()


def test_the_loader_pinned_with_its_integrity_hash(browser, hosts):
    code = page_loader(browser, hosts)
    pinned = (f'<script src="{hosts["app"]}/embed.js" integrity="{sri(code)}" crossorigin="anonymous" '
              'data-site="test" async></script>')
    path = serve(hosts, page_html(pinned), strict_with(hosts["app"]))
    with visit(browser, hosts["host"], path) as page:
        open_button(page)
        guide_in(page).get_by_role("button", name="Start").click()
        assert_quiet(page)
    stale = pinned.replace(sri(code), sri(code + "// an older copy"))  # after an update: the browser refuses it
    path = serve(hosts, page_html(stale), strict_with(hosts["app"]))
    with visit(browser, hosts["host"], path) as page:
        page.wait_for_load_state("load")
        assert page.get_by_role("button", name="Get help").count() == 0
        assert any("integrity" in text for _, text, _ in page.console.heard), page.console.heard


def test_a_copy_served_by_the_host_with_data_guide(browser, hosts):
    """The host serves the loader itself (script-src 'self' is enough) and names the guide."""
    code = page_loader(browser, hosts)
    hosts["pages"]["/help-guide.js"] = (code, {"Content-Type": "text/javascript"})
    copy = (f'<script src="/help-guide.js" integrity="{sri(code)}" data-guide="{hosts["app"]}" '
            'data-site="test" async></script>')
    path = serve(hosts, page_html(copy), f"default-src 'self'; script-src 'self'; frame-src 'self' {hosts['app']}")
    with visit(browser, hosts["host"], path) as page:
        open_button(page)
        assert page.locator("dialog iframe").get_attribute("src") == f"{hosts['app']}/embed/test/"
        guide_in(page).get_by_role("button", name="Start").click()
        assert_quiet(page)
