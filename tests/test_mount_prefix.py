"""The app mounted under a prefix (/help) behind the test nginx, as a site that adds the
guide to its own domain would: nginx strips /help and sends X-Forwarded-Prefix, and
ProxyFix (HELP_PROXY_HOPS=1) makes every URL the app builds start with /help."""

import json
import urllib.request
from urllib.parse import urlencode, urlsplit

import pytest

from app import directory
from tests import page_states
from tests.conftest import find_all, parse, text_of
from tests.servers import gunicorn, nginx

pytestmark = pytest.mark.server

PREFIX = "/help"
EMBED = f"{PREFIX}/embed/preview/"  # the built-in preview site: no settings needed
# Paths also served inside the widget. Its 405 page (GET /plan) is the site's own, as before.
EMBEDDABLE = ("/q", "/change", "/check", "/plan", "/letters", "/guides")


class Response:
    def __init__(self, raw):
        self.status, self.headers, self.data = raw.status, raw.headers, raw.read()


def fetch(url, data=None):
    body = urlencode(data, doseq=True).encode() if data is not None else None
    try:
        return Response(urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=10))
    except urllib.error.HTTPError as err:
        return Response(err)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    env = {"HELP_PROXY_HOPS": "1", "HELP_TRUSTED_HOSTS": "help.test 127.0.0.1"}
    with gunicorn(env=env) as app_url:
        with nginx([app_url], tmp_path_factory.mktemp("nginx-prefix"), prefix=PREFIX) as (url, _):
            yield url


def page_urls(tree) -> list[tuple[str, str]]:
    """(kind, URL) for every link, form action, asset and frame a page names."""
    urls = [("home", tree.get("data-home"))]
    urls += [("link", a.get("href")) for a in find_all(tree, "a")]
    urls += [("action", f.get("action")) for f in find_all(tree, "form")]
    urls += [("asset", el.get("href")) for el in find_all(tree, "link") if el.get("rel") != "alternate"]
    # hreflang alternates are absolute (as search engines want), at the address the proxy shows
    for el in find_all(tree, "link"):
        if el.get("rel") == "alternate":
            assert urlsplit(el.get("href")).netloc == "127.0.0.1", el.get("href")
            urls.append(("link", urlsplit(el.get("href")).path))
    urls += [("asset", el.get("src")) for tag in ("script", "img") for el in find_all(tree, tag)]
    urls += [("frame", el.get("src")) for el in find_all(tree, "iframe")]
    return urls


def own(url: str) -> bool:
    """A URL of this app: a path (fragments, other sites, tel: and mailto: are not)."""
    return url.startswith("/")


def every_state():
    """(name, method, path, fields, where its links stay, its home) for every page, in English and Spanish."""
    slugs = list(directory.load().guides)
    for name, method, path, fields in page_states.states(slugs):
        for lang in ("", "/es"):
            # A Spanish page's language switch leads to English: its links stay under the prefix.
            yield f"{name}{lang}", method, PREFIX + lang + path, fields, f"{PREFIX}/", f"{PREFIX}{lang}/"
            if (path == "/" or path.startswith(EMBEDDABLE)) and name != "not-allowed":
                yield f"embed-{name}{lang}", method, EMBED.rstrip("/") + lang + path, fields, EMBED, EMBED + lang[1:] + "/" * bool(lang)
    yield "embed-help", "GET", f"{PREFIX}/embed/help", [], f"{PREFIX}/", f"{PREFIX}/"
    yield "embed-help-es", "GET", f"{PREFIX}/es/embed/help", [], f"{PREFIX}/", f"{PREFIX}/es/"


def test_every_link_form_and_asset_on_every_page_honours_the_prefix(base):
    checked = {"link": set(), "asset": set(), "frame": set(), "action": {}}
    for name, method, path, fields, inside, home in every_state():
        response = fetch(base + path, fields if method == "POST" else None)
        assert response.status in (200, 400, 404, 405), (name, response.status)
        tree = parse(response.data)
        urls = page_urls(tree)
        assert ("home", home) in urls, name
        for kind, url in urls:
            assert url, (name, kind)
            if not own(url):
                assert urlsplit(url).hostname != "127.0.0.1", (name, url)  # no absolute self-links
                continue
            # Assets are shared; everything else stays inside the widget when embedded.
            assert url.startswith(f"{PREFIX}/static/" if kind == "asset" else inside), (name, kind, url)
            if kind == "action":
                form = next(f for f in find_all(tree, "form") if f.get("action") == url)
                checked["action"].setdefault(url, [(i.get("name"), i.get("value") or "")
                                                   for i in find_all(form, "input") if i.get("type") == "hidden"])
            elif kind != "home":
                checked[kind].add(url.partition("#")[0])
    # Each one is really there, through the prefix.
    for url in checked["link"] | checked["asset"] | checked["frame"]:
        assert fetch(base + url).status == 200, url
    for url, hidden in checked["action"].items():
        assert fetch(base + url, hidden).status in (200, 400), url  # 400: a letter form's own errors
    assert {f"{PREFIX}/static/site.css", f"{PREFIX}/letters/kit", f"{EMBED}letters/removal", f"{PREFIX}/es/letters/kit",
            f"{EMBED}es/letters/removal", f"{PREFIX}/es/guides/law"} <= {
        u.partition("?")[0] for u in checked["link"] | checked["asset"]}
    assert {f"{PREFIX}/es/q", f"{EMBED}es/plan", f"{PREFIX}/check"} <= set(checked["action"])


def test_embed_help_snippets_name_the_mounted_addresses(base):
    text = text_of(parse(fetch(f"{base}{PREFIX}/embed/help").data))
    assert f'src="http://127.0.0.1{PREFIX}/embed.js"' in text
    assert f'iframe src="http://127.0.0.1{PREFIX}/embed/SITE-ID/"' in text


def test_openapi_server_is_the_mounted_address(base):
    spec = json.loads(fetch(f"{base}{PREFIX}/api/v1/openapi.json").data)
    assert spec["servers"] == [{"url": f"http://127.0.0.1{PREFIX}"}]


def answer(form) -> list[tuple[str, str]]:
    """The form's hidden fields and its first real answer, as a person clicking would send."""
    fields = [(i.get("name"), i.get("value")) for i in find_all(form, "input") if i.get("type") == "hidden"]
    choice = next((i for i in find_all(form, "input") if i.get("type") in ("radio", "checkbox") and i.get("value")),
                  None)
    if choice is not None:
        fields.append((choice.get("name"), choice.get("value")))
    for select in find_all(form, "select"):
        fields.append((select.get("name"), next(o.get("value") for o in find_all(select, "option") if o.get("value"))))
    return fields


@pytest.mark.parametrize("start", [f"{PREFIX}/", EMBED, f"{PREFIX}/es/", f"{EMBED}es/"])
def test_a_walk_to_the_plan_under_the_prefix(base, start):
    tree = parse(fetch(base + start).data)
    form = next(f for f in find_all(tree, "form") if f.get("action").endswith("/q"))
    response = fetch(base + form.get("action"), [])
    for _ in range(len(page_states.flow.QUESTIONS) + 1):
        tree = parse(response.data)
        forms = {f.get("action"): f for f in find_all(tree, "form") if f.get("class") not in ("back", "lang")}
        if start + "plan" in forms:  # the check page
            break
        assert set(forms) == {start + "q"}, forms
        response = fetch(base + start + "q", answer(forms[start + "q"]) + [("_nav", "continue")])
        assert response.status == 200
    else:
        pytest.fail("the walk never reached the check page")
    plan = fetch(base + start + "plan", answer(forms[start + "plan"]) + [("_nav", "plan")])
    tree = parse(plan.data)
    assert plan.status == 200 and tree.get("lang") == ("es" if start.endswith("/es/") else "en")
    assert any(nav.get("class") == "overview" for nav in find_all(tree, "nav"))  # the plan, in either language
