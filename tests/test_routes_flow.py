"""The HTML flow through the Flask test client: walk, skip, back, change, errors."""

from app import flow
from tests.conftest import find_all, form_fields, text_of


def h1(tree):
    return text_of(next(find_all(tree, "h1")))


def answer(page, tree, qid, *codes, nav="continue", action="/q"):
    data = form_fields(tree, action) + [("_nav", nav)] + [(qid, c) for c in codes]
    # keep the page's own _q / _return
    return page(action, data=data)


def test_start_page(page):
    _, tree = page("/")
    text = text_of(tree)
    assert "Nothing you type is stored" in text and "Quick exit" in text
    assert "cannot erase your browser history" in text


def test_walk_to_plan_with_skips(page):
    response, tree = page("/q", data={})
    assert "in danger" in h1(tree)
    response, tree = answer(page, tree, "danger", "no")
    response, tree = answer(page, tree, "for_whom", "self")
    response, tree = answer(page, tree, "situation", "shared", "threatened")
    assert "asking for something" in h1(tree)
    response, tree = answer(page, tree, "demand", "money")
    response, tree = answer(page, tree, "age", "adult")
    response, tree = answer(page, tree, "kind", nav="skip")  # skipped -> taker still asked
    assert "Who took" in h1(tree)
    response, tree = answer(page, tree, "taker", "self")
    response, tree = answer(page, tree, "where", "social", "search")
    response, tree = answer(page, tree, "copy", "yes")
    response, tree = answer(page, tree, "state", "TX")
    assert h1(tree) == "Check your answers"
    rows = [text_of(dt) for dt in find_all(tree, "dt")]
    given = {"situation": frozenset({"shared", "threatened"}), "kind": None}  # what decides which are asked
    asked = flow.asked_questions(given)
    assert len(rows) == len(asked)  # one row per question asked, the skipped one too
    assert len(asked) == len(flow.QUESTIONS)  # these answers ask every question
    assert "Skipped" in text_of(tree)
    response, tree = page("/plan", data=form_fields(tree, "/plan"))
    text = text_of(tree)
    headings = [text_of(h) for h in find_all(tree, "h2")]
    assert headings[:4] == ["Your plan at a glance", "Right now", "Next", "When you're ready"]
    assert "If someone is threatening you" in text and "X (Twitter)" in text and "The law in Texas" in text
    assert "StopNCII" in text


def test_missing_answer_shows_error_summary_and_keeps_answers(page):
    _, tree = page("/q", data={"_q": "danger", "danger": "no"})
    response, tree = page("/q", data=form_fields(tree, "/q") + [("_nav", "continue")], status=400)
    text = text_of(tree)
    assert "There is a problem" in text and "Choose an answer" in text
    assert next(find_all(tree, "title")).text.startswith("Error:")
    assert ("danger", "no") in form_fields(tree, "/q")  # earlier answer kept
    summary_link = next(a for a in find_all(tree, "a") if a.get("href", "").startswith("#for_whom"))
    assert any(i.get("id") == summary_link.get("href")[1:] for i in find_all(tree, "input"))


def test_invalid_code_for_current_question_keeps_valid_choices(page):
    _, tree = page("/q", data={"_q": "situation", "situation": ["shared", "bogus"], "_nav": "continue"}, status=400)
    assert "Choose one of the answers shown" in text_of(tree)
    checked = [i.get("value") for i in find_all(tree, "input") if i.get("checked") is not None]
    assert checked == ["shared"]


def test_exclusive_choice_error(page):
    _, tree = page("/q", data={"danger": "no", "situation": "threatened", "_q": "demand",
                               "demand": ["none", "money"], "_nav": "continue"}, status=400)
    assert "on its own" in text_of(tree)


def test_back_keeps_answers_and_goes_to_previous(page):
    data = [("danger", "yes"), ("for_whom", "someone_else"), ("_seen", "danger"), ("_seen", "for_whom"),
            ("_q", "situation"), ("_nav", "back")]
    _, tree = page("/q", data=data)
    assert "helping someone else" in h1(tree)
    checked = [i.get("value") for i in find_all(tree, "input") if i.get("checked") is not None]
    assert checked == ["someone_else"]
    assert ("danger", "yes") in form_fields(tree, "/q")


def test_back_from_first_question_returns_to_start(page):
    _, tree = page("/q", data={"_q": "danger", "_nav": "back"})
    assert "Start" in text_of(tree) and "Your privacy" in text_of(tree)


def test_helper_wording(page):
    _, tree = page("/q", data={"danger": "no", "for_whom": "someone_else", "_seen": ["danger", "for_whom"],
                               "situation": "shared", "_q": "situation", "_nav": "continue"})
    # next: age, in helper wording
    assert h1(tree) == "How old were they in the picture or video?"


def test_change_returns_to_check_and_asks_new_questions_first(page):
    base = [("danger", "no"), ("for_whom", "self"), ("situation", "taken"), ("age", "adult"),
            ("kind", "real"), ("taker", "someone_else"), ("copy", "no")]
    seen = [("_seen", q) for q in ("danger", "for_whom", "situation", "age", "kind", "taker", "copy", "state")]
    _, tree = page("/check", data=base + seen)
    assert h1(tree) == "Check your answers"
    _, tree = page("/plan", data=form_fields(tree, "/plan") + [("_change", "situation")])
    assert h1(tree) == "What is happening?"
    assert ("_return", "check") in form_fields(tree, "/q")
    # now say it was also shared: `where` is new and is asked before returning
    data = [p for p in form_fields(tree, "/q")] + [("situation", "taken"), ("situation", "shared"), ("_nav", "continue")]
    _, tree = page("/q", data=data)
    assert h1(tree) == "Where have you seen it?"
    _, tree = page("/q", data=form_fields(tree, "/q") + [("where", "social"), ("_nav", "continue")])
    assert h1(tree) == "Check your answers"


def test_tampered_hidden_answer_is_asked_again_calmly(page):
    data = {"danger": "no", "for_whom": "self", "situation": "<script>x</script>", "age": "adult",
            "_seen": ["danger", "for_whom", "situation", "age"], "_q": "kind", "kind": "real", "_nav": "continue"}
    response, tree = page("/q", data=data)
    assert "could not read one of your earlier answers" in text_of(tree)
    assert h1(tree) == "What is happening?"
    assert b"<script>x" not in response.data
    # the same at the plan step
    _, tree = page("/plan", data={"danger": "maybe", "_seen": ["danger"]})
    assert "could not read" in text_of(tree) and "in danger" in h1(tree)


def test_every_question_page_offers_skip_back_and_start_again(page):
    for question in flow.QUESTIONS:
        _, tree = page("/change", data={"_change": question.id, "situation": ["shared", "threatened"]})
        if h1(tree) == "Check your answers":  # not asked for these answers
            continue
        buttons = {b.get("value"): text_of(b) for b in find_all(tree, "button")}
        assert buttons.get("skip") == "Skip this question"
        assert buttons.get("back") == "Back"
        assert any(a.get("href") == "/" for a in find_all(tree, "a"))
        assert not any(i.get("required") is not None for i in find_all(tree, "input"))
        assert any("why" in (p.get("class") or "") for p in find_all(tree, "p")), question.id


def test_first_question_by_get(page):
    _, tree = page("/q")
    assert "in danger" in h1(tree)


def test_guides(page, directory):
    _, tree = page("/guides/")
    links = {a.get("href") for a in find_all(tree, "a")}
    for slug in directory.guides:
        assert f"/guides/{slug}" in links
        _, guide = page(f"/guides/{slug}")
        assert "Where this comes from" in text_of(guide)
        source_links = [a.get("href") for a in find_all(guide, "a") if a.get("href", "").startswith("http")]
        assert set(directory.guides[slug].sources) <= set(source_links)
    page("/guides/nope", status=404)


def test_plan_print_styles_write_links_out(app):
    css = (app.static_folder + "/site.css")
    text = open(css).read()
    print_rules = text[text.index("@media print"):]
    assert 'a[href^="http"]::after{content:" (" attr(href) ")"' in print_rules


def test_changing_an_answer_after_back_posts_what_a_browser_posts(page):
    """Back to a question, choose another answer, Continue: the page's own form carries the
    other answers, not the one being changed (the Back form's fields would send both: a 400)."""
    data = [("danger", "yes"), ("for_whom", "self"), ("_seen", "danger"), ("_seen", "for_whom"),
            ("_q", "for_whom"), ("_nav", "back")]
    _, tree = page("/q", data=data)
    assert "in danger" in h1(tree)
    assert ("danger", "yes") in form_fields(tree, "/q", button=("_nav", "back"))
    assert ("danger", "yes") not in form_fields(tree, "/q")
    _, tree = answer(page, tree, "danger", "no")
    assert h1(tree) == "What is happening?"  # for_whom was answered already
    assert {("danger", "no"), ("for_whom", "self")} <= set(form_fields(tree, "/q"))
    page("/q", data=form_fields(tree, "/q", button=("_nav", "back")) + [("danger", "yes"), ("_q", "danger"),
                                                                        ("_nav", "continue")], status=400)
