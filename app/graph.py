"""The decision flow as a diagram (Mermaid or Graphviz dot), built from the engine's data:
questions in order, the conditions that ask them, the steps they lead to, and each
step's referrals."""

from __future__ import annotations

from itertools import pairwise

from app import flow


def _edges():
    """(kind, source, target, label) for every edge of the diagram."""
    edges = []
    for before, after in pairwise(flow.QUESTIONS):
        edges.append(("order", f"q_{before.id}", f"q_{after.id}", ""))
    for question in flow.QUESTIONS:
        for source in sorted(question.asked_when.questions):
            edges.append(("asks", f"q_{source}", f"q_{question.id}", f"asked when {question.asked_when.text}"))
    for step in flow.STEPS:
        sources = sorted(step.include_when.questions) or ["start"]
        for source in sources:
            edges.append(("shows", f"q_{source}" if source != "start" else "start", f"s_{step.id}",
                          step.include_when.text))
        for ref in step.referrals:
            edges.append(("refers", f"s_{step.id}", f"r_{ref.id}", "" if ref.when is flow.ALWAYS else ref.when.text))
        if step.platforms_from_where:
            edges.append(("refers", f"s_{step.id}", "r_platforms", "platforms listed for the where answers"))
    return edges


def _nodes():
    nodes = [("start", "Every plan", "start")]
    nodes += [(f"q_{q.id}", f"{q.id}: {q.title.you}", "question") for q in flow.QUESTIONS]
    nodes += [(f"s_{s.id}", f"{s.id}: {s.title.you}", "step") for s in flow.STEPS]
    refs = dict.fromkeys(r.id for s in flow.STEPS for r in s.referrals)
    nodes += [(f"r_{r}", r, "referral") for r in refs]
    nodes.append(("r_platforms", "platform referrals (by where)", "referral"))
    return nodes


def _safe(text: str) -> str:
    return text.replace('"', "'")


def mermaid() -> str:
    shapes = {"start": ('(["', '"])'), "question": ('{{"', '"}}'), "step": ('["', '"]'), "referral": ('("', '")')}
    lines = ["flowchart LR"]
    for node_id, label, kind in _nodes():
        left, right = shapes[kind]
        lines.append(f"  {node_id.replace('-', '_')}{left}{_safe(label)}{right}")
    arrows = {"order": "-->", "asks": "-.->", "shows": "==>", "refers": "-->"}
    for kind, source, target, label in _edges():
        text = f"|{_safe(label)}|" if label else ""
        lines.append(f"  {source.replace('-', '_')} {arrows[kind]}{text} {target.replace('-', '_')}")
    return "\n".join(lines) + "\n"


def dot() -> str:
    shapes = {"start": "oval", "question": "diamond", "step": "box", "referral": "note"}
    lines = ["digraph flow {", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];',
             '  edge [fontname="Helvetica", fontsize=8];']
    for node_id, label, kind in _nodes():
        lines.append(f'  "{node_id}" [label="{_safe(label)}", shape={shapes[kind]}];')
    styles = {"order": "solid", "asks": "dashed", "shows": "bold", "refers": "solid"}
    for kind, source, target, label in _edges():
        lines.append(f'  "{source}" -> "{target}" [style={styles[kind]}, label="{_safe(label)}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
