"""The guide: one question per page, check answers, the plan (and the help-now page)."""

from app.web.core import page_context, urls
from app.web.guide import form_state
from app.web.guide.views import bp


def register(app) -> None:
    urls.mount(app, bp)
    page_context.write_once(form_state.known_pairs())
