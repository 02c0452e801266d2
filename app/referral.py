"""One referral: the one place that says what a referral is.

A help line, service, platform or tool from the content files, or the law in a
person's state (`state-law`, made from a state entry by `state_law`). The loader
builds these, the presenter translates them, the API sends `to_json()`, the
OpenAPI document describes them with `json_schema()`, Babel's content extractor
reads `TRANSLATABLE`, the CLI prints them and templates read their attributes.
Plain Python (no Flask), like the engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Callable
from dataclasses import dataclass, field

STATE_LAW = "state-law"  # the referral id the engine names for "the law where you live"

_API = {"api": True}  # in the API's referral object, in this order
_TRANSLATED = {"api": True, "translatable": True}  # shown to people: a msgid in content, translated for display


@dataclass(frozen=True, kw_only=True)
class Referral:
    """One referral. Field order is the API's key order; `kind` is resource | platform | state."""

    id: str = field(metadata=_API)
    kind: str = field(metadata=_API)
    name: str = field(metadata=_TRANSLATED)
    description: str = field(metadata=_TRANSLATED)
    audience: str = field(metadata=_TRANSLATED)
    url: str | None = field(default=None, metadata=_API)
    phone: str | None = field(default=None, metadata=_API)
    text: str | None = field(default=None, metadata=_TRANSLATED)
    tty: str | None = field(default=None, metadata=_API)
    email: str | None = field(default=None, metadata=_API)
    hours: str | None = field(default=None, metadata=_TRANSLATED)
    how: str | None = field(default=None, metadata=_TRANSLATED)  # platforms: how to report in the app
    internal: bool = field(default=False, metadata=_API)  # a page of this app, not an outside site
    sources: tuple[str, ...] = field(metadata=_API)
    reviewed: dt.date = field(metadata=_API)
    # Content only, not in the API:
    removal_request: str | None = None  # platforms: where a TAKE IT DOWN Act request goes
    where: tuple[str, ...] = ()  # platforms: the answers to "where" that name it
    domains: tuple[str, ...] = ()  # platforms: the host names it is reached at
    secondary: str | None = None  # why only secondary sources back it (shown by `flow check`)

    def translated(self, gettext: Callable[[str], str]) -> Referral:
        """The same referral with its translatable text through `gettext` (empty text stays out)."""
        changes = {}
        for name in TRANSLATABLE:
            value = getattr(self, name)
            changes[name] = gettext(value) if value else (value if _required(name) else None)
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict:
        """The API's referral object."""
        out = {}
        for name in API_FIELDS:
            value = getattr(self, name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            out[name] = value
        return out

    def line(self) -> str:
        """One line of plain text: name | phone | text | url (for the CLI)."""
        return " | ".join([self.name] + [b for b in (self.phone, self.text, self.url) if b])


_FIELDS = dataclasses.fields(Referral)
API_FIELDS = tuple(f.name for f in _FIELDS if f.metadata.get("api"))
TRANSLATABLE = tuple(f.name for f in _FIELDS if f.metadata.get("translatable"))
CONTENT_FIELDS = frozenset(f.name for f in _FIELDS) - {"kind"}  # what a content file may set
REQUIRED = tuple(f.name for f in _FIELDS if f.name in CONTENT_FIELDS and
                 f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)


def _required(name: str) -> bool:
    return name in REQUIRED


_JSON_TYPES = {str: {"type": "string"}, bool: {"type": "boolean"},
               dt.date: {"type": "string", "format": "date"},
               tuple[str, ...]: {"type": "array", "items": {"type": "string"}}}


def json_schema() -> dict:
    """The JSON schema of `to_json()`, from the fields' types: what OpenAPI calls `Referral`."""
    hints = typing.get_type_hints(Referral)
    properties = {}
    for name in API_FIELDS:
        hint = hints[name]
        args = typing.get_args(hint)
        if type(None) in args:  # `str | None`
            (inner,) = [a for a in args if a is not type(None)]
            properties[name] = {**_JSON_TYPES[inner], "type": [_JSON_TYPES[inner]["type"], "null"]}
        else:
            properties[name] = dict(_JSON_TYPES[hint])
    return {"type": "object", "required": list(API_FIELDS), "properties": properties}


def _english(msgid: str, **params) -> str:
    return msgid % params if params else msgid


def state_law(state, gettext: Callable[..., str] = _english) -> Referral:
    """The `state-law` referral for a state entry, its text through `gettext`."""
    _ = gettext  # so that Babel finds the msgids below
    name = _(state.name)
    if state.statute_url:
        description = _("%(state)s has a law against sharing intimate pictures without "
                        "consent: %(statute)s. The link opens the law.", state=name,
                        statute=state.statute)
    elif state.statute:
        description = _("%(state)s has a law against sharing intimate pictures without "
                        "consent: %(statute)s. The CCRI Safety Center links to each "
                        "state's law.", state=name, statute=state.statute)
    elif state.law:
        description = _("%(state)s has a law against sharing intimate pictures without "
                        "consent. All 50 states and DC have one. The CCRI Safety Center "
                        "links to each state's law.", state=name)
    else:
        description = _("We could not confirm a law for %(state)s. Federal law still "
                        "applies, and the CCRI Safety Center can help.", state=name)
    return Referral(id=STATE_LAW, kind="state", name=_("The law in %(state)s", state=name),
                    description=description, audience="", url=state.statute_url or state.url,
                    sources=state.sources, reviewed=state.reviewed)
