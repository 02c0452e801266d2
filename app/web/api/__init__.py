"""The JSON API (v1) of the guide, and the OpenAPI document of every JSON endpoint."""

from app.web.api.views import bp


def register(app) -> None:
    app.register_blueprint(bp)
