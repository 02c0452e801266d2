"""The guide: one question per page, check answers, the plan (and the help-now page)."""

from app.web.core import urls
from app.web.guide.views import bp


def register(app) -> None:
    urls.mount(app, bp)
