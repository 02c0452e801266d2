"""Language in the URL (issue 14): /es/ for every page and inside the widget, the locale
Flask-Babel uses, <html lang>, hreflang alternates, the sitemap, the language switch (a
POST that keeps every answer on pages that hold them), the API's ?lang= and
Accept-Language, and the widget loader's labels. The mechanism is tested with a tiny
catalog of our own, so it holds whatever the real Spanish catalog says."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from babel.messages.extract import extract_from_file
from flask_babel import get_locale
from werkzeug.datastructures import MultiDict

import config
from app import create_app, directory, flow
from app.web.core import lang
from tests import page_states
from tests.conftest import app_with_catalog, assert_page_invariants, find_all, parse, text_of

SITE = "uni"
ORIGINS = ("https://uni.example",)
# A few msgids of our own catalog, so a test can see Spanish without the real one.
TEST_CATALOG = {"Check your answers": "Revisa tus respuestas", "Get help": "Pide ayuda", "Close": "Cerrar",
                "Page not found": "Página no encontrada",
                "Are you in danger right now, or afraid someone may hurt you?": "¿Estás en peligro ahora?"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    yield from app_with_catalog(tmp_path_factory.mktemp("translations"), TEST_CATALOG, EMBED_SITES={SITE: ORIGINS})


@pytest.fixture
def client(app):
    return app.test_client()


def html_lang(tree) -> str:
    return tree.get("lang")


def fetch(client, method, path, fields=()):
    return client.post(path, data=MultiDict(fields)) if method == "POST" else client.get(path)


def switch(tree):
    """The language control: ("link", href, hreflang) or ("form", action, hidden fields)."""
    box = next(d for d in find_all(tree, "div") if d.get("class") == "lang-switch noprint")
    forms = list(find_all(box, "form"))
    if forms:
        button = next(find_all(forms[0], "button"))
        fields = [(i.get("name"), i.get("value")) for i in find_all(forms[0], "input") if i.get("type") == "hidden"]
        return "form", forms[0].get("action"), fields, button.get("lang"), text_of(button)
    link = next(find_all(box, "a"))
    return "link", link.get("href"), link.get("hreflang"), link.get("lang"), text_of(link)


STATES = page_states.states(list(directory.load().guides))


def own_urls(tree):
    """Every link and form action of the page that points into the app (not assets)."""
    urls = [("link", a.get("href")) for a in find_all(tree, "a")] + [("action", f.get("action"))
                                                                       for f in find_all(tree, "form")]
    return [(kind, url) for kind, url in urls if url.startswith("/") and not url.startswith("/static/")]


@pytest.mark.parametrize("name, method, path, fields", STATES, ids=[state[0] for state in STATES])
def test_every_page_state_in_spanish_stays_in_spanish(client, name, method, path, fields):
    english = fetch(client, method, path, fields)
    for prefix, inside in (("/es", "/es/"), (f"/embed/{SITE}/es", f"/embed/{SITE}/es/")):
        if prefix.startswith("/embed") and name == "not-allowed":
            continue  # the widget's 405 page is the site's own, as in English
        response = fetch(client, method, prefix + path, fields)
        assert response.status_code == english.status_code, (name, prefix)
        tree = assert_page_invariants(response)
        assert html_lang(tree) == "es", (name, prefix)
        kind, href, *rest = switch(tree)
        assert rest[-2:] == ["en", "English"], name
        if name in ("not-found", "not-allowed"):
            continue  # an error page: no route, so the site's own pages (tested below)
        for what, url in own_urls(tree):
            if url == href:
                continue  # the switch: to English
            # every link and form stays in Spanish, and inside the widget when embedded
            assert url.startswith(inside), (name, prefix, what, url)
        english_tree = parse(english.data)
        assert html_lang(english_tree) == "en"
        assert switch(english_tree)[3:] == ("es", "Español"), name


@pytest.mark.parametrize("path, expected", [
    ("/", "en"), ("/es/", "es"), ("/es/guides/law", "es"), ("/es/letters/kit", "es"), ("/guides/law", "en"),
    (f"/embed/{SITE}/es/", "es"), (f"/embed/{SITE}/", "en"), ("/es/nope", "es"), (f"/embed/{SITE}/es/nope", "es"),
    ("/nope", "en"), ("/es/embed/help", "es"), ("/embed/help", "en"),
])
def test_flask_babel_locale_is_the_urls_language(app, path, expected):
    with app.test_request_context(path):
        app.preprocess_request()
        assert str(get_locale()) == expected


def test_pages_are_translated_from_the_catalog_by_url(client):
    data = MultiDict([("danger", "no"), ("_seen", "danger")])
    assert "<h1>Revisa tus respuestas</h1>" in client.post("/es/check", data=data).get_data(as_text=True)
    assert "<h1>Check your answers</h1>" in client.post("/check", data=data).get_data(as_text=True)
    embedded = client.post(f"/embed/{SITE}/es/check", data=data).get_data(as_text=True)
    assert "<h1>Revisa tus respuestas</h1>" in embedded


@pytest.mark.parametrize("path", ["/es/nope", "/es/guides/nope", f"/embed/{SITE}/es/nope", "/embed/nobody/es/"])
def test_a_404_under_es_is_a_spanish_error_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    tree = assert_page_invariants(response)
    assert html_lang(tree) == "es" and text_of(next(find_all(tree, "h1"))) == "Página no encontrada"
    assert switch(tree)[:2] == ("link", "/")  # to the English start page, not to an English 404
    assert not [link for link in find_all(tree, "link") if link.get("rel") == "alternate"]


def test_es_without_slash_redirects_and_english_urls_are_unchanged(client):
    response = client.get("/es")
    assert response.status_code == 308 and response.headers["Location"] == "/es/"
    tree = parse(client.get("/").data)
    assert [f.get("action") for f in find_all(tree, "form")] == ["/q"]  # the start page's own form
    assert client.get("/en/").status_code == 404  # English has one address: the root


def test_root_only_urls_have_no_spanish_copy(client):
    for path in ("/es/robots.txt", "/es/sitemap.xml", "/es/embed.js", "/es/api/v1/questions",
                 "/es/static/site.css", f"/embed/{SITE}/es/robots.txt"):
        assert client.get(path).status_code == 404, path


def alternates(tree) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in find_all(tree, "link") if link.get("rel") == "alternate"}


@pytest.mark.parametrize("path", ["/", "/es/", "/guides/", "/es/guides/law", "/letters/kit", "/es/letters/removal",
                                  f"/embed/{SITE}/es/guides/", "/embed/help"])
def test_every_get_page_names_its_copies_in_every_language(client, path):
    tree = parse(client.get(path).data)
    english = "http://localhost" + re.sub(r"^(/embed/[^/]+)?/es/", r"\1/", path)
    spanish = english.replace("http://localhost/", "http://localhost/es/", 1) if not path.startswith("/embed/uni") \
        else english.replace(f"/embed/{SITE}/", f"/embed/{SITE}/es/", 1)
    if path == "/embed/help":
        spanish = "http://localhost/es/embed/help"
    assert alternates(tree) == {"en": english, "es": spanish, "x-default": english}
    for url in alternates(tree).values():
        assert client.get(url.removeprefix("http://localhost")).status_code == 200


def test_post_pages_name_no_alternates(client):
    tree = parse(client.post("/es/plan", data={}).data)
    assert alternates(tree) == {}


def test_prefix_and_language_behind_a_proxy():
    class Proxied(config.TestConfig):
        PROXY_HOPS = 1
        TRUSTED_HOSTS = ["help.test"]
        EMBED_SITES = {SITE: ORIGINS}

    client = create_app(Proxied).test_client()
    headers = {"X-Forwarded-Prefix": "/help", "X-Forwarded-Host": "help.test", "X-Forwarded-Proto": "https"}
    tree = parse(client.get("/es/guides/", headers=headers).data)
    assert alternates(tree) == {"en": "https://help.test/help/guides/", "es": "https://help.test/help/es/guides/",
                                "x-default": "https://help.test/help/guides/"}
    assert switch(tree)[:2] == ("link", "/help/guides/")
    assert all(url.startswith("/help/es/") for _, url in own_urls(tree) if url != "/help/guides/")
    tree = parse(client.post(f"/embed/{SITE}/es/check", data={"danger": "no"}, headers=headers).data)
    assert switch(tree)[:2] == ("form", f"/help/embed/{SITE}/check")
    assert {f.get("action") for f in find_all(tree, "form")} == {f"/help/embed/{SITE}/es/plan",
                                                                f"/help/embed/{SITE}/check"}
    sitemap = client.get("/sitemap.xml", headers=headers).get_data(as_text=True)
    assert "<loc>https://help.test/help/es/guides/law</loc>" in sitemap


XHTML = "{http://www.w3.org/1999/xhtml}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_lists_each_page_in_both_languages_with_alternates(client):
    root = ElementTree.fromstring(client.get("/sitemap.xml").data)
    entries = {url.find(f"{SM}loc").text: {link.get("hreflang"): link.get("href")
                                           for link in url.findall(f"{XHTML}link")} for url in root}
    slugs = list(directory.load().guides)
    english = ["http://localhost/", "http://localhost/guides/"] + [f"http://localhost/guides/{s}" for s in slugs]
    assert len(entries) == 2 * len(english)
    for url in english:
        spanish = url.replace("localhost/", "localhost/es/", 1)
        expected = {"en": url, "es": spanish, "x-default": url}
        assert entries[url] == expected and entries[spanish] == expected
        tree = parse(client.get(spanish.removeprefix("http://localhost")).data)
        assert html_lang(tree) == "es" and alternates(tree) == expected
        # a Spanish page may be listed, as the English one
        assert next(m for m in find_all(tree, "meta") if m.get("name") in ("description", "robots")).get(
            "name") == "description"


# --- The switch on pages that hold answers --------------------------------------------------


def hidden(tree, action) -> list[tuple[str, str]]:
    form = next(f for f in find_all(tree, "form") if f.get("action") == action and "back" not in f.get("class", ""))
    return [(i.get("name"), i.get("value")) for i in find_all(form, "input") if i.get("type") == "hidden"]


def answers_of(fields) -> set[tuple[str, str]]:
    return {(n, v) for n, v in fields if not n.startswith("_") or n == "_seen"}


def shown_question(tree) -> str:
    return next(i.get("value") for i in find_all(tree, "input") if i.get("name") == "_q")


def post_switch(client, tree):
    kind, action, fields, *_ = switch(tree)
    assert kind == "form" and "?" not in action  # answers in the body, never in the URL
    return client.post(action, data=MultiDict(fields))


def walk(client, prefix=""):
    """Answer the first questions and stop on the `where` question, with every answer in the page."""
    tree = parse(client.post(f"{prefix}/q", data={}).data)
    for qid, codes in (("danger", ["no"]), ("for_whom", ["self"]), ("situation", ["shared", "threatened"]),
                       ("demand", ["money"]), ("age", ["adult"])):
        assert shown_question(tree) == qid
        fields = hidden(tree, f"{prefix}/q") + [(qid, c) for c in codes] + [("_nav", "continue")]
        tree = parse(client.post(f"{prefix}/q", data=MultiDict(fields)).data)
    return tree


@pytest.mark.parametrize("prefix, other", [("", "/es"), ("/es", ""), (f"/embed/{SITE}", f"/embed/{SITE}/es")])
def test_switching_language_on_a_question_keeps_every_answer_and_the_question(client, prefix, other):
    tree = walk(client, prefix)
    question, before = shown_question(tree), answers_of(hidden(tree, f"{prefix}/q"))
    assert question == "kind" and ("demand", "money") in before and ("situation", "threatened") in before
    response = post_switch(client, tree)
    assert response.status_code == 200
    switched = assert_page_invariants(response)
    assert html_lang(switched) == ("en" if other in ("", f"/embed/{SITE}") else "es")
    assert shown_question(switched) == question
    assert answers_of(hidden(switched, f"{other}/q")) == before
    # and back again: the same page as before the first switch
    again = parse(post_switch(client, switched).data)
    assert shown_question(again) == question and answers_of(hidden(again, f"{prefix}/q")) == before
    assert text_of(next(find_all(again, "h1"))) == text_of(next(find_all(tree, "h1")))


def test_switching_keeps_the_current_questions_own_answer_and_the_way_back_to_check(client):
    fields = [("situation", "shared"), ("where", "social"), ("where", "search"), ("_change", "where")]
    tree = parse(client.post("/change", data=MultiDict(fields)).data)
    switched = parse(post_switch(client, tree).data)
    assert shown_question(switched) == "where"
    ticked = {i.get("value") for i in find_all(switched, "input") if i.get("checked") is not None}
    assert ticked == {"social", "search"}
    assert ("_return", "check") in hidden(switched, "/es/q")
    back = next(f for f in find_all(switched, "form") if "back" in f.get("class", ""))
    assert back.get("action") == "/es/check"


def test_switching_on_an_error_shows_the_question_without_the_error(client):
    response = client.post("/q", data={"_q": "danger", "_nav": "continue"})
    assert response.status_code == 400
    switched = post_switch(client, parse(response.data))
    assert switched.status_code == 200 and shown_question(parse(switched.data)) == "danger"


def test_a_stay_for_a_question_that_no_longer_applies_goes_on(client):
    # "demand" is asked only when someone threatens: with no such answer, the next question is shown
    response = client.post("/es/q", data={"_q": "demand", "_nav": "stay", "danger": "no", "_seen": "danger"})
    assert response.status_code == 200 and shown_question(parse(response.data)) == "for_whom"


@pytest.mark.parametrize("endpoint", ["/check", "/plan"])
def test_switching_on_check_and_plan_keeps_every_answer(client, endpoint):
    fields = page_states.PLAN_ANSWERS["shared-adult-copy"]
    for prefix, other in (("", "/es"), ("/es", "")):
        tree = parse(client.post(prefix + endpoint, data=MultiDict(fields)).data)
        kind, action, carried, *_ = switch(tree)
        assert kind == "form" and action == other + endpoint
        assert answers_of(carried) == answers_of(hidden_fields_of(fields))
        switched = parse(client.post(action, data=MultiDict(carried)).data)
        assert html_lang(switched) == ("es" if other else "en")
        assert page_shape(switched) == page_shape(tree)  # the same page: same rows or steps, same answers
        assert answers_of(switch(switched)[2]) == answers_of(carried)


def page_shape(tree):
    """What a check page or plan shows, whatever the language: rows to change, steps, referrals."""
    return ([b.get("value") for b in find_all(tree, "button") if b.get("name") == "_change"],
            [el.get("id") for el in tree.iter() if (el.get("id") or "").startswith(("s-", "ref-"))])


def hidden_fields_of(fields):
    from app.web.guide import form_state

    state = form_state.read(MultiDict(fields))
    return form_state.hidden_fields(flow.normalize(state.answers), state.seen)


def test_back_to_the_start_page_keeps_the_answers_through_the_switch(client):
    tree = parse(client.post("/q", data={"_q": "danger", "_nav": "back", "danger": "no", "_seen": "danger"}).data)
    assert text_of(next(find_all(tree, "h1"))).startswith("Help when")
    switched = parse(post_switch(client, tree).data)
    assert html_lang(switched) == "es" and ("danger", "no") in hidden(switched, "/es/q")
    assert next(find_all(switched, "h1")).text == next(find_all(tree, "h1")).text


@pytest.mark.parametrize("path, fields", [("/letters/removal", page_states.REMOVAL_LETTER),
                                          ("/letters/copyright", page_states.COPYRIGHT_LETTER),
                                          ("/letters/kit", page_states.KIT),
                                          ("/letters/kit", [("sender", "authorized"), ("email", "nope")])])
def test_a_letter_page_reached_by_post_reposts_what_was_typed_in_the_other_language(client, path, fields):
    english = client.post(path, data=MultiDict(fields))
    kind, action, carried, *_ = switch(parse(english.data))
    assert kind == "form" and action == "/es" + path
    sent = {(n, v.replace("\r\n", "\n")) for n, v in fields if v}
    assert sent <= {(n, v.replace("\r\n", "\n")) for n, v in carried}  # all that was typed, and only in the body
    spanish = client.post(action, data=MultiDict(carried))
    assert spanish.status_code == english.status_code  # the same letter (or the same errors), in Spanish
    tree = parse(spanish.data)
    assert html_lang(tree) == "es"
    letters = [text_of(t) for t in find_all(tree, "textarea")]
    assert letters == [text_of(t) for t in find_all(parse(english.data), "textarea")]  # letters stay in English


def test_a_letter_page_never_carries_a_choice_it_did_not_offer(client):
    # A radio's value is not filtered like typed text: one not offered may hold what HTML cannot carry.
    fields = [("sender", "x\x01"), ("kind", "ai"), ("description", "a photo\x02 from May"), ("email", "nope")]
    tree = assert_page_invariants(client.post("/letters/kit", data=MultiDict(fields)))
    carried = dict(switch(tree)[2])
    assert "sender" not in carried and carried["kind"] == "ai"
    assert carried["description"] == "a photo from May" and carried["email"] == "nope"  # typed text, even in error


# --- The API --------------------------------------------------------------------------------


@pytest.mark.parametrize("query, accept, expected", [
    ("", None, "en"), ("?lang=es", None, "es"), ("?lang=en", "es", "en"), ("", "es-MX", "es"),
    ("", "es-US,es;q=0.9,en;q=0.8", "es"), ("", "fr, en;q=0.5", "en"), ("", "fr", "en"), ("", "en-GB,es;q=0.9", "en"),
])
def test_api_language_from_lang_or_accept_language(client, query, accept, expected):
    headers = {"Accept-Language": accept} if accept else {}
    for response in (client.get(f"/api/v1/questions{query}", headers=headers),
                     client.post(f"/api/v1/plan{query}", json={"answers": {}}, headers=headers)):
        assert response.status_code == 200
        assert response.headers["Content-Language"] == expected
        assert "Accept-Language" in response.headers["Vary"]


def test_api_text_follows_the_language(client):
    def first_title(response):
        return response.json["questions"][0]["title"]

    assert first_title(client.get("/api/v1/questions?lang=es")) == "¿Estás en peligro ahora?"
    assert first_title(client.get("/api/v1/questions", headers={"Accept-Language": "es-MX"})) == "¿Estás en peligro ahora?"
    assert first_title(client.get("/api/v1/questions")).startswith("Are you in danger")
    assert first_title(client.get("/api/v1/questions?lang=en", headers={"Accept-Language": "es"})).startswith("Are")


@pytest.mark.parametrize("path, method", [("/api/v1/questions?lang=xx", "get"), ("/api/v1/plan?lang=fr", "post"),
                                          ("/api/v1/questions?lang=es&lang=en", "get"),
                                          ("/api/v1/removal-kit?lang=ES", "post")])
def test_api_refuses_an_unsupported_lang_clearly(client, path, method):
    response = getattr(client, method)(path, json={})
    assert response.status_code == 400 and response.is_json
    assert response.json["error"]["message"] == "The lang parameter must be one of: en, es."
    assert response.headers["Content-Language"] == "en"


def test_openapi_describes_the_language(client):
    spec = client.get("/api/v1/openapi.json").json
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            names = {p["name"]: p for p in operation.get("parameters", [])}
            if path == "/api/v1/openapi.json":
                assert "lang" not in names
                continue
            assert names["lang"]["in"] == "query" and names["lang"]["schema"]["enum"] == ["en", "es"]
            assert names["Accept-Language"]["in"] == "header"
            assert "400" in operation["responses"]
            assert all("Content-Language" in r["headers"] for r in operation["responses"].values())


# --- The widget loader ------------------------------------------------------------------------


def test_loader_carries_its_labels_in_every_language_from_the_catalog(client):
    code = client.get("/embed.js").get_data(as_text=True)
    labels = re.search(r"var LABELS = (\{.*?\}\}); ", code).group(1)
    import json

    labels = json.loads(labels)
    assert set(labels) == set(lang.LANGS)
    assert {"open": "Get help", "close": "Close", "exit": "Quick exit", "exitLabel": "Quick exit (leave this site now)",
            "title": "Help guide", "refused": "This guide cannot open here."}.items() <= labels["en"].items()
    assert labels["es"]["open"] == "Pide ayuda" and labels["es"]["close"] == "Cerrar"  # from the catalog
    assert 'getAttribute("data-lang")' in code and '/*LABELS*/' not in code


def test_loader_labels_are_extractable():
    from pathlib import Path

    import app.web.site.embed as embed

    msgids = {message[1] for message in extract_from_file("python", Path(embed.__file__))}
    assert {"Get help", "Close", "Quick exit", "Quick exit (leave this site now)", "Help guide"} <= msgids


def test_embed_help_documents_data_lang(client):
    text = text_of(parse(client.get("/embed/help").data))
    assert 'data-lang="es"' in text and "/embed/SITE-ID/es/" in text  # no configured site id (issue 27)


@pytest.mark.server
def test_lynx_switches_language_on_a_question_and_keeps_the_answers(tmp_path):
    """A real text browser (no JavaScript, no formaction): the switch is an ordinary form."""
    from tests.servers import gunicorn
    from tests.test_text_browser import Lynx

    with gunicorn() as base:
        lynx = Lynx(base + "/", tmp_path)
        try:
            lynx.wait_for("Start")
            lynx.activate("Start", then="Are you in danger right now")
            lynx.activate("No", then="")
            lynx.activate("Continue", then="Is this about you, or are you helping someone else?")
            lynx.activate("Espa", then="English")  # the same question in Spanish (lynx may draw "ñ" as "n")
            lynx.activate("English", then="Is this about you, or are you helping someone else?")
            assert lynx.heading_is("Is this about you, or are you helping someone else?"), lynx.text
            lynx.activate("Back", then="Are you in danger right now")
            assert re.search(r"\(\*\) No$", lynx.text, re.M), lynx.text  # the answer came through both switches
        finally:
            lynx.quit()
