"""The house's rules of import, checked: each layer may import only the layers below it.

See docs/architecture.md for the picture and the reasons.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# module (or package) -> what it may import from app, and whether Flask (or Flask-*) is allowed
RULES = {
    "app.flow": ({"app.flow"}, False),  # the engine: plain Python, nothing of ours below it
    "app.removal_kit": (set(), False),  # plain Python: grouping, dates, CSV
    "app.directory": ({"app.flow"}, False),  # content data, validated against the engine's ids
    "app.content_checks": ({"app.flow", "app.directory"}, False),
    "app.graph": ({"app.flow"}, False),
    "app.i18n": (set(), True),
    "app.precompute": ({"app.flow", "app.directory", "app.i18n"}, True),  # display text, once per language
    "app.presenter": ({"app.flow", "app.directory", "app.i18n", "app.precompute"}, True),  # no web layer
    # the CLI: content tools; `flow explain --json` builds the app for the API's own presenter
    "app.cli": ({"app.flow", "app.directory", "app.content_checks", "app.graph", "app.presenter",
                 "app.create_app"}, True),
    "app.serving": (set(), False),  # gunicorn's logger and hooks: nothing of the app at all
}
FLASK = ("flask", "flask_babel", "flask_wtf", "werkzeug", "wtforms", "jinja2")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "app":  # `from app import flow` imports app.flow
                names.update(f"app.{alias.name}" for alias in node.names)
    return names


def _owner(module: str) -> str | None:
    return next((rule for rule in RULES if module == rule or module.startswith(rule + ".")), None)


def _within(name: str, allowed: set[str]) -> bool:
    return any(name == a or name.startswith(a + ".") for a in allowed)


@pytest.mark.parametrize("path", sorted((ROOT / "app").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_module_imports_only_what_its_layer_allows(path):
    module = _module_name(path)
    owner = _owner(module)
    if owner is None:
        assert module == "app" or module.startswith(("app.web", "app.content")), f"{module}: give it a rule"
        return
    allowed, flask_ok = RULES[owner]
    for name in _imports(path):
        if name == "app":  # the package itself; `from app import x` is checked as app.x
            continue
        if name.startswith("app."):
            assert name == owner or name.startswith(owner + ".") or _within(name, allowed), \
                f"{module} imports {name}: not allowed for {owner}"
        elif name.split(".")[0] in FLASK:
            assert flask_ok, f"{module} imports {name}: {owner} must not depend on Flask"


def test_the_rules_catch_a_breach(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("from flask import request\nfrom app import presenter\nimport app.web.api\n")
    assert _imports(sample) == {"flask", "app", "app.presenter", "app.web.api"}
    assert _owner("app.flow.plan") == "app.flow" and _owner("app.presenter") == "app.presenter"
    assert not _within("app.presenter", RULES["app.flow"][0]) and not _within("app.web.api", RULES["app.presenter"][0])
