"""Tests assert behaviour, not a number of content items someone counted by hand: a new
choice, step, platform, state law or guide must not break a test that only counted them
(issue 24). Numbers are derived from the data (`len(flow.QUESTIONS)`, the directory's
entries); the private-name rule is in tests/test_architecture.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# What a test may not count by hand: the engine's and the content's collections.
CONTENT = {"QUESTIONS", "STEPS", "STATE_CODES", "questions", "steps", "choices", "codes", "platforms",
           "states", "guides", "entries", "referrals", "rows", "resources", "laws"}


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | \
        {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}


def _is_len_of_content(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" \
        and bool(node.args) and bool(_names(node.args[0]) & CONTENT)


def hand_counts(path: Path) -> list[str]:
    """`len(<content>) <op> <number>` (either way round) in a test file, as "line: source"."""
    source = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        numbers = [o for o in operands if isinstance(o, ast.Constant) and type(o.value) is int and o.value > 1]
        if numbers and any(_is_len_of_content(o) for o in operands):
            found.append(f"{node.lineno}: {ast.get_source_segment(source, node)}")
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "tests").rglob("test_*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_test_counts_content_by_hand(path):
    assert hand_counts(path) == [], "derive the number from the data (flow.QUESTIONS, the directory)"


def test_a_hand_count_is_caught(tmp_path):
    sample = tmp_path / "test_x.py"
    sample.write_text("assert len(rows) == 10\nassert 12 == len(flow.STEPS)\nassert len(h1s) == 1\n"
                      "assert len(rows) == len(flow.asked_questions(answers))\nassert len(calls) == 2\n")
    assert hand_counts(sample) == ["1: len(rows) == 10", "2: 12 == len(flow.STEPS)"]
