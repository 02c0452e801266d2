"""JSON responses that reuse what was encoded once (issue 15).

A plan's referrals are most of the API's answer (about 20 KB), and each is the same for every
plan in a language: app/precompute.py encodes each one once (`ReadOnlyDict.json`). `response`
writes exactly what `jsonify` writes, byte for byte, putting those pieces in place instead of
encoding them again; only the plan's own parts (its steps) are encoded per request. With any
JSON setting other than Flask's compact default (the debugger's indented output, another
provider) it is `jsonify` itself.
"""

from __future__ import annotations

from json.encoder import encode_basestring_ascii as _key  # json.dumps' own, for a str

from flask import current_app, jsonify
from flask.json.provider import DefaultJSONProvider

from app.precompute import ReadOnlyDict, encode


def response(value):
    """`jsonify(value)`, with precomputed objects' JSON reused."""
    app = current_app._get_current_object()
    provider = app.json
    if (type(provider) is not DefaultJSONProvider or not provider.ensure_ascii or provider.sort_keys
            or provider.compact is False or (provider.compact is None and app.debug)):
        return jsonify(value)
    return app.response_class(f"{_dumps(value, provider.default)}\n", mimetype=provider.mimetype)


def _dumps(value, default) -> str:
    if isinstance(value, ReadOnlyDict):
        return value.json
    if type(value) is dict and all(type(key) is str for key in value):
        return "{" + ",".join(f"{_key(key)}:{_dumps(item, default)}" for key, item in value.items()) + "}"
    return encode(value, default)
