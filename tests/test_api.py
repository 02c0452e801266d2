"""The JSON API, and proof that it and the HTML flow give the same plan."""

import json
import random

import pytest
from werkzeug.datastructures import MultiDict

from app import flow
from tests.conftest import NS, find_all, parse


def test_questions(client):
    response = client.get("/api/v1/questions")
    assert response.status_code == 200
    items = response.json["questions"]
    assert [q["id"] for q in items] == [q.id for q in flow.QUESTIONS]
    situation = next(q for q in items if q["id"] == "situation")
    assert situation["multiple"] is True
    for item in items:  # each question's codes, in the engine's order (the page's order)
        assert [c["code"] for c in item["choices"]] == list(flow.QUESTION_BY_ID[item["id"]].codes)
    # the flow contract's codes stay offered (codes may be added, never renamed)
    assert {"shared", "threatened", "taken", "unsure"} <= {c["code"] for c in situation["choices"]}
    assert next(q for q in items if q["id"] == "where")["asked_when"] == "situation is shared"
    assert "Cache-Control" in response.headers and "no-store" in response.headers["Cache-Control"]


def test_plan_shape(client):
    response = client.post("/api/v1/plan", json={"answers": {
        "danger": "no", "situation": ["shared"], "where": ["social"], "age": "adult", "state": "NY"}})
    assert response.status_code == 200
    plan = response.json["plan"]
    for step in plan["steps"]:
        assert {"id", "group", "title", "text", "referrals"} <= set(step)
        assert step["group"] in ("now", "next", "later")
        for ref in step["referrals"]:
            assert {"name", "url", "phone", "text", "sources", "reviewed"} <= set(plan["referrals"][ref])
    assert plan["referrals"]["state-law"]["name"] == "The law in New York"
    assert "Set-Cookie" not in response.headers


def test_empty_answers_give_a_plan(client):
    response = client.post("/api/v1/plan", json={"answers": {}})
    assert response.status_code == 200
    assert [s["id"] for s in response.json["plan"]["steps"]][0] == "safety"


@pytest.mark.parametrize("body,question", [
    ({"answers": {"nope": "x"}}, "nope"),
    ({"answers": {"danger": "maybe"}}, "danger"),
    ({"answers": {"danger": ["yes"]}}, "danger"),
    ({"answers": {"situation": "shared"}}, "situation"),
    ({"answers": {"situation": [1]}}, "situation"),
    ({"answers": {"demand": ["none", "money"]}}, "demand"),
    ({"answers": []}, None),
    ({"other": 1}, None),
    ([], None),
])
def test_bad_answers_are_400(client, body, question):
    response = client.post("/api/v1/plan", json=body)
    assert response.status_code == 400
    error = response.json["error"]
    assert error["message"]
    assert error.get("question") == question


@pytest.mark.parametrize("answers,message", [
    ({"nope": "x"}, "Unknown question."),
    ({"danger": "maybe"}, "Unknown answer code."),
    ({"demand": ["none", "money"]}, "This answer cannot be combined with others."),
])
def test_bad_answer_messages_are_stable(client, answers, message):
    assert client.post("/api/v1/plan", json={"answers": answers}).json["error"]["message"] == message


def test_non_json_is_415_and_bad_json_400(client):
    assert client.post("/api/v1/plan", data="danger=yes").status_code == 415
    r = client.post("/api/v1/plan", data="{", content_type="application/json")
    assert r.status_code == 400 and r.json["error"]


def test_too_large_is_413(client):
    big = json.dumps({"answers": {"danger": "x" * 100_000}})
    r = client.post("/api/v1/plan", data=big, content_type="application/json")
    assert r.status_code == 413 and r.json["error"]["message"]


def test_wrong_method_is_405_json(client):
    r = client.get("/api/v1/plan")
    assert r.status_code == 405 and r.json["error"]


def test_openapi(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/api/v1/questions", "/api/v1/plan", "/api/v1/removal-kit",
                                  "/api/v1/removal-kit/follow-up", "/api/v1/openapi.json"}
    responses = spec["paths"]["/api/v1/plan"]["post"]["responses"]
    assert {"200", "400", "413", "415"} <= set(responses)
    props = spec["components"]["schemas"]["Answers"]["properties"]

    def codes(schema):
        if "oneOf" in schema:
            return [code for branch in schema["oneOf"] for code in codes(branch)]
        return (schema["items"] if "items" in schema else schema)["enum"]

    for question in flow.QUESTIONS:  # every question, with exactly its codes
        assert sorted(codes(props[question.id])) == sorted(question.codes), question.id


def _html_plan(client, answers):
    form = MultiDict()
    for qid, value in answers.items():
        for code in ([value] if isinstance(value, str) else value):
            form.add(qid, code)
    tree = parse(client.post("/plan", data=form).data)
    steps = [s.get("id")[2:] for s in find_all(tree, "h3") if (s.get("id") or "").startswith("s-")]
    # every referral: a full card the first time, a link to it after that
    names = []
    for el in tree.iter():
        if el.tag == f"{NS}h4" or (el.tag == f"{NS}p" and el.get("class") == "again"):
            names.append("".join((el.find(f"{NS}a") if el.tag == f"{NS}p" else el).itertext()))
    return steps, names


def random_answers(rng) -> dict:
    """A random valid answer set, walking the questions in order (skips included)."""
    answers = {}
    for question in flow.QUESTIONS:
        if question.asked_when(flow.view(answers)):
            value = rng.choice(flow.answer_options(question))
            if value is not None:
                answers[question.id] = value
    return answers


def test_html_and_api_give_the_same_plan(client):
    rng = random.Random(7)
    for answers in (random_answers(rng) for _ in range(80)):
        api_answers = {k: (v if isinstance(v, str) else sorted(v)) for k, v in answers.items()}
        plan = client.post("/api/v1/plan", json={"answers": api_answers}).json["plan"]
        steps, names = _html_plan(client, api_answers)
        assert steps == [s["id"] for s in plan["steps"]], answers
        expected = [plan["referrals"][r]["name"] for s in plan["steps"] for r in s["referrals"]]
        assert names == expected, answers
