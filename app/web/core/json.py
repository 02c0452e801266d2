"""Flask's JSON through orjson (issue 15).

A plan from the API is about 23 KB of JSON. Python's own encoder took ~30 µs to write it,
about an eighth of the request; orjson (a maintained C library) writes it in ~6 µs and reads
request bodies three times as fast. Everything else is Flask's DefaultJSONProvider: the same
values for the same objects (dates as HTTP dates, UUIDs and decimals as strings, dataclasses
as objects, Markup as its text), keys in the order given (the app keeps plan order), indented
while debugging, a newline at the end of a response. Two differences, both allowed by JSON:
text that is not ASCII is sent as UTF-8, not as \\u escapes (smaller, for Spanish above all),
a body with NaN, Infinity, a lone surrogate or a number beyond a double's range (1e999) is
refused (400) as invalid JSON instead of read, and an integer over 64 bits is read as a float
(the API takes no numbers: either way it answers 400). What orjson cannot write (an integer over 64 bits, which the
app never sends) is written by Python's encoder, as Flask would.
"""

from __future__ import annotations

import typing as t

import orjson
from flask.json.provider import DefaultJSONProvider

# orjson writes dates and dataclasses itself, differently from Flask (ISO dates): hand them to
# Flask's default. Keys that are not strings become strings, as json.dumps makes them.
_FLASKS_WAY = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS


class OrjsonProvider(DefaultJSONProvider):
    sort_keys = False  # the plan's and the referrals' order is the engine's

    def _options(self, indent: bool = False) -> int:
        options = _FLASKS_WAY
        if self.sort_keys:
            options |= orjson.OPT_SORT_KEYS
        if indent:
            options |= orjson.OPT_INDENT_2
        return options

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        if set(kwargs) - {"indent"}:  # json.dumps settings orjson has no equal for: Python's encoder
            return super().dumps(obj, **kwargs)
        try:
            return orjson.dumps(obj, default=self.default, option=self._options(bool(kwargs.get("indent")))).decode()
        except TypeError:  # what orjson cannot write (an integer over 64 bits): Python's encoder
            return super().dumps(obj, **kwargs)

    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        return orjson.loads(s)

    def response(self, *args: t.Any, **kwargs: t.Any):
        obj = self._prepare_response_obj(args, kwargs)
        indent = (self.compact is None and self._app.debug) or self.compact is False
        try:
            body = orjson.dumps(obj, default=self.default, option=self._options(indent) | orjson.OPT_APPEND_NEWLINE)
        except TypeError:  # as in dumps
            return super().response(*args, **kwargs)
        return self._app.response_class(body, mimetype=self.mimetype)
