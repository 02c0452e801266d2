"""The engine's words: the text of every question, choice and step line, read from
app/content/flow.toml so that wording is edited (and translated) without opening engine code.

`questions.py` and `steps.py` declare the rules and name their words by id; `question()`
and `step()` here attach the words. A missing entry is a `FlowError` naming it, and
`unused()` lists entries no rule names (checked by `check_graph`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path

from app.flow.model import NOTHING, Choice, FlowError, Line, Question, StepDef, Voiced

WORDS_FILE = Path(__file__).resolve().parents[1] / "content" / "flow.toml"


def _is_text(node: object) -> bool:
    """One string, or a you/they pair of strings."""
    return isinstance(node, str) or (isinstance(node, dict) and set(node) == {"you", "they"}
                                     and all(isinstance(v, str) for v in node.values()))


class Words:
    def __init__(self, data: dict):
        self._data = data
        self._read: set[str] = set()

    @classmethod
    def load(cls, path: Path = WORDS_FILE) -> Words:
        with path.open("rb") as f:
            return cls(tomllib.load(f))

    def _node(self, path: str) -> object | None:
        node: object = self._data
        for part in path.split("/"):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def _get(self, path: str, required: bool = True) -> Voiced:
        node = self._node(path)
        if node is None:
            if required:
                raise FlowError(f"{WORDS_FILE.name}: no text for {path.replace('/', '.')}")
            return NOTHING
        self._read.add(path)
        if isinstance(node, str):
            return Voiced.same(node)
        if _is_text(node):
            return Voiced(node["you"], node["they"])
        raise FlowError(f"{WORDS_FILE.name}: {path.replace('/', '.')} must be a string, or .you and .they")

    def _choice(self, question_id: str, code: str) -> Choice:
        base = f"questions/{question_id}/choices/{code}"
        entry = self._node(base)
        if isinstance(entry, dict) and "label" in entry:  # a label with a hint
            return Choice(code, self._get(f"{base}/label"), self._get(f"{base}/hint", required=False))
        return Choice(code, self._get(base))

    def question(self, id: str, codes: Sequence[str] | None = None, **rules) -> Question:
        """A question with its words. Its codes are `codes`, or else the keys of its choices in
        the words file, in their order there (so a new choice is one entry there). With `labels`,
        choice labels come from elsewhere (the codes stand in)."""
        base = f"questions/{id}"
        title, why = self._get(f"{base}/title"), self._get(f"{base}/why")
        if codes is None:
            found = self._node(f"{base}/choices")
            if not isinstance(found, dict) or not found:
                raise FlowError(f"{WORDS_FILE.name}: no choices for questions.{id} (add "
                                f"[questions.{id}.choices], or give its codes in questions.py)")
            codes = tuple(found)
        if rules.get("labels"):
            choices = tuple(Choice(code, Voiced.same(code)) for code in codes)
        else:
            choices = tuple(self._choice(id, code) for code in codes)
        return Question(id=id, title=title, why=why,
                        hint=self._get(f"{base}/hint", required=False), choices=choices, **rules)

    def step(self, id: str, *, lines: Sequence[Line], **rules) -> StepDef:
        base = f"steps/{id}"
        worded = tuple(Line(line.key, line.when, self._get(f"{base}/lines/{line.key}")) for line in lines)
        return StepDef(id=id, title=self._get(f"{base}/title"), lines=worded, **rules)

    def unused(self) -> list[str]:
        """Entries of the words file that no question or step reads, as dotted paths."""
        found: list[str] = []

        def walk(node: dict, path: str) -> None:
            for key, value in node.items():
                here = f"{path}/{key}" if path else key
                if isinstance(value, dict) and not _is_text(value):
                    walk(value, here)
                elif here not in self._read:
                    found.append(here.replace("/", "."))

        walk(self._data, "")
        return found


WORDS = Words.load()
