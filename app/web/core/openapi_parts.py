"""The OpenAPI document's parts, gathered from the features that serve JSON.

The API feature (app/web/api/) writes the document; a feature with JSON endpoints of its own
(the removal kit) contributes its paths and component schemas here when it is registered, so
no feature imports another to be described."""

from __future__ import annotations

from collections.abc import Callable

KEY = "help.openapi_parts"


def contribute(app, paths: Callable[[], dict], schemas: Callable[[], dict]) -> None:
    app.extensions.setdefault(KEY, []).append((paths, schemas))


def paths(app) -> dict:
    return {path: item for part, _ in app.extensions.get(KEY, []) for path, item in part().items()}


def schemas(app) -> dict:
    return {name: schema for _, part in app.extensions.get(KEY, []) for name, schema in part().items()}
