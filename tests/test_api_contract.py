"""The API accepts exactly what its OpenAPI document describes, checked by an outside
tool (schemathesis) against the served document; every 405 names what is allowed."""

import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.servers import gunicorn


@pytest.mark.parametrize("method, path", [
    ("put", "/q"), ("delete", "/"), ("patch", "/guides/"), ("post", "/guides/threats"),
    ("put", "/api/v1/plan"), ("post", "/api/v1/questions"), ("delete", "/api/v1/openapi.json"),
])
def test_405_says_what_is_allowed(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    allowed = {m.strip() for m in response.headers["Allow"].split(",")}
    assert allowed and allowed <= {"GET", "HEAD", "POST", "OPTIONS"}
    assert method.upper() not in allowed
    assert response.is_json == path.startswith("/api/")


@pytest.mark.parametrize("answers", [
    {"danger": None}, {"danger": ""}, {"situation": []}, {"situation": [""]}, {"situation": None},
    {"situation": ["shared", "shared"]}, {"demand": ["none", "money"]},
])
def test_what_the_schema_forbids_is_refused(client, answers):
    response = client.post("/api/v1/plan", json={"answers": answers})
    assert response.status_code == 400 and response.json["error"]["question"] == next(iter(answers))


@pytest.mark.server
def test_schemathesis_finds_nothing_against_the_served_document(tmp_path):
    tool = Path(sys.executable).with_name("schemathesis")
    if not tool.exists():
        tool = shutil.which("schemathesis") or pytest.fail("schemathesis is a test dependency: pip install -e .[test]")
    with gunicorn() as base:
        run = subprocess.run(
            [str(tool), "run", base + "/api/v1/openapi.json", "--checks", "all", "--max-examples", "60",
             "--seed", "1"],
            cwd=tmp_path, capture_output=True, text=True, timeout=240)
        with urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=10) as response:
            spec = json.load(response)
    assert run.returncode == 0, run.stdout[-4000:]
    assert "No issues found" in run.stdout, run.stdout[-4000:]
    assert set(spec["paths"]) == {"/api/v1/questions", "/api/v1/plan", "/api/v1/openapi.json",
                                  "/api/v1/removal-kit", "/api/v1/removal-kit/follow-up"}


def test_schema_says_an_exclusive_code_stands_alone(app):
    from app.web.api import openapi

    demand = openapi.spec(app)["components"]["schemas"]["Answers"]["properties"]["demand"]
    alone = [branch for branch in demand["oneOf"] if branch.get("maxItems") == 1]
    assert alone and alone[0]["items"]["enum"] == ["none"]
