"""CONTRIBUTING.md's recipes, carried out as written on a copy of the tree.

Each recipe's example blocks are read from CONTRIBUTING.md and applied as text to a copy of
the tracked files; its `run` blocks are run there (`make messages` as the Makefile has it).
Then a fresh Python process, with the copy first on its path (the engine declares its flow
when it is imported), checks that the change reached the pages in English and Spanish, the
JSON API, the diagram (`flask flow graph`), `flask flow check` and a slice of the sweep.

So the document and this test cannot drift apart: if a recipe's step stops working, or the
document's example changes without the checks here, a test fails. The issue's "Done when"
counts are asserted too: a new choice with a plan line and a platform touch at most three
files, and the template recipe no Python.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "CONTRIBUTING.md"
BIN = Path(sys.executable).parent  # the venv's tools: pybabel, flask
CATALOG = "app/translations/es/LC_MESSAGES/messages.po"

HEADING = re.compile(r"^### (\d+)\. (.+)$", re.M)
FENCE = re.compile(r"^```([\w+-]*)\n(.*?)^```$", re.M | re.S)
WHERE = re.compile(r"^(?:#|\{#|/\*) (?P<path>[\w./<>-]+), (?P<how>after|replace|end|new file|fill in)"
                   r"(?:: (?P<anchor>.+?))?(?: #\}| \*/)?$")


@dataclass(frozen=True)
class Block:
    kind: str  # "edit" or "run"
    path: str = ""
    how: str = ""
    anchor: str = ""
    body: str = ""


@dataclass(frozen=True)
class Recipe:
    number: int
    title: str
    files: tuple[str, ...]  # the paths its "Files:" paragraph names (may hold <placeholders>)
    blocks: tuple[Block, ...]


def recipes() -> dict[int, Recipe]:
    text = DOC.read_text(encoding="utf-8")
    heads = list(HEADING.finditer(text))
    found = {}
    for head, after in zip(heads, [*heads[1:], None], strict=True):
        section = text[head.end():after.start() if after else len(text)]
        files_para = re.search(r"^Files: (.+?)\n\n", section, re.M | re.S)
        assert files_para, f"recipe {head.group(1)}: no 'Files:' paragraph"
        blocks = []
        for fence in FENCE.finditer(section):
            first, _, body = fence.group(2).partition("\n")
            if first == "# run":
                blocks.append(Block("run", body=body))
                continue
            where = WHERE.match(first)
            if where is None:
                continue  # an illustration, not a step
            blocks.append(Block("edit", where["path"], where["how"], where["anchor"] or "", body))
        found[int(head.group(1))] = Recipe(int(head.group(1)), head.group(2), tuple(
            re.findall(r"`((?:app|static|templates)/[^`]+)`", files_para.group(1))), tuple(blocks))
    return found


RECIPES = recipes()


def _sources() -> list[str]:
    """The tracked files (`git ls-files`), or outside a checkout every file but build output."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True)
    if listed.returncode == 0:
        return list(filter(None, listed.stdout.decode().split("\0")))
    skip = {".git", ".venv", "build", "__pycache__", ".pytest_cache"}
    return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(ROOT).parts) and p.suffix != ".mo"]


def copy_tree(dest: Path) -> Path:
    """The tracked files as they are on disk, and compiled catalogs (build output)."""
    for name in _sources():
        source = ROOT / name
        if source.is_file() and not name.startswith(("docs/screenshots/", "bench/")):
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    subprocess.run([str(BIN / "pybabel"), "-q", "compile", "-d", "app/translations"], cwd=dest, check=True)
    return dest


def _run(tree: Path, commands: str) -> None:
    for line in filter(None, (c.strip() for c in commands.splitlines())):
        if line == "make messages":  # the Makefile's own recipe, with this venv's tools (deps are installed)
            args = ["make", "--no-print-directory", "-o", "deps", "messages", f"BIN={BIN}"]
        elif line.startswith(".venv/bin/"):
            args = [str(BIN / line.split()[0].removeprefix(".venv/bin/")), *line.split()[1:]]
        else:
            pytest.fail(f"CONTRIBUTING.md runs a command this test does not know: {line}")
        done = subprocess.run(args, cwd=tree, capture_output=True, text=True)
        assert done.returncode == 0, f"{line}:\n{done.stdout}\n{done.stderr}"


def _fill_in(text: str, body: str, path: str) -> str:
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', body, re.M)
    assert pairs, f"{path}: a fill-in block without msgid/msgstr pairs"
    for msgid, msgstr in pairs:
        empty = f'msgid "{msgid}"\nmsgstr ""\n'
        assert text.count(empty) == 1, f"{path}: `make messages` did not add an empty entry for {msgid!r}"
        text = text.replace(empty, f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    return text


def _edit(tree: Path, block: Block) -> None:
    target = tree / block.path
    if block.how == "new file":
        assert not target.exists(), f"{block.path} exists already"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(block.body, encoding="utf-8")
        return
    text = target.read_text(encoding="utf-8")
    if block.how == "end":
        text = text + ("" if text.endswith("\n") else "\n") + block.body
    elif block.how == "fill in":
        text = _fill_in(text, block.body, block.path)
    else:
        lines = text.splitlines(keepends=True)
        at = [i for i, line in enumerate(lines) if block.anchor in line]
        assert len(at) == 1, f"{block.path}: {len(at)} lines hold {block.anchor!r} (one wanted)"
        new = block.body.splitlines(keepends=True)
        lines[at[0]:at[0] + 1] = new if block.how == "replace" else [lines[at[0]], *new]
        text = "".join(lines)
    target.write_text(text, encoding="utf-8")


def carry_out(number: int, tmp_path: Path) -> tuple[Path, set[str]]:
    """Recipe `number` applied to a fresh copy of the tree: the copy, and the files it changed."""
    tree = copy_tree(tmp_path / "tree")
    recipe = RECIPES[number]
    assert recipe.blocks, f"recipe {number} has no example"
    for block in recipe.blocks:
        if block.kind == "run":
            _run(tree, block.body)
        else:
            _edit(tree, block)
    changed = {b.path for b in recipe.blocks if b.kind == "edit"}
    for path in changed:  # each is one the recipe's "Files:" names
        assert any(fnmatch.fnmatch(path, re.sub(r"<[^>]+>", "*", f)) for f in recipe.files), \
            f"recipe {number} changes {path}, which its 'Files:' line does not name"
    return tree, changed


# Run in the copy (a plain string: its backslashes are the script's own): the app, its CLI and the sweep's own invariant checker, all from the copy.
PRELUDE = r'''
import html, itertools, json, re
from click.testing import CliRunner
from app import cli as commands, create_app, flow
from config import TestConfig
from tests.test_flow_sweep import check as invariants

app = create_app(TestConfig)
client = app.test_client()
directory = app.extensions["directory"]


def page(path, data=None, status=200):
    response = client.post(path, data=data) if data is not None else client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def raw(path, data=None):
    response = client.post(path, data=data) if data is not None else client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def api(path, body=None, lang="en"):
    url = path + ("?lang=" + lang if lang != "en" else "")
    response = client.post(url, json=body) if body is not None else client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.data[:300])
    return response.json


def cli(group, *args):
    """`flask --app wsgi flow ...`: the same command, run in this process."""
    assert group == "flow"
    result = CliRunner().invoke(commands.flow_cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def sweep(prefix, start, limit=1500, must=lambda answers: True):
    """The sweep's invariants over the first `limit` distinct views under `prefix`."""
    met = 0
    for answers, _ in itertools.islice(flow.canonical_answer_sets(prefix=prefix, start=start), limit):
        problem = invariants(answers, flow.build_plan(answers, directory.platforms_by_where), directory)
        assert problem is None, (problem, answers)
        met += bool(must(answers))
    assert met, "the slice never met the change"
'''


def check_in(tree: Path, code: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("HELP_CONTENT_DIR", None)
    done = subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(code)], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-4000:]


def test_every_recipe_the_issue_asks_for_is_written_and_tested():
    titles = {n: r.title for n, r in RECIPES.items()}
    assert titles == {1: "A question or a choice", 2: "A plan line", 3: "A platform", 4: "A state law",
                      5: "A guide page", 6: "A language", 7: "A template"}
    tested = {int(name.removeprefix("test_recipe_").split("_")[0]) for name in globals()
              if name.startswith("test_recipe_")}
    assert tested == set(RECIPES)


def test_the_readme_links_the_recipes():
    assert "(CONTRIBUTING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_recipe_1_a_new_choice_with_a_plan_line(tmp_path):
    tree, changed = carry_out(1, tmp_path)
    assert len(changed) <= 3, changed  # issue 24: a new choice with a plan line takes at most 3 files
    assert not any(p.startswith("app/flow/questions.py") for p in changed)  # codes come from flow.toml
    check_in(tree, r'''
    line_en = "On a dating app, report the profile that shared it."
    line_es = "En una app de citas, denuncia el perfil que lo compartió."
    # the question page, in both languages (from "check your answers", Change)
    assert "A dating app" in page("/plan", {"situation": "shared", "_change": "where"})
    assert "Una app de citas" in page("/es/plan", {"situation": "shared", "_change": "where"})
    # the plan page: the new line shows for the new code, and only for it
    answers = {"situation": "shared", "where": "dating_app"}
    assert line_en in page("/plan", answers) and line_es in page("/es/plan", answers)
    assert line_en not in page("/plan", {"situation": "shared", "where": "social"})
    # the API: the code and its label, the plan's line, the schema
    where = next(q for q in api("/api/v1/questions")["questions"] if q["id"] == "where")
    assert {"code": "dating_app", "label": "A dating app"} in [{k: c[k] for k in ("code", "label")}
                                                                for c in where["choices"]]
    where_es = next(q for q in api("/api/v1/questions", lang="es")["questions"] if q["id"] == "where")
    assert "Una app de citas" in [c["label"] for c in where_es["choices"]]
    plan = api("/api/v1/plan", {"answers": {"situation": ["shared"], "where": ["dating_app"]}})["plan"]
    assert line_en in json.dumps(plan, ensure_ascii=False)
    spec = api("/api/v1/openapi.json")
    assert "dating_app" in spec["components"]["schemas"]["Answers"]["properties"]["where"]["items"]["enum"]
    # the diagram draws the question; flow check passes; the sweep's invariants hold with it
    assert "q_where" in cli("flow", "graph")
    cli("flow", "check")
    sweep({"danger": "no", "for_whom": "self", "situation": frozenset({"shared"})}, 3,
          must=lambda a: "dating_app" in a.get("where", ()))
    ''')


def test_recipe_2_a_plan_line(tmp_path):
    tree, changed = carry_out(2, tmp_path)
    assert len(changed) <= 3, changed
    check_in(tree, r'''
    line_en = "The helplines below are there for helpers too."
    line_es = "también son para quien ayuda."
    helper = {"for_whom": "someone_else"}
    assert line_en in page("/plan", helper) and line_es in page("/es/plan", helper)
    assert line_en not in page("/plan", {"for_whom": "self"})
    support = next(s for s in api("/api/v1/plan", {"answers": helper})["plan"]["steps"] if s["id"] == "support")
    assert line_en in support["text"]
    support_es = next(s for s in api("/api/v1/plan", {"answers": helper}, lang="es")["plan"]["steps"]
                      if s["id"] == "support")
    assert line_es in support_es["text"]
    assert "s_support" in cli("flow", "graph")
    cli("flow", "check")
    sweep({"danger": "no", "for_whom": "someone_else"}, 2,
          must=lambda a: any(line_en in line for s in flow.build_plan(a).steps for line in s.lines))
    ''')


def test_recipe_3_a_platform(tmp_path):
    tree, changed = carry_out(3, tmp_path)
    assert len(changed) <= 3, changed  # issue 24: a new referral takes at most 3 files
    assert not any(p.endswith(".py") for p in changed)
    check_in(tree, r'''
    answers = {"situation": "shared", "where": "messaging"}
    assert "ExampleChat" in page("/plan", answers)
    assert "Mantén pulsado el mensaje y elige Denunciar." in page("/es/plan", answers)
    assert "ExampleChat" not in page("/plan", {"situation": "shared", "where": "adult_site"})
    plan = api("/api/v1/plan", {"answers": {"situation": ["shared"], "where": ["messaging"]}})["plan"]
    remove = next(s for s in plan["steps"] if s["id"] == "remove")
    assert "examplechat" in remove["referrals"] and plan["referrals"]["examplechat"]["name"] == "ExampleChat"
    plan_es = api("/api/v1/plan", {"answers": {"situation": ["shared"], "where": ["messaging"]}}, lang="es")["plan"]
    assert plan_es["referrals"]["examplechat"]["description"].startswith("ExampleChat quita")
    assert "platform referrals (by where)" in cli("flow", "graph")
    assert "examplechat" in directory.platforms_by_where["messaging"]
    cli("flow", "check")
    sweep({"danger": "no", "for_whom": "self", "situation": frozenset({"shared"})}, 3,
          must=lambda a: "messaging" in a.get("where", ()))
    ''')


def test_recipe_4_a_state_law(tmp_path):
    tree, changed = carry_out(4, tmp_path)
    check_in(tree, r'''
    cite, url = "Idaho Code § 00-0000", "https://legislature.idaho.gov/statutesrules/idstat/example"
    assert cite in page("/plan", {"state": "ID"}) and url in raw("/plan", {"state": "ID"})
    assert cite in page("/es/plan", {"state": "ID"})
    card = api("/api/v1/plan", {"answers": {"state": "ID"}})["plan"]["referrals"]["state-law"]
    assert cite in card["description"] and card["url"] == url
    card_es = api("/api/v1/plan", {"answers": {"state": "ID"}}, lang="es")["plan"]["referrals"]["state-law"]
    assert cite in card_es["description"]
    assert "s_law -->|state answered| r_state_law" in cli("flow", "graph")
    cited = sum(1 for s in directory.states.values() if s.statute)
    assert f"{cited} of {len(directory.states)} jurisdictions show" in cli("flow", "check")
    plan = flow.build_plan({"state": "ID"}, directory.platforms_by_where)
    assert invariants({"state": "ID"}, plan, directory) is None and plan.state == "ID"
    ''')


def test_recipe_5_a_guide_page(tmp_path):
    tree, changed = carry_out(5, tmp_path)
    check_in(tree, r'''
    english, spanish = page("/guides/helping"), page("/es/guides/helping")
    assert "Helping someone else" in english and "Listen first." in english
    assert "Ayudar a otra persona" in spanish and "Primero escucha." in spanish
    assert "Helping someone else" in page("/guides/") and "Ayudar a otra persona" in page("/es/guides/")
    sitemap = raw("/sitemap.xml")
    assert "http://localhost/guides/helping" in sitemap and "http://localhost/es/guides/helping" in sitemap
    cli("flow", "check")  # its sources pass the source policy
    ''')


def test_recipe_6_a_language(tmp_path):
    tree, changed = carry_out(6, tmp_path)
    check_in(tree, r'''
    start = raw("/fr/")
    assert '<html lang="fr"' in start and "Sortie rapide" in start
    assert "Sortie rapide" in raw("/fr/guides/law")
    second = page("/fr/q", {"_q": "danger", "danger": "no", "_nav": "continue"})
    assert "Est-ce pour vous, ou aidez-vous quelqu’un ?" in second
    assert "Sortie rapide" not in raw("/") and "Sortie rapide" not in raw("/es/")  # the others are as they were
    response = client.get("/api/v1/questions?lang=fr")
    assert response.headers["Content-Language"] == "fr"
    titles = [q["title"] for q in response.json["questions"]]
    assert "Est-ce pour vous, ou aidez-vous quelqu’un ?" in titles
    assert "fr" in api("/api/v1/openapi.json")["paths"]["/api/v1/questions"]["get"]["parameters"][0]["schema"]["enum"]
    assert 'hreflang="fr"' in raw("/guides/") and "http://localhost/fr/guides/" in raw("/sitemap.xml")
    assert "s_support" in cli("flow", "graph")  # the diagram is the engine's, in no language
    ''')


def test_recipe_7_a_template(tmp_path):
    tree, changed = carry_out(7, tmp_path)
    assert not any(p.endswith(".py") for p in changed), changed  # issue 24: template edits need no Python
    assert len(changed) <= 3, changed
    check_in(tree, r'''
    total = len(flow.asked_questions({}))
    assert f"Question 1 of {total}" in page("/q") and f"Pregunta 1 de {total}" in page("/es/q")
    answers = {"_q": "for_whom", "danger": "no", "_seen": "danger", "for_whom": "self", "_nav": "continue"}
    assert f"Question 3 of {total}" in page("/q", answers)
    # a shared picture brings one more question ("where"), counted from then on
    shared = {**answers, "_q": "situation", "situation": "shared", "_seen": ["danger", "for_whom"]}
    assert f"Question 4 of {len(flow.asked_questions({'situation': 'shared'}))}" in page("/q", shared)
    # the chosen answer is marked, and only it
    marked = raw("/plan", {"danger": "no", "_change": "danger"})
    chosen = re.findall(r'<div class="choice chosen">\s*<input[^>]* value="(\w+)"', marked)
    assert chosen == ["no"], chosen
    stylesheet = re.search(r'href="(/static/site\.css[^"]*)"', marked).group(1)
    assert ".choice.chosen" in client.get(stylesheet).get_data(as_text=True)
    ''')
