"""The content tools: flow check / graph / explain and links check (against local servers only)."""

import datetime as dt
import http.server
import json
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from app import cli, content_checks, directory, flow, graph

ROOT = Path(__file__).resolve().parents[1]


def run(group, *args):
    return CliRunner().invoke(group, list(args))


def test_flow_check_passes_on_the_real_content():
    result = run(cli.flow_cli, "check")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


ORPHAN = """
[[resource]]
id = "orphan"
name = "A service no step names"
description = "x"
audience = "x"
url = "https://orphan.example/"
sources = ["http://www.mass.gov/orphan"]
reviewed = 2026-11-25
"""


def test_flow_check_finds_problems(tmp_path):
    """`flow check` itself, on content the loader accepts: an entry no step uses is an error,
    a plain-http source a warning; without them the check passes."""
    content = tmp_path / "content"
    shutil.copytree(directory.CONTENT_DIR, content)
    path = content / "resources.toml"
    clean = path.read_text()
    path.write_text(clean + ORPHAN)
    directory.load(content)  # the loader has no objection: these are the check's own rules
    result = run(cli.flow_cli, "check", "--content-dir", str(content))
    assert result.exit_code == 1, result.output
    assert "ERROR   entry orphan: no step of the plan uses it" in result.output
    assert "WARNING orphan: source is not https: http://www.mass.gov/orphan" in result.output
    assert "1 errors" in result.output
    path.write_text(clean)
    result = run(cli.flow_cli, "check", "--content-dir", str(content))
    assert result.exit_code == 0 and "0 errors" in result.output, result.output


def test_flow_check_reports_what_the_loader_refuses(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(directory.CONTENT_DIR, content)
    path = content / "resources.toml"
    path.write_text(path.read_text().replace('url = "https://reportfraud.ftc.gov/"', 'url = "http://reportfraud.ftc.gov/"'))
    result = run(cli.flow_cli, "check", "--content-dir", str(content))
    assert result.exit_code == 1
    assert "ERROR   content: resources.toml: entry 'ftc-report', field 'url': must be an https:// address" \
        in result.output


@pytest.mark.parametrize("days,level", [(183, None), (184, "warning"), (365, "warning"), (366, "error")])
def test_flow_check_warns_at_six_months_and_fails_at_twelve(days, level):
    reviewed = directory.load().entries["rainn"].reviewed
    findings = [f for f in content_checks.check(today=reviewed + dt.timedelta(days=days), scan_limit=1)
                if f.where == "rainn" and "last reviewed" in f.message]
    assert [f.level for f in findings] == ([level] if level else [])


def test_flow_check_refuses_unlisted_sources_and_reports_secondary_ones(tmp_path):
    """Sources by allowlist: a host in no class of source-policy.toml (a blog quoting the owner, a
    copy of a statute) is an error, however plausible; secondary facts stay warnings."""
    content = tmp_path / "content"
    shutil.copytree(directory.CONTENT_DIR, content)
    path = content / "resources.toml"
    path.write_text(path.read_text().replace('sources = ["https://rainn.org/get-help/national-sexual-assault-hotline"]',
                                             'sources = ["https://a-new-blog.example/rainn"]', 1))
    findings = content_checks.check(content, scan_limit=1)
    assert any(f.level == "error" and f.where == "rainn" and "a-new-blog.example is not the owner's own site"
               in f.message for f in findings)
    secondary = {f.where for f in findings if "secondary sources" in f.message}
    assert {"crisis-text-line", "fbi", "ftc-takeitdown", "telegram", "GU", "PR"} <= secondary
    assert "rainn" not in secondary


def test_flow_check_reports_an_unreachable_step(monkeypatch):
    never = flow.Cond(lambda v: False, "never")
    broken = flow.StepDef("support", flow.Voiced.same("x"), "support", never,
                          (flow.Placement(flow.ALWAYS, "later", 12),), (flow.Line("x", text=flow.Voiced.same("x")),), ())
    steps = tuple(s for s in flow.STEPS if s.id != "support") + (broken,)
    monkeypatch.setattr(flow, "STEPS", steps)
    monkeypatch.setattr(flow.steps, "STEPS", steps)  # where build_plan reads them
    findings = content_checks.check(scan_limit=5_000)
    assert any(f.where == "step support" and f.level == "error" for f in findings)


def test_flow_check_exit_code_on_broken_content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(directory.CONTENT_DIR, content)
    (content / "platforms.toml").write_text((content / "platforms.toml").read_text().replace('id = "x"', 'id = "meta"'))
    result = run(cli.flow_cli, "check", "--content-dir", str(content))
    assert result.exit_code == 1 and "used twice" in result.output


def test_flow_graph_mermaid_and_dot():
    mermaid = run(cli.flow_cli, "graph", "--format", "mermaid").output
    dot = run(cli.flow_cli, "graph", "--format", "dot").output
    assert mermaid.startswith("flowchart LR") and dot.startswith("digraph flow {")
    for q in flow.QUESTIONS:
        assert f"q_{q.id}" in mermaid and f'"q_{q.id}"' in dot
    for s in flow.STEPS:
        assert f"s_{s.id}" in mermaid
        for r in s.referrals:
            assert f"r_{r.id.replace('-', '_')}" in mermaid and f'"r_{r.id}"' in dot
    assert "asked when situation is threatened" in mermaid


def test_committed_diagrams_are_current():
    assert (ROOT / "docs" / "flow.mmd").read_text() == graph.mermaid(), "run `make docs`"
    assert (ROOT / "docs" / "flow.dot").read_text() == graph.dot(), "run `make docs`"
    svg = (ROOT / "docs" / "flow.svg").read_text()
    assert "<svg" in svg and "s_support" in svg


def test_flow_explain_text_and_json():
    text = run(cli.flow_cli, "explain", "--answer", "danger=no", "--answer", "situation=shared,threatened",
               "--answer", "demand=money", "--answer", "state=TX")
    assert text.exit_code == 0, text.output
    assert "RIGHT NOW" in text.output and "[sextortion]" in text.output and "The law in Texas" in text.output
    as_json = run(cli.flow_cli, "explain", "--json", "--answer", "age=under18", "--answer", "kind=ai",
                  "--answer", "taker=self")
    data = json.loads(as_json.output)
    assert data["ignored"] == ["taker"]
    assert [s["id"] for s in data["plan"]["steps"]][:2] == ["safety", "minor"]


@pytest.mark.parametrize("arg,message", [("danger", "write question=code"), ("danger=maybe", "codes: yes, no, unsure"),
                                         ("nope=1", "questions: danger")])
def test_flow_explain_bad_answers(arg, message):
    result = run(cli.flow_cli, "explain", "--answer", arg)
    assert result.exit_code == 2 and message in result.output


def test_every_referral_has_the_fields_the_content_guide_promises(directory):
    guide = (ROOT / "docs" / "content.md").read_text()
    required = re.findall(r"^\| `(\w+)` \| required \|", guide, re.M)
    from app.directory import REQUIRED_FIELDS

    assert required == list(REQUIRED_FIELDS)
    for entry in directory.entries.values():
        for field in required:
            assert getattr(entry, field), f"{entry.id} lacks {field}"
    section = guide.split("## Fields of a referral", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(\w+)` \|", section, re.M))
    from app.directory import ENTRY_FIELDS

    assert documented == ENTRY_FIELDS, "docs/content.md's referral fields are not the loader's"


# -- links check, against a local fixture server: never the real internet --

class Fixture(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/redirect":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/missing":
            self.send_response(404)
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        else:
            self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


@pytest.fixture(scope="module")
def fixture_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Fixture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_links_check_reports_each_case(fixture_server):
    from tests.servers import free_port

    refused = f"http://127.0.0.1:{free_port()}/gone"
    urls = [f"{fixture_server}/ok", f"{fixture_server}/redirect", f"{fixture_server}/no-head",
            f"{fixture_server}/missing", f"{fixture_server}/slow", refused]
    result = run(cli.links_cli, "check", "--timeout", "0.5", "--concurrency", "3", *urls)
    assert result.exit_code == 1
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.startswith("http")}
    assert "200" in lines[f"{fixture_server}/ok"] and "BROKEN" not in lines[f"{fixture_server}/ok"]
    assert lines[f"{fixture_server}/redirect"].split()[-1] == f"{fixture_server}/ok"
    assert "200" in lines[f"{fixture_server}/no-head"]
    assert "BROKEN 404" in lines[f"{fixture_server}/missing"]
    assert "BROKEN timeout" in lines[f"{fixture_server}/slow"]
    assert "BROKEN error" in lines[refused]
    assert "6 links checked, 3 broken" in result.output


def test_links_check_passes_when_all_are_fine(fixture_server):
    result = run(cli.links_cli, "check", f"{fixture_server}/ok", f"{fixture_server}/redirect")
    assert result.exit_code == 0 and "0 broken" in result.output


def test_links_check_defaults_to_every_content_url(directory):
    urls = content_checks.all_urls(directory)
    assert "https://988lifeline.org/" in urls and "https://ballotpedia.org/Nonconsensual_pornography_(revenge_porn)_laws_in_the_United_States" in urls
    assert not any(u.startswith("/") for u in urls)


def test_readme_shows_the_current_mermaid_diagram():
    readme = (ROOT / "README.md").read_text()
    assert "```mermaid\n" + graph.mermaid() + "```" in readme, "run `make docs` and paste docs/flow.mmd"
