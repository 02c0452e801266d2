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
from app.web.core import assets, page_cache, warm
from app.web.core.lang import LANGS
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


def _renders(app):
    """The names of the templates rendered while the block runs (Flask's own signal)."""
    from flask import template_rendered

    names: list[str] = []
    template_rendered.connect(lambda sender, template, context, **extra: names.append(template.name), app, weak=False)
    return names


def test_a_static_page_is_rendered_once_per_address_and_kept_whole(es_app):
    client = es_app.test_client()
    names = _renders(es_app)
    first = client.get("/es/guides/")
    assert "site/guides/index.html" in names
    names.clear()
    again = client.get("/es/guides/")
    head = client.head("/es/guides/")
    assert names == [] and again.data == first.data and head.status_code == 200
    assert again.headers["Cache-Control"] == "no-store" and "Content-Security-Policy" in again.headers
    assert "Ayuda cuando se comparten" in client.get("/es/").get_data(as_text=True)
    assert "Ayuda cuando se comparten" not in client.get("/").get_data(as_text=True)
    for other in ("/es/guides/?utm_source=x", "/es/guides/?utm_source=x"):  # a query string is never kept
        names.clear()
        client.get(other)
        assert "site/guides/index.html" in names


def test_a_kept_page_is_the_one_its_scheme_host_and_prefix_would_render(es_app):
    """Absolute links (hreflang) name the request's own scheme, host and mount prefix, cached or not."""
    es_app.config["TRUSTED_HOSTS"] = ["localhost", "help.example.org"]
    client = es_app.test_client()
    seen = {}
    for base_url in ("http://localhost", "https://help.example.org", "http://localhost/help"):
        for _ in range(2):
            body = client.get("/guides/", base_url=base_url).get_data(as_text=True)
            assert f'hreflang="es" href="{base_url}/es/guides/"' in body
            seen.setdefault(base_url, set()).add(body)
    assert all(len(bodies) == 1 for bodies in seen.values()) and len({b for v in seen.values() for b in v}) == 3


def test_pages_with_answers_are_never_kept(es_app):
    client = es_app.test_client()
    client.get("/")
    kept = set(es_app.extensions[page_cache.KEY])
    for state in ("TX", "CA", "NY"):
        client.post("/plan", data={**PLAN_FORM, "state": state})
        client.post("/api/v1/plan?lang=es", json={"answers": {"state": state}})
        client.post("/es/q", data={"state": state, "_q": "state", "_nav": "stay"})
    for path in ("/guides/nope", "/embed/nope/", "/?q=1", "/de/"):
        client.get(path)
    assert set(es_app.extensions[page_cache.KEY]) == kept


def test_nothing_is_kept_where_templates_reload(es_app, monkeypatch):
    monkeypatch.setattr(es_app.jinja_env, "auto_reload", True)
    client = es_app.test_client()
    names = _renders(es_app)
    client.get("/embed/preview/guides/")
    client.get("/embed/preview/guides/")
    assert names.count("site/guides/index.html") == 2


def test_warm_builds_every_language_before_any_request(monkeypatch):
    app = create_app(TestConfig)
    built = []
    real = precompute.build
    monkeypatch.setattr(precompute, "build", lambda directory, lang: built.append(lang) or real(directory, lang))
    warm.warm(app)
    assert warm.locales(app) == sorted(LANGS) == sorted(built)  # every language the app serves
    client = app.test_client()
    client.post("/es/plan", data=PLAN_FORM)
    client.post("/plan", data=PLAN_FORM)
    assert sorted(built) == sorted(LANGS)  # requests only read them


def test_static_urls_hash_each_file_once_unless_debugging(app, tmp_path, monkeypatch):
    (tmp_path / "site.css").write_text("a{}")
    monkeypatch.setattr(app, "static_folder", str(tmp_path))
    with app.test_request_context("/", environ_overrides={"SCRIPT_NAME": "/help"}):
        mounted = assets.static_url("site.css")  # under a prefix first: the root's URL must not take it
    with app.test_request_context("/"):
        url = assets.static_url("site.css")
        assert re.fullmatch(r"/static/site\.css\?v=[0-9a-f]{12}", url) and mounted == "/help" + url
        (tmp_path / "site.css").write_text("b{}")
        assert assets.static_url("site.css") == url  # read once: a deployment restarts the app
        monkeypatch.setattr(app, "debug", True)
        assert assets.static_url("site.css") != url  # while developing, checked every time


def test_outside_a_request_text_is_english_and_stable():
    assert translations() is translations()
    assert t("Quick exit") == "Quick exit"


class Reloading(TestConfig):
    TEMPLATES_AUTO_RELOAD = True  # as under `make dev`: nothing is kept


@pytest.mark.parametrize("prefix", ["", "/es", "/embed/preview", "/embed/preview/es"])
def test_parts_kept_once_per_place_are_what_rendering_afresh_gives(prefix):
    """`{% once %}` parts (help strip, footer, referral cards) and kept links: the same bytes as a
    render that keeps nothing, in every place, also after other places have filled the store."""
    kept, fresh = create_app(TestConfig).test_client(), create_app(Reloading).test_client()
    requests = [("get", f"{prefix}/", {}), ("get", f"{prefix}/guides/", {}), ("post", f"{prefix}/plan", {"data": PLAN_FORM}),
                ("post", f"{prefix}/plan", {"data": {**PLAN_FORM, "state": "CA", "age": "adult"}}),
                ("post", f"{prefix}/q", {"data": {"_q": "danger", "danger": "no", "_nav": "continue"}}),
                *[("post", f"{prefix}/q", {"data": {"danger": "no", "for_whom": who, "_seen": ["danger", "for_whom"],
                                                   "_q": "situation", "situation": "shared", "_nav": "continue"}})
                  for who in ("self", "someone_else")],  # the next question in either voice
                ("get", "/nope", {}), ("get", f"{prefix}/letters/kit", {})]
    for mount in ("", "/help"):
        for method, path, kwargs in requests * 2:
            environ = {"SCRIPT_NAME": mount}
            a = getattr(kept, method)(path, environ_overrides=environ, **kwargs)
            b = getattr(fresh, method)(path, environ_overrides=environ, **kwargs)
            assert a.status_code == b.status_code and a.data == b.data, (mount, path)
