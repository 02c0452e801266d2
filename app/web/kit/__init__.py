"""The removal kit and the single letters: forms, letters, the checklist, and the kit's JSON."""

from app.web.core import openapi_parts, urls
from app.web.kit import api, letters, views


def register(app) -> None:
    urls.mount(app, letters.bp)
    urls.mount(app, views.bp)
    app.register_blueprint(api.bp)
    openapi_parts.contribute(app, api.openapi_paths, api.openapi_schemas)
