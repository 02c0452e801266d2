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
    "app.local_contacts": (set(), False),  # plain Python: the embedding organisations' own contacts
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
    # The web layer's core: headers, errors, language, widget, URLs, assets. No feature.
    "app.web.core": ({"app.flow", "app.directory", "app.local_contacts", "app.i18n", "app.precompute",
                      "app.presenter"}, True),
}
# The web layer's features: each may use the core and everything below it, never another feature.
BELOW_THE_WEB = {"app.flow", "app.removal_kit", "app.directory", "app.local_contacts", "app.i18n", "app.precompute", "app.presenter"}
FEATURES = sorted(p.name for p in (ROOT / "app" / "web").iterdir() if (p / "__init__.py").is_file() and p.name != "core")
for _feature in FEATURES:
    RULES[f"app.web.{_feature}"] = ({"app.web.core", *BELOW_THE_WEB}, True)
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
        assert module in ("app", "app.web") or module.startswith("app.content"), f"{module}: give it a rule"
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


def test_the_web_layer_is_a_core_and_features():
    """Each page belongs to a feature package (guide, kit, api, site); what they share is the core."""
    assert {"guide", "kit", "api", "site"} <= set(FEATURES)
    loose = [p.name for p in (ROOT / "app" / "web").glob("*.py") if p.name != "__init__.py"]
    assert loose == [], f"app/web/{loose}: put it in the core or in a feature"
    for feature in FEATURES:
        allowed, _ = RULES[f"app.web.{feature}"]
        assert not any(_within(f"app.web.{other}", allowed) for other in FEATURES), feature


def test_a_feature_importing_another_is_caught(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("from app.web.kit import forms\n")
    allowed, _ = RULES["app.web.guide"]
    assert not any(_within(name, allowed) for name in _imports(sample) if name.startswith("app."))
    allowed, _ = RULES["app.web.core"]
    sample.write_text("from app.web.site import embed\n")
    assert not any(_within(name, allowed) for name in _imports(sample) if name.startswith("app."))


def _private_uses(path: Path) -> list[str]:
    """Names with a leading underscore that a test file takes from app/: imported, or read as an
    attribute of a module it imported from app/."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules, found = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "app":
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{node.module}.{alias.name}")
                modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules.update(a.asname or a.name.split(".")[0] for a in node.names if a.name.split(".")[0] == "app")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules \
                and node.attr.startswith("_") and not node.attr.startswith("__"):
            found.append(f"{node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "tests").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_tests_use_only_public_names_of_the_app(path):
    """Tests assert behaviour through what the app offers, so a rename inside a module breaks no test."""
    assert _private_uses(path) == []


def test_a_private_use_is_caught(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("from app.flow.navigation import _resolve\nfrom app.web.core import assets\nassets._digests\n")
    assert _private_uses(sample) == ["app.flow.navigation._resolve", "assets._digests"]
