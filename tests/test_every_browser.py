"""Pages that work the same in every browser, down to lynx and w3m: no `formaction`, no
control that needs JavaScript in the HTML, an unanswered question plain to see, the plan's
overview, and nothing said twice. (The real lynx walk is tests/test_text_browser.py.)"""

import re
from pathlib import Path

from werkzeug.datastructures import MultiDict

from app import flow
from tests.conftest import NS, find_all, parse, template_files, text_of


def test_no_template_uses_formaction():
    for path in template_files("*.html"):
        assert "formaction" not in path.read_text().lower(), path


def submit(client, tree, button_text):
    """What a text browser does: post the form holding the button to that form's `action`,
    with its fields (hidden, ticked, selected) and the button's own name and value."""
    for form in find_all(tree, "form"):
        for button in form.iter(f"{NS}button"):
            if text_of(button).startswith(button_text):
                assert button.get("formaction") is None
                data = MultiDict()
                for field in form.iter(f"{NS}input"):
                    if field.get("type") == "hidden" or field.get("checked") is not None:
                        data.add(field.get("name"), field.get("value"))
                for select in form.iter(f"{NS}select"):
                    for option in select.iter(f"{NS}option"):
                        if option.get("selected") is not None:
                            data.add(select.get("name"), option.get("value"))
                if button.get("name"):
                    data.add(button.get("name"), button.get("value"))
                response = client.post(form.get("action"), data=data)
                assert response.status_code in (200, 400), response.status_code
                return parse(response.data)
    raise AssertionError(f"no button {button_text!r}")


def h1(tree) -> str:
    return text_of(next(find_all(tree, "h1")))


def test_every_step_works_by_posting_each_form_to_its_action(client):
    tree = parse(client.get("/").data)
    tree = submit(client, tree, "Start")
    for _ in range(len(flow.QUESTIONS)):
        if h1(tree) == "Check your answers":
            break
        tree = submit(client, tree, "Skip this question")
    assert h1(tree) == "Check your answers"
    tree = submit(client, tree, "Change your answer to: What is happening?")
    assert h1(tree) == "What is happening?"
    tree = submit(client, tree, "Skip this question")
    assert h1(tree) == "Check your answers"
    tree = submit(client, tree, "See my plan")
    assert h1(tree) == "Your next steps"
    tree = submit(client, tree, "Change my answers")
    assert h1(tree) == "Check your answers"


def test_print_button_is_not_in_the_html(client):
    # site.js adds it; a browser without JavaScript (or lynx) would show a button that does nothing
    html = client.post("/plan", data={}).get_data(as_text=True)
    assert "<button" not in html.split('id="keep"')[1].split("</p>")[0]
    assert 'data-print="Print this plan"' in html


def plan_tree(client, fields):
    return parse(client.post("/plan", data=MultiDict(fields)).data)


def test_plan_opens_with_an_overview_that_links_to_every_step(client):
    from tests.page_states import PLAN_ANSWERS

    for name, fields in PLAN_ANSWERS.items():
        tree = plan_tree(client, fields)
        nav = next(n for n in find_all(tree, "nav") if n.get("class") == "overview")
        links = [a.get("href") for a in find_all(nav, "a")]
        steps = [f"#{h.get('id')}" for h in find_all(tree, "h3") if (h.get("id") or "").startswith("s-")]
        assert steps and links == steps, name  # every step, in the plan's order
        # under the plan's groups, in the same order as the plan
        groups = [text_of(g) for g in find_all(nav, "strong")]
        assert groups == [text_of(h) for h in find_all(tree, "h2") if (h.get("id") or "").startswith("g-")], name
        # it comes before the first step
        order = [el for el in tree.iter() if el is nav or el.get("id", "").startswith("s-")]
        assert order[0] is nav, name


def test_nothing_is_said_twice_on_a_question(client):
    for question in flow.QUESTIONS:
        tree = parse(client.post("/change", data={"_change": question.id, "situation": "threatened"}).data
                     if question.id == "demand" else
                     client.post("/change", data={"_change": question.id, "situation": "shared"}).data)
        field = next(el for el in tree.iter() if el.get("class", "").startswith("field"))
        sentences = [s.strip() for s in re.split(r"(?<=[.?!])\s+", text_of(field)) if s.strip()]
        repeated = {s for s in sentences if sentences.count(s) > 1}
        assert not repeated, (question.id, repeated)


def test_a_radio_question_starts_with_a_hidden_no_answer_choice(client):
    """Lynx ticks the first radio of a group; that one must mean "no answer", never "Yes"."""
    for question in flow.QUESTIONS:
        if question.multiple or question.id == "state":
            continue
        tree = parse(client.post("/change", data={"_change": question.id}).data)
        radios = [i for i in find_all(tree, "input") if i.get("type") == "radio"]
        first = radios[0]
        assert first.get("value") == "" and first.get("checked") is None, question.id
        holder = next(d for d in find_all(tree, "div") if first in list(d))
        assert "no-answer" in holder.get("class").split(), question.id
    css = (Path(__file__).resolve().parents[1] / "static" / "site.css").read_text()
    assert ".no-answer{display:none}" in css
    # ... and sending it untouched records nothing: the question is asked again
    response = client.post("/q", data={"_q": "danger", "danger": "", "_nav": "continue"})
    assert response.status_code == 400 and b"There is a problem" in response.data


def test_check_page_makes_an_unanswered_question_plain(client):
    tree = parse(client.post("/check", data={"danger": "no", "_seen": ["danger", "for_whom"]}).data)
    rows = {text_of(r.find(f"{NS}dt")): r.findall(f"{NS}dd")[0] for r in find_all(tree, "div")
            if r.get("class") == "row"}
    assert text_of(rows["Is this about you, or are you helping someone else?"]) == "Skipped: no answer given"
    assert rows["Is this about you, or are you helping someone else?"].get("class") == "unanswered"
    assert text_of(rows["Are you in danger right now, or afraid someone may hurt you?"]) == "No"
    assert rows["Are you in danger right now, or afraid someone may hurt you?"].get("class") is None


def test_every_page_has_an_icon_our_csp_allows(client):
    # a data: icon is blocked by img-src 'self' and fills the console with an error on every page
    tree = parse(client.get("/").data)
    icon = next(link for link in find_all(tree, "link") if link.get("rel") == "icon")
    assert icon.get("href").startswith("/static/")
    response = client.get(icon.get("href"))
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
