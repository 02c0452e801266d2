"""What pages show, decided in Python (presenter, form classes), not in templates."""

from werkzeug.datastructures import MultiDict

from app import flow, presenter
from app.web.kit.forms import RemovalKitForm, RemovalRequestForm


def test_a_referral_named_twice_is_a_card_once_then_a_link_back():
    plan = flow.Plan(steps=(flow.PlanStep("a", "now", "A", (), ("r",), "g"),
                            flow.PlanStep("b", "next", "B", (), ("r", "gone"), "g")), helper=False)
    sections = presenter.plan_sections(plan, lambda ref_id: ref_id != "gone")
    assert [(group, [(step.id, refs) for step, refs in steps]) for group, steps in sections] == \
        [("now", [("a", [("r", False)])]), ("next", [("b", [("r", True)])])]


def test_question_ids():
    state = {"id": "state", "hint": "", "control": "select", "choices": [{"code": "AL"}]}
    danger = {"id": "danger", "hint": "h", "control": "radios", "choices": [{"code": "yes"}]}
    assert presenter.question_ids(state, error=True) == {"error_anchor": "state-select",
                                                         "described_by": "state-why state-error"}
    assert presenter.question_ids(danger, error=False) == {"error_anchor": "danger-yes",
                                                          "described_by": "danger-why danger-hint"}


def test_letter_fields_know_their_ids_and_the_forms_know_under18(app):
    with app.test_request_context("/"):
        form = RemovalRequestForm(formdata=MultiDict({"minor": "unsure"}))
        form.platform.choices = [("x", "X")]
        form.validate()
        assert form.full_name.described_by == "full_name-hint full_name-error"
        assert form.email.described_by == "email-error" and form.postal_address.described_by == ""
        assert form.sender.error_anchor == "sender-self" and form.full_name.error_anchor == "full_name"
        assert form.under18()
        assert not RemovalKitForm(formdata=MultiDict({"age": "adult"})).under18()
