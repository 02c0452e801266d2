"""The reserved form fields are declared once (app/web/form_state.py); templates and views use only those."""

import re
from pathlib import Path

from app import flow
from app.web.guide import form_state
from app.web.guide import views as flow_views
from tests.conftest import template_files

ROOT = Path(__file__).resolve().parent.parent



def reserved_names_in_templates() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in template_files("*.html"):
        for name in re.findall(r'name="(_[^"]*)"', path.read_text()):
            found.setdefault(name, set()).add(path.name)
    return found


def test_templates_use_only_declared_reserved_fields():
    used = reserved_names_in_templates()
    assert set(used) <= form_state.RESERVED, {n: f for n, f in used.items() if n not in form_state.RESERVED}


def test_every_declared_field_is_used_and_written_nowhere_else_by_hand():
    used = set(reserved_names_in_templates())
    # _seen is written by form_state.hidden_fields (through the hidden_inputs global, app/web/core/page_context.py), not as a literal
    assert used | {form_state.SEEN} == form_state.RESERVED
    for module in (flow_views, form_state):
        source = Path(module.__file__).read_text()
        literals = set(re.findall(r'"(_(?:q|nav|seen|return|change))"', source))
        assert literals <= ({*form_state.RESERVED} if module is form_state else set()), (module.__name__, literals)


def test_no_question_id_is_a_reserved_field():
    assert not {q.id for q in flow.QUESTIONS} & form_state.RESERVED
    assert not any(q.id.startswith("_") for q in flow.QUESTIONS)
