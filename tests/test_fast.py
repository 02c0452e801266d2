"""What issue 15's speed-ups keep true (no timings here: bench/throughput measures speed).

Each cache gives exactly what rendering afresh gives, in every language (Spanish through a
small catalog made here, and a `/es/` rule shaped as issue 14's routing); the per-request CSP
nonce is fresh in every response; and nothing a visitor sends becomes part of any cache: they
are built from content before requests read them, and do not grow as requests arrive.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re

import pytest
from flask import jsonify, render_template_string
from flask.json.provider import DefaultJSONProvider
from flask_babel import force_locale
from markupsafe import Markup

from app import create_app, flow, precompute, presenter
from app.directory import STATE_LAW
from app.i18n import gettext, t, translations
from app.web import assets, page_cache, plan_page, prerender, question_page, urls, warm
from config import TestConfig
from tests.conftest import app_with_catalog

STEP_LINE = flow.STEPS[0].lines[0].text.you  # "If you are in danger now, call %(emergency_phone)s."
SPANISH = {
    "Quick exit": "Salida rápida",
    "Start": "Empezar",
    "Help when private pictures are shared, threatened or faked": "Ayuda cuando se comparten imágenes íntimas",
    STEP_LINE: "Si estás en peligro ahora, llama al %(emergency_phone)s.",
    "The law in %(state)s": "La ley en %(state)s",
    "Website": "Sitio web",
}
PLAN_FORM = {"danger": "yes", "situation": ["shared", "threatened"], "demand": "money", "where": ["social", "search"],
             "age": "under18", "copy": "yes", "kind": "ai", "state": "TX"}


def nonce_of(response) -> str:
    return re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)


def without_nonce(response) -> bytes:
    return response.data.replace(nonce_of(response).encode(), b"NONCE")


@pytest.fixture(scope="module")
def es_app(tmp_path_factory):
    """The app with a small Spanish catalog of its own (whatever the real one says)."""
    yield from app_with_catalog(tmp_path_factory.mktemp("translations"), SPANISH)


def test_gettext_resolves_the_catalog_once_per_request_and_follows_force_locale(es_app, monkeypatch):
    import flask_babel

    calls = []
    real = flask_babel.Domain.get_translations
    monkeypatch.setattr(flask_babel.Domain, "get_translations", lambda self: calls.append(1) or real(self))
    with es_app.test_request_context("/"):
        assert [gettext("Quick exit") for _ in range(50)] == ["Quick exit"] * 50
        assert len(calls) == 1
        with force_locale("es"):
            assert t("Quick exit") == "Salida rápida"
            assert t(STEP_LINE, emergency_phone="911") == "Si estás en peligro ahora, llama al 911."
            assert render_template_string("{{ _('Quick exit') }}|{% trans %}Start{% endtrans %}") == \
                "Salida rápida|Empezar"
        assert t("Quick exit") == "Quick exit" and len(calls) == 2
        assert t("") == "" and t(None) == ""
    with es_app.test_request_context("/es/"):  # a new request resolves its own locale again
        es_app.preprocess_request()
        assert t("Quick exit") == "Salida rápida"


TEMPLATES = ("{{ _('a < b') }}", "{{ _('%(x)s!', x='<i>') }}", "{{ _('100%%') }}", "{{ gettext('Start') }}",
             "{% trans x='<b>' %}Hello {{ x }}{% endtrans %}", "{% trans %}Start{% endtrans %}",
             "{{ ngettext('%(num)s page', '%(num)s pages', 2) }}")


@pytest.mark.parametrize("autoescape", [True, False])
def test_template_gettext_behaves_as_jinjas_own(app, autoescape):
    """Our `_`/`gettext` skip Jinja's indirections, not its behaviour: trusted translations,
    escaped values where the template autoescapes, always a format string."""
    from jinja2 import Environment

    reference = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
    reference.install_gettext_callables(gettext=lambda s: s, ngettext=lambda s, p, n: s if n == 1 else p,
                                        newstyle=True)
    ours = app.jinja_env.overlay(autoescape=autoescape)
    with app.test_request_context("/"):
        for source in TEMPLATES:
            assert ours.from_string(source).render() == reference.from_string(source).render(), source


def _reference_plan_data(plan, directory, lang):
    """The plan as presenter.plan_data made it before issue 15: every string translated afresh."""
    facts = directory.facts_in(lang)
    steps = [{"id": s.id, "group": s.group, "title": t(s.title),
              "text": " ".join(t(line, **facts) for line in s.lines),
              "paragraphs": [t(line, **facts) for line in s.lines],
              "referrals": list(s.referrals), "guide": s.guide} for s in plan.steps]
    referrals = {}
    for ref_id in plan.referral_ids:
        found = directory.referral(ref_id, plan.state, t, lang=lang)
        if found is not None:
            referrals[ref_id] = found.to_json()
    return {"steps": steps, "referrals": referrals}


@pytest.mark.parametrize("locale", ["en", "es"])
def test_precomputed_plan_text_is_what_translating_afresh_gives(es_app, locale):
    directory = es_app.extensions["directory"]
    answer_sets = [answers for answers, _ in itertools.islice(flow.canonical_answer_sets(("TX", None)), 0, 30000, 101)]
    assert len(answer_sets) > 250
    with es_app.app_context(), force_locale(locale):
        for answers in answer_sets:
            plan = flow.build_plan(answers, directory.platforms_by_where)
            data = presenter.plan_data(plan, directory)
            assert data == _reference_plan_data(plan, directory, locale)
            assert json.loads(jsonify({"plan": data}).data) == {"plan": data}
        for code in directory.states:
            assert presenter.referral(directory, STATE_LAW, code) == \
                directory.referral(STATE_LAW, code, t, lang=locale).to_json()
        for ref_id in directory.entries:
            assert presenter.referral(directory, ref_id, None) == directory.referral(ref_id, None, t, lang=locale).to_json()
        texas = presenter.referral(directory, STATE_LAW, "TX")["name"]
        assert texas == ("La ley en Texas" if locale == "es" else "The law in Texas")


def test_json_says_what_flasks_own_provider_says(app, monkeypatch):
    """orjson writes the API's JSON (app/web/orjson_provider.py): the same values as Flask's
    default provider, in the same key order, indented while debugging; text not in ASCII as UTF-8."""
    directory = app.extensions["directory"]
    flasks = DefaultJSONProvider(app)
    flasks.sort_keys = False
    with app.app_context():
        referral = precompute.tables(directory, presenter.language()).referrals["crisis-988"]
        data = {"plan": {"referrals": {"a": referral}, "é": [1, None, 2.5, True], "n": {1: "x"},
                         "when": datetime.date(2026, 1, 2), "safe": Markup("<b>"), "z": 0, "a": 1}}
        ours, theirs = jsonify(data), flasks.response(data)
        assert ours.mimetype == theirs.mimetype == "application/json"
        assert json.loads(ours.data) == json.loads(theirs.data)
        assert list(json.loads(ours.data)["plan"]) == list(data["plan"])  # order kept, not sorted
        assert ours.data.endswith(b"}\n") and b'"when":"Fri, 02 Jan 2026 00:00:00 GMT"' in ours.data
        assert "é".encode() in ours.data and b"\\u00e9" in theirs.data
        assert app.json.loads(b'{"a": [1, "\\u00e9"]}') == {"a": [1, "é"]}
        assert json.loads(jsonify({"big": 2**70}).data) == {"big": 2**70}  # beyond orjson: Python's encoder
        assert app.json.dumps({"b": 1, "a": "é"}, sort_keys=True) == flasks.dumps({"b": 1, "a": "é"}, sort_keys=True)
        monkeypatch.setattr(app, "debug", True)  # indented, as Flask indents while debugging
        assert b"\n  " in jsonify(data).data and json.loads(jsonify(data).data) == json.loads(theirs.data)


@pytest.mark.parametrize("body", ['{"answers": {"danger": NaN}}', '{"answers": {"\\ud800": "x"}}',
                                  '{"answers": 1e999}', '{"answers": {}} x', '[' * 2000 + ']' * 2000])
def test_json_that_is_not_strict_json_is_refused_as_invalid(client, body):
    response = client.post("/api/v1/plan", data=body, content_type="application/json")
    assert response.status_code == 400 and response.json["error"]["message"] == "The body is not valid JSON."


def test_tables_are_one_per_language_shared_and_read_only(es_app):
    directory = es_app.extensions["directory"]
    with es_app.app_context():
        english = precompute.tables(directory, presenter.language())
        with force_locale("es"):
            spanish = precompute.tables(directory, presenter.language())
            assert precompute.tables(directory, presenter.language()) is spanish
        assert precompute.tables(directory, presenter.language()) is english and spanish is not english
        with pytest.raises(TypeError):
            english.referrals["crisis-988"]["name"] = "changed"
        copy = presenter.referral(directory, "crisis-988", None)
        copy["name"] = "changed"  # a caller's copy is its own
        assert english.referrals["crisis-988"]["name"] != "changed"


def _plan_page(client, path="/plan", lang=None):
    return client.post(f"/{lang}{path}" if lang else path, data=PLAN_FORM)


def test_plan_pages_from_pieces_are_what_rendering_each_piece_for_the_request_gives(es_app, monkeypatch):
    """Every place, both languages, a spread of plans: joining the pieces rendered once gives the
    bytes that rendering every piece (and plan.html) for the request gives."""
    sample = [answers for answers, _ in itertools.islice(flow.canonical_answer_sets(("TX", None)), 0, 30000, 997)]
    answer_sets = [*sample, *({**answers, "for_whom": "someone_else"} for answers in sample), PLAN_FORM]
    directory = es_app.extensions["directory"]
    used = []
    real = plan_page._prebuilt
    paths = urls.paths_of(es_app, "flow.plan", "POST")
    assert {"/plan", "/es/plan", "/embed/preview/plan", "/embed/preview/es/plan"} <= set(paths)
    for path in paths:
        with es_app.test_request_context(path, method="POST", environ_overrides={"help.csp_nonce": "n0nce"}):
            es_app.preprocess_request()
            for answers in answer_sets:
                plan = flow.build_plan(flow.normalize(answers), directory.platforms_by_where)
                hidden = [("danger", "no"), ("_seen", "danger")]
                monkeypatch.setattr(plan_page, "_prebuilt", lambda: used.append(r := real()) or r)
                fast = plan_page.render(plan, hidden)
                monkeypatch.setattr(plan_page, "_prebuilt", lambda: None)
                assert fast == plan_page.render(plan, hidden), (path, answers)
    assert used and all(place is not None for place in used)
    client = es_app.test_client()
    for lang in (None, "es"):
        page = _plan_page(client, lang=lang)
        assert page.status_code == 200
        assert b"La ley en Texas" in page.data if lang else b"The law in Texas" in page.data
        assert page.data.count(b'class="again"') >= 1 and page.data.count(b'id="ref-take-it-down"') == 1
    embedded = client.post("/embed/preview/plan", data=PLAN_FORM)  # an internal tool's link stays in the widget
    assert b'href="/embed/preview/letters/' in embedded.data
    prefixed = client.post("/plan", data=PLAN_FORM, environ_overrides={"SCRIPT_NAME": "/help"})
    assert b'href="/help/letters/' in prefixed.data and b'href="/help/guides/' in prefixed.data


def _static_paths(app):
    page_cache.build(app)
    return sorted(app.extensions[page_cache._KEY])


def test_static_pages_are_built_for_every_language_site_and_guide(es_app):
    paths = _static_paths(es_app)
    guides = es_app.extensions["directory"].guides
    assert {"/", "/es/", "/guides/", "/embed/preview/", "/embed/preview/guides/"} <= set(paths)
    assert {f"/guides/{slug}" for slug in guides} <= set(paths)
    client = es_app.test_client()
    assert "Ayuda cuando se comparten" in client.get("/es/").get_data(as_text=True)
    assert "Ayuda cuando se comparten" not in client.get("/").get_data(as_text=True)


def test_a_cached_page_is_byte_identical_to_a_fresh_render_with_its_own_nonce(es_app):
    client = es_app.test_client()
    for path in _static_paths(es_app):
        for base_url in ("http://localhost", "https://127.0.0.1:8443"):  # absolute links follow the request
            cached = [client.get(path, base_url=base_url) for _ in range(2)]
            fresh = client.get(path, base_url=base_url, environ_overrides={page_cache.LIVE: True})
            assert len({nonce_of(r) for r in (*cached, fresh)}) == 3, "a fresh nonce in every response"
            for response in cached:
                assert response.status_code == fresh.status_code == 200
                assert f'nonce="{nonce_of(response)}"' in response.get_data(as_text=True)
                assert len(prerender.split(response.get_data(as_text=True))) == 1  # no hole left unfilled
                assert without_nonce(response) == without_nonce(fresh), path
                assert {k: v for k, v in response.headers if k != "Content-Security-Policy"} == \
                    {k: v for k, v in fresh.headers if k != "Content-Security-Policy"}
    embedded = client.get("/embed/preview/")
    assert "frame-ancestors 'self'" in embedded.headers["Content-Security-Policy"]


def test_only_the_exact_request_is_served_from_the_cache(es_app, monkeypatch):
    client = es_app.test_client()
    _static_paths(es_app)
    served = []
    real = page_cache._lookup
    monkeypatch.setattr(page_cache, "_lookup", lambda: served.append(r := real()) or r)
    client.get("/")
    client.head("/")
    client.get("/?utm_source=x")
    client.get("/", environ_overrides={"SCRIPT_NAME": "/help"})
    assert [r is not None for r in served] == [True, True, False, False]


def test_requests_never_add_to_any_cache(es_app):
    client = es_app.test_client()
    directory = es_app.extensions["directory"]
    warm.warm(es_app)
    def caches():
        return (sorted(es_app.extensions[page_cache._KEY]), len(directory._display_tables),
                {place: len(pages) for place, pages in es_app.extensions[question_page.KEY].items()},
                {key: len(pieces.store) for key, (_, pieces) in es_app.extensions[plan_page.KEY].items()})

    before = caches()
    for path in ("/guides/nope", "/embed/nope/", "/?q=1", "/es/guides/", "/de/"):
        client.get(path)
    for state in ("TX", "CA", "NY"):
        client.post("/plan", data={**PLAN_FORM, "state": state})
        client.post("/api/v1/plan?lang=es", json={"answers": {"state": state}})
        client.post("/es/q", data={"state": state, "_q": "state", "_nav": "stay"})
    client.post("/q", data={"_q": "danger", "_nav": "continue"})  # an error page: rendered afresh
    client.post("/q", data={"_q": "nope", "_nav": "continue"})
    assert caches() == before


def test_warm_builds_every_language_before_any_request():
    app = create_app(TestConfig)
    directory = app.extensions["directory"]
    assert "_display_tables" not in directory.__dict__ and page_cache._KEY not in app.extensions
    warm.warm(app)
    assert warm.locales(app) == ["en", "es"]
    assert len(directory._display_tables) == 2  # English, and Spanish as Flask-Babel loads it (no catalog yet)
    assert "/" in app.extensions[page_cache._KEY]
    assert ("danger", False, False) in app.extensions[question_page.KEY][("es", "preview")]


def test_static_urls_hash_each_file_once_unless_debugging(app, monkeypatch):
    calls = []
    real = assets._current_digest
    monkeypatch.setattr(assets, "_current_digest", lambda folder, name: calls.append(name) or real(folder, name))
    monkeypatch.setattr(assets, "_digests", {})
    monkeypatch.setattr(assets, "_root_urls", {})
    with app.test_request_context("/", environ_overrides={"SCRIPT_NAME": "/help"}):
        mounted = assets.static_url("site.css")  # under a prefix first: the root's URL must not take it
    with app.test_request_context("/"):
        urls = {assets.static_url("site.css") for _ in range(5)}
        assert len(urls) == 1 and calls == ["site.css"]
        url = urls.pop()
        assert re.fullmatch(r"/static/site\.css\?v=[0-9a-f]{12}", url) and mounted == "/help" + url
        monkeypatch.setattr(app, "debug", True)
        assets.static_url("site.css")
        assets.static_url("site.css")
        assert calls == ["site.css"] * 3  # while developing, checked every time


def test_outside_a_request_text_is_english_and_stable():
    assert translations() is translations()
    assert t("Quick exit") == "Quick exit"


def test_question_pages_from_parts_are_what_the_template_gives(es_app, monkeypatch):
    """Every question, in each voice, language and place, with answers ticked or not: the page
    filled from its parts is the template's own output, byte for byte."""
    sample = [answers for answers, _ in itertools.islice(flow.canonical_answer_sets(("TX", None)), 0, 30000, 2999)]
    answer_sets = [*sample, *({**answers, "for_whom": "someone_else"} for answers in sample)]
    assert len(answer_sets) > 15 and any(flow.HELPER(flow.view(a)) for a in answer_sets)
    filled = []
    real = question_page._prerendered
    paths = urls.paths_of(es_app, "flow.question", "POST")
    assert {"/q", "/es/q", "/embed/preview/q", "/embed/preview/es/q"} <= set(paths)
    for path in paths:
        nonce = {"help.csp_nonce": "n0nce"}
        with es_app.test_request_context(path, method="POST", environ_overrides=nonce):
            es_app.preprocess_request()
            for answers in answer_sets:
                seen = [q.id for q in flow.asked_questions(answers)]
                for question in flow.QUESTIONS:
                    for back in (False, True):
                        monkeypatch.setattr(question_page, "_prerendered", lambda *a: filled.append(r := real(*a)) or r)
                        fast = question_page.render(question, answers, seen[:3], back_to_check=back)
                        monkeypatch.setattr(question_page, "_prerendered", lambda *a: None)
                        slow = question_page.render(question, answers, seen[:3], back_to_check=back)
                        assert fast == slow, (path, question.id, answers, back)
    assert filled and all(page is not None for page in filled)
    assert any(" checked" in page.ticks[0][2] for page in filled)


def test_question_pages_with_errors_notices_or_a_prefix_are_rendered_afresh(es_app):
    client = es_app.test_client()
    used = []
    real = prerender.fill
    with pytest.MonkeyPatch.context() as m:
        m.setattr(prerender, "fill", lambda *a: used.append(1) or real(*a))
        assert client.post("/q", data={"_q": "danger", "danger": "no", "_nav": "continue"}).status_code == 200
        assert used == [1]
        assert client.post("/q", data={"_q": "danger", "_nav": "continue"}).status_code == 400
        assert client.post("/q", data={"_q": "situation", "danger": "bogus", "_nav": "stay"}).status_code == 200
        assert client.post("/q", data={"_q": "danger", "_nav": "stay"}, environ_overrides={"SCRIPT_NAME": "/help"}).status_code == 200
        assert client.get("/q").status_code == 200
    assert used == [1]
