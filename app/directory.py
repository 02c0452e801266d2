"""The referral directory: resources, platforms and state-law entries, and the one
referral model (`Referral`) that the presenter, API, OpenAPI, CLI and extractor share.

Loaded from the TOML files in `app/content/` once at start-up and validated;
invalid content raises `ContentError` naming the file, entry and field, which
stops the app. Plain Python (no Flask), like the engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from app import flow

CONTENT_DIR = Path(__file__).parent / "content"

PHONE_RE = re.compile(r"^(\d{3}|1-\d{3}-\d{3}-\d{4})$")  # 911, 988, or 1-800-555-0100
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DOMAIN_RE = re.compile(r"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
# Review dates: `flask flow check` warns past the first, fails past the second.
REVIEW_WARN_DAYS = 183
REVIEW_FAIL_DAYS = 365


class ContentError(ValueError):
    """Invalid content data; the message names the file, entry and field."""


STATE_LAW = "state-law"  # the referral id the engine names for "the law where you live"

LANGUAGES = ("en", "es")  # the guide's languages; English is the content's own
# How a per-language block's facts were verified (shared/spanish-help.md's tags):
# "owner": on the owner's own page [V]; "secondary": only on secondary pages [V2], said in
# `secondary`; "not-found": looked for and not found, so the service is shown as English.
VERIFIED = ("owner", "secondary", "not-found")

_API = {"api": True}  # in the API's referral object, in this order
_TRANSLATED = {"api": True, "translatable": True}  # shown to people: a msgid in content, translated for display
_JSON_TYPES = {str: {"type": "string"}, bool: {"type": "boolean"},
               dt.date: {"type": "string", "format": "date"},
               tuple[str, ...]: {"type": "array", "items": {"type": "string"}}}


@dataclass(frozen=True, kw_only=True)
class LanguageHelp:
    """What a referral offers people who read the guide in another language (`es = {...}`
    in the content), written in that language, with its own sources and review date.
    `language` is the language the service or linked page helps in as far as verified: "es"
    when Spanish help was found, "en" when none was (the page then says "en inglés")."""

    id: str  # "crisis-988.es": the entry and the language, for checks and messages
    language: str
    verified: str  # one of VERIFIED
    sources: tuple[str, ...]
    reviewed: dt.date
    name: str | None = None  # the service's name in this language, where the name holds a fact ("911", "988")
    call: str | None = None  # how to call in this language, with its phone menu ("Llama al 988 y marca 2 para español")
    url: str | None = None  # the page in this language, instead of the entry's
    text: str | None = None  # how to text in this language ("Envía AYUDA al 988")
    how: str | None = None  # instructions written in this language
    info_url: str | None = None  # a page in this language about a service that is not in it
    secondary: str | None = None  # which facts rest only on secondary sources


@dataclass(frozen=True, kw_only=True)
class Referral:
    """One referral: a help line, service, platform or tool from the content files, or the
    law in a person's state (`StateEntry.referral`). The one place that says what a referral
    is: the loader builds these, the presenter translates them, the API sends `to_json()`,
    OpenAPI describes them with `json_schema()`, Babel's content extractor reads
    `TRANSLATABLE`, the CLI prints `line()`. Field order is the API's key order."""

    API_FIELDS: ClassVar[tuple[str, ...]]  # the API's keys, in order
    TRANSLATABLE: ClassVar[tuple[str, ...]]  # text shown to people: msgids, translated for display

    id: str = field(metadata=_API)
    kind: str = field(metadata=_API)  # resource | platform | state
    name: str = field(metadata=_TRANSLATED)
    description: str = field(metadata=_TRANSLATED)
    audience: str = field(metadata=_TRANSLATED)
    url: str | None = field(default=None, metadata=_API)
    phone: str | None = field(default=None, metadata=_API)
    # How to call where a phone menu matters, and how to text (a keyword, a short code): facts,
    # never translated; each language's block gives its own ("Envía AYUDA al 988").
    call: str | None = field(default=None, metadata=_API)
    text: str | None = field(default=None, metadata=_API)
    tty: str | None = field(default=None, metadata=_API)
    email: str | None = field(default=None, metadata=_API)
    hours: str | None = field(default=None, metadata=_TRANSLATED)
    how: str | None = field(default=None, metadata=_TRANSLATED)  # platforms: how to report in the app
    internal: bool = field(default=False, metadata=_API)  # a page of this app, not an outside site
    # What a person acts on (an address, a form, a menu's words) was not seen on the owner's own
    # page: the card says so (`secondary` says what was seen where).
    unconfirmed: bool = field(default=False, metadata=_API)
    # The language the service or page helps in, as far as verified: on a Spanish page a
    # service without verified Spanish help is "en" (shown as "en inglés"), never hidden.
    language: str = field(default="en", metadata={**_API, "enum": LANGUAGES})
    info_url: str | None = field(default=None, metadata=_API)  # a page in the reader's language about it
    sources: tuple[str, ...] = field(metadata=_API)
    reviewed: dt.date = field(metadata=_API)
    # Content only, not in the API:
    removal_request: str | None = None  # platforms: where a TAKE IT DOWN Act request goes
    where: tuple[str, ...] = ()  # platforms: the answers to "where" that bring it into a plan
    domains: tuple[str, ...] = ()  # platforms: the host names it is reached at
    secondary: str | None = None  # why only secondary sources back it (shown by `flow check`)
    es: LanguageHelp | None = None  # Spanish help, or the verified lack of it

    def help_in(self, lang: str) -> LanguageHelp | None:
        """This referral's block for a language other than English (None for English)."""
        return self.es if lang == "es" else None

    def in_language(self, lang: str, gettext: Callable[[str], str] | None = None) -> Referral:
        """The referral as a page in `lang` shows it: its text through `gettext`, then, outside
        English, the language block's address, texting keyword and instructions, its sources
        added and the older review date kept. Without a block an outside service is "en"."""
        shown = self.translated(gettext) if gettext else self
        if lang == "en":
            return shown
        block = self.help_in(lang)
        if block is None:
            return dataclasses.replace(shown, language=lang if self.internal else "en")
        changes = {name: getattr(block, name) for name in PER_LANGUAGE if getattr(block, name)}
        return dataclasses.replace(shown, **changes, language=block.language,
                                   sources=tuple(dict.fromkeys(self.sources + block.sources)),
                                   reviewed=min(self.reviewed, block.reviewed))

    def translated(self, gettext: Callable[[str], str]) -> Referral:
        """The same referral, its translatable text through `gettext`; empty optional text is None."""
        changes = {}
        for name in self.TRANSLATABLE:
            value = getattr(self, name)
            changes[name] = gettext(value) if value else (value if name in REQUIRED_FIELDS else None)
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict:
        """The API's referral object."""
        out = {}
        for name in self.API_FIELDS:
            value = getattr(self, name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            out[name] = value
        return out

    def line(self) -> str:
        """One line of plain text, for the CLI: name | phone | text | url."""
        return " | ".join([self.name] + [b for b in (self.phone, self.text, self.url) if b])

    @classmethod
    def json_schema(cls) -> dict:
        """The JSON schema of `to_json()`, from the fields' types: OpenAPI's `Referral`."""
        hints = typing.get_type_hints(cls)
        properties = {}
        for name in cls.API_FIELDS:
            args = typing.get_args(hints[name])
            if type(None) in args:  # `str | None`
                (inner,) = [a for a in args if a is not type(None)]
                properties[name] = {**_JSON_TYPES[inner], "type": [_JSON_TYPES[inner]["type"], "null"]}
            else:
                properties[name] = dict(_JSON_TYPES[hints[name]])
            enum = _FIELD_META[name].get("enum")
            if enum:
                properties[name]["enum"] = list(enum)
        return {"type": "object", "required": list(cls.API_FIELDS), "properties": properties}


# What a language block gives in place of the entry's own: facts and words written in that
# language (never translated through the catalog: `app/content/babel_extract.py` skips them).
PER_LANGUAGE = ("name", "url", "call", "text", "how", "info_url")
_FIELDS = dataclasses.fields(Referral)
_FIELD_META = {f.name: f.metadata for f in _FIELDS}
Referral.API_FIELDS = tuple(f.name for f in _FIELDS if f.metadata.get("api"))
Referral.TRANSLATABLE = tuple(f.name for f in _FIELDS if f.metadata.get("translatable"))
# What a resource or platform in the content files may set, and must.
# (`language` and `info_url` come from the per-language block, never the entry itself.)
ENTRY_FIELDS = frozenset(f.name for f in _FIELDS) - {"kind", "language", "info_url"}
REQUIRED_FIELDS = tuple(f.name for f in _FIELDS if f.name in ENTRY_FIELDS and
                  f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)


def _english(msgid: str, **params) -> str:
    return msgid % params if params else msgid


@dataclass(frozen=True)
class StateEntry:
    code: str
    name: str
    law: bool
    url: str
    sources: tuple[str, ...]
    reviewed: dt.date
    statute: str | None = None  # the citation, as the source writes it
    statute_url: str | None = None  # the official text of that statute, where one was seen
    secondary: str | None = None
    # The citation as Spanish pages show it, where it holds words ("(you can sue)", "for fakes"):
    # words beside a citation are per-language data, never translated through the catalog.
    statute_es: str | None = None

    @property
    def id(self) -> str:
        return self.code

    def statute_in(self, lang: str) -> str | None:
        return self.statute_es if lang == "es" and self.statute_es else self.statute

    def referral(self, gettext: Callable[..., str] = _english, lang: str = "en") -> Referral:
        """This state's `state-law` referral in `lang`, its text through `gettext`."""
        _ = gettext  # so that Babel finds the msgids below
        name = _(self.name)
        statute = self.statute_in(lang)
        if self.statute_url:
            description = _("%(state)s has a law against sharing intimate pictures without "
                            "consent: %(statute)s. The link opens the law.", state=name,
                            statute=statute)
        elif self.statute:
            description = _("%(state)s has a law against sharing intimate pictures without "
                            "consent: %(statute)s. The CCRI Safety Center links to each "
                            "state's law.", state=name, statute=statute)
        elif self.law:
            description = _("%(state)s has a law against sharing intimate pictures without "
                            "consent. All 50 states and DC have one. The CCRI Safety Center "
                            "links to each state's law.", state=name)
        else:
            description = _("We could not confirm a law for %(state)s. Federal law still "
                            "applies, and the CCRI Safety Center can help.", state=name)
        return Referral(id=STATE_LAW, kind="state", name=_("The law in %(state)s", state=name),
                        description=description, audience="", url=self.statute_url or self.url,
                        sources=self.sources, reviewed=self.reviewed)


@dataclass(frozen=True)
class Law:
    """A law the guide names: its citation and the official text."""

    id: str
    name: str
    cite: str
    url: str
    sources: tuple[str, ...]
    reviewed: dt.date
    secondary: str | None = None


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    sources: tuple[str, ...]
    reviewed: dt.date
    secondary: str | None = None
    description: str = ""  # the page's meta description: what a search result shows

    @property
    def id(self) -> str:
        return self.slug


@dataclass(frozen=True)
class SourcePolicy:
    """Where a fact may come from (`source-policy.toml`): the owner's own domain, an official site,
    or a named trusted organisation. A listed name covers its subdomains."""

    owner: frozenset[str] = frozenset()
    official: frozenset[str] = frozenset()
    official_suffixes: tuple[str, ...] = ()
    official_patterns: tuple[re.Pattern, ...] = ()
    trusted: Mapping[str, str] = field(default_factory=dict)  # host -> the organisation's name

    @staticmethod
    def _covered(host: str, names) -> str | None:
        return next((n for n in names if host == n or host.endswith("." + n)), None)

    def classify(self, url: str) -> str | None:
        """"owner", "official", "trusted", or None for a host in no class."""
        host = (urlsplit(url).hostname or "").lower()
        if self._covered(host, self.owner):
            return "owner"
        if host.endswith(self.official_suffixes) or any(p.search(host) for p in self.official_patterns) \
                or self._covered(host, self.official):
            return "official"
        return "trusted" if self._covered(host, self.trusted) else None

    def trusted_name(self, url: str) -> str | None:
        """The organisation behind a trusted secondary source, or None for any other."""
        if self.classify(url) != "trusted":
            return None
        return self.trusted[self._covered((urlsplit(url).hostname or "").lower(), self.trusted)]


@dataclass
class Directory:
    entries: dict[str, Referral] = field(default_factory=dict)
    states: dict[str, StateEntry] = field(default_factory=dict)
    guides: dict[str, Guide] = field(default_factory=dict)
    laws: dict[str, Law] = field(default_factory=dict)
    source_policy: SourcePolicy = field(default_factory=SourcePolicy)
    source_titles: dict[str, str] = field(default_factory=dict)  # a source's owner and title, as pages name it
    kit: KitBook | None = None  # the removal kit's operators, channels and hosts (load_kit)
    _facts_by_lang: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def platforms_by_where(self) -> dict[str, list[str]]:
        """Computed once, after loading: every plan request reads it."""
        out: dict[str, list[str]] = {}
        for entry in self.entries.values():
            for code in entry.where:
                out.setdefault(code, []).append(entry.id)
        return out

    @cached_property
    def facts(self) -> dict[str, str]:
        """Named facts that engine and template text fill in (`%(fbi_phone)s`), so that
        no phone number, address or citation is typed anywhere but the content data."""
        out: dict[str, str] = {}
        for entry in self.entries.values():
            key = entry.id.replace("-", "_")
            for fld in ("phone", "call", "text", "tty", "email", "url", "removal_request", "how"):
                value = getattr(entry, fld)
                if value:
                    out[f"{key}_{fld}"] = value
            if entry.url and not entry.internal:
                out[f"{key}_host"] = host_of(entry.url)
            out[f"{key}_name"] = entry.name
        for law in self.laws.values():
            key = law.id.replace("-", "_")
            out[f"{key}_cite"] = law.cite
            out[f"{key}_name"] = law.name
            out[f"{key}_url"] = law.url
        return out

    @cached_property
    def platform_domains(self) -> dict[str, str]:
        """Host name -> platform id, from each platform's `domains` (unique: see _check_domains)."""
        return {domain: p.id for p in self.platforms for domain in p.domains}

    @property
    def platforms(self) -> list[Referral]:
        return [e for e in self.entries.values() if e.kind == "platform"]

    def resolves(self, ref_id: str) -> bool:
        """Whether the engine may name this referral (`state-law` needs a state to become one)."""
        return ref_id == STATE_LAW or ref_id in self.entries

    def get(self, ref_id: str) -> Referral | None:
        return self.entries.get(ref_id)

    def referral(self, ref_id: str, state_code: str | None, gettext=None, lang: str = "en") -> Referral | None:
        """The referral an id names as a page in `lang` shows it, its text through `gettext`
        (English when None): an entry, or for `state-law` the law in the chosen state (None
        without one). See `Referral.in_language`."""
        if ref_id == STATE_LAW:
            state = self.state(state_code)
            if state is None:
                return None
            return (state.referral(gettext, lang) if gettext else state.referral(lang=lang)).in_language(lang)
        entry = self.get(ref_id)
        if entry is None:
            return None
        return entry.in_language(lang, gettext)

    def facts_in(self, lang: str) -> dict[str, str]:
        """`facts` for pages in `lang`: a referral's name, address, host, texting keyword and
        instructions from its language block where it has one (in Spanish `ftc_report_host` is
        the FTC's Spanish reporting site), plus `{id}_info_url`. English is `facts` itself."""
        if lang == "en":
            return self.facts
        if lang not in self._facts_by_lang:
            out = dict(self.facts)
            for entry in self.entries.values():
                block = entry.help_in(lang)
                if block is None:
                    continue
                key = entry.id.replace("-", "_")
                for fld in PER_LANGUAGE:
                    value = getattr(block, fld)
                    if value:
                        out[f"{key}_{fld}"] = value
                if block.url:
                    out[f"{key}_host"] = host_of(block.url)
            self._facts_by_lang[lang] = out
        return self._facts_by_lang[lang]

    def state(self, code: str | None) -> StateEntry | None:
        return self.states.get(code) if code else None

    def all_records(self):
        """Every entry with sources and a review date, language blocks too (for checks and docs)."""
        yield from self.entries.values()
        yield from (e.es for e in self.entries.values() if e.es)
        yield from self.states.values()
        yield from self.guides.values()
        yield from self.laws.values()
        if self.kit:
            yield from self.kit.records()


def host_of(url: str) -> str:
    """The host people recognise: `https://www.example.org/a` -> `example.org`."""
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host



def _fail(file: str, entry: str, fld: str, why: str) -> ContentError:
    return ContentError(f"{file}: entry {entry!r}, field {fld!r}: {why}")


def _check_url(file: str, entry: str, fld: str, value, internal: bool = False) -> None:
    if not isinstance(value, str):
        raise _fail(file, entry, fld, "must be text")
    if internal and value.startswith("/"):
        return
    if not value.startswith("https://"):
        raise _fail(file, entry, fld, "must be an https:// address")


def _check_sources(file: str, entry: str, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(file, entry, "sources", "needs at least one address")
    for src in value:
        # Sources are addresses we checked; some archives are plain http.
        if not isinstance(src, str) or not re.match(r"^https?://\S+$", src):
            raise _fail(file, entry, "sources", f"not an address: {src!r}")
    return tuple(value)


def _check_reviewed(file: str, entry: str, value) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise _fail(file, entry, "reviewed", "must be a date like 2026-11-24")
    return value


def _entry(file: str, kind: str, raw: dict) -> Referral:
    name = str(raw.get("id", "?"))
    for fld in REQUIRED_FIELDS:
        if fld not in raw or raw[fld] in ("", None):
            raise _fail(file, name, fld, "is missing")
    unknown = set(raw) - ENTRY_FIELDS
    if unknown:
        raise _fail(file, name, sorted(unknown)[0], "is not a known field")
    if not ID_RE.match(raw["id"]):
        raise _fail(file, name, "id", "use lower-case letters, digits and dashes")
    for fld in ("name", "description", "audience", "call", "text", "tty", "hours", "how", "email", "secondary"):
        if fld in raw and not isinstance(raw[fld], str):
            raise _fail(file, name, fld, "must be text")
    internal = raw.get("internal", False)
    for fld in ("internal", "unconfirmed"):
        if not isinstance(raw.get(fld, False), bool):
            raise _fail(file, name, fld, "must be true or false")
    if raw.get("unconfirmed") and not raw.get("secondary"):
        raise _fail(file, name, "secondary", "say what was seen, and where, for an unconfirmed entry")
    if "url" in raw:
        _check_url(file, name, "url", raw["url"], internal)
    if "removal_request" in raw:
        _check_url(file, name, "removal_request", raw["removal_request"])
    for fld in ("phone", "tty"):
        if fld in raw and not PHONE_RE.match(raw[fld]):
            raise _fail(file, name, fld, "write numbers as 1-800-555-0100 (or 911, 988)")
    if "email" in raw and not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", raw["email"]):
        raise _fail(file, name, "email", "not an email address")
    where = raw.get("where", [])
    if kind == "platform":
        valid = set(flow.QUESTION_BY_ID["where"].codes)
        if not where or not isinstance(where, list) or not set(where) <= valid:
            raise _fail(file, name, "where", f"list one or more of {sorted(valid)}")
        if "url" not in raw and "how" not in raw:
            raise _fail(file, name, "how", "a platform without a url needs in-app guidance")
        domains = raw.get("domains")
        if not isinstance(domains, list) or not domains or \
                not all(isinstance(d, str) and DOMAIN_RE.match(d) for d in domains):
            raise _fail(file, name, "domains", "list the host names it is reached at, like \"example.com\"")
    elif where or "domains" in raw:
        raise _fail(file, name, "where" if where else "domains", "only platforms have this field")
    es = _language_help(file, f"{name}.es", raw["es"]) if "es" in raw else None
    # How to call or text is a fact of its language: a block in another language gives its own.
    for fld in ("call", "text"):
        if raw.get(fld) and es is not None and es.language != "en" and not getattr(es, fld):
            raise _fail(file, f"{name}.es", fld, f"say it for this language (how to {fld} is a fact, "
                        "never a translation)")
    return Referral(
        id=raw["id"], kind=kind, name=raw["name"], description=raw["description"],
        audience=raw["audience"], sources=_check_sources(file, name, raw["sources"]),
        reviewed=_check_reviewed(file, name, raw["reviewed"]), url=raw.get("url"),
        phone=raw.get("phone"), call=raw.get("call"), text=raw.get("text"), tty=raw.get("tty"),
        email=raw.get("email"), hours=raw.get("hours"), how=raw.get("how"),
        internal=internal, unconfirmed=raw.get("unconfirmed", False), where=tuple(where),
        removal_request=raw.get("removal_request"),
        domains=tuple(raw.get("domains", ())), secondary=raw.get("secondary"), es=es,
    )


_HELP_FIELDS = frozenset(f.name for f in dataclasses.fields(LanguageHelp)) - {"id"}


def _language_help(file: str, name: str, raw) -> LanguageHelp:
    """A referral's block for one language (`es = {...}`): every fact in it sourced and dated."""
    if not isinstance(raw, dict):
        raise _fail(file, name, "es", "must be a table, like es = { language = \"es\", ... }")
    for fld in ("language", "verified", "sources", "reviewed"):
        if fld not in raw or raw[fld] in ("", None, []):
            raise _fail(file, name, fld, "is missing")
    unknown = set(raw) - _HELP_FIELDS
    if unknown:
        raise _fail(file, name, sorted(unknown)[0], "is not a known field")
    if raw["language"] not in LANGUAGES:
        raise _fail(file, name, "language", f"must be one of {list(LANGUAGES)}")
    if raw["verified"] not in VERIFIED:
        raise _fail(file, name, "verified", f"must be one of {list(VERIFIED)}")
    for fld in ("name", "call", "text", "how", "secondary"):
        if fld in raw and not isinstance(raw[fld], str):
            raise _fail(file, name, fld, "must be text")
    for fld in ("url", "info_url"):
        if fld in raw:
            _check_url(file, name, fld, raw[fld])
    if raw["verified"] == "secondary" and not raw.get("secondary"):
        raise _fail(file, name, "secondary", "say which facts rest only on secondary sources")
    if raw["verified"] == "not-found" and raw["language"] != "en":
        raise _fail(file, name, "language", "help that was not found is \"en\"")
    if raw["language"] != "en" and not any(raw.get(f) for f in ("url", "text", "how")):
        raise _fail(file, name, "how", "say where or how the help in this language is reached")
    return LanguageHelp(
        id=name, language=raw["language"], verified=raw["verified"],
        sources=_check_sources(file, name, raw["sources"]), reviewed=_check_reviewed(file, name, raw["reviewed"]),
        name=raw.get("name"), url=raw.get("url"), call=raw.get("call"), text=raw.get("text"), how=raw.get("how"),
        info_url=raw.get("info_url"), secondary=raw.get("secondary"),
    )


def _state(file: str, raw: dict) -> StateEntry:
    code = str(raw.get("code", "?"))
    for fld in ("code", "name", "law", "url", "sources", "reviewed"):
        if fld not in raw:
            raise _fail(file, code, fld, "is missing")
    unknown = set(raw) - {"code", "name", "law", "url", "sources", "reviewed", "statute", "statute_url",
                          "secondary", "statute_es"}
    if unknown:
        raise _fail(file, code, sorted(unknown)[0], "is not a known field")
    if "statute" in raw and not raw["law"]:
        raise _fail(file, code, "statute", "a statute means law = true")
    if "statute_es" in raw and "statute" not in raw:
        raise _fail(file, code, "statute_es", "give the citation (`statute`) too")
    if re.search(r"\b[a-záéíóúñ]{2,}\b", raw.get("statute", "")) and not raw.get("statute_es"):
        raise _fail(file, code, "statute_es", "the citation holds words: write how Spanish pages show it")
    if "statute_url" in raw:
        if "statute" not in raw:
            raise _fail(file, code, "statute_url", "give the statute's citation too")
        _check_url(file, code, "statute_url", raw["statute_url"])
    if code not in flow.STATE_CODES:
        raise _fail(file, code, "code", "not a USPS state, DC or territory code")
    if not isinstance(raw["law"], bool):
        raise _fail(file, code, "law", "must be true or false")
    _check_url(file, code, "url", raw["url"])
    return StateEntry(
        code=code, name=raw["name"], law=raw["law"], url=raw["url"],
        sources=_check_sources(file, code, raw["sources"]),
        reviewed=_check_reviewed(file, code, raw["reviewed"]), statute=raw.get("statute"),
        statute_url=raw.get("statute_url"), secondary=raw.get("secondary"), statute_es=raw.get("statute_es"),
    )


def _law(file: str, raw: dict) -> Law:
    name = str(raw.get("id", "?"))
    fields = ("id", "name", "cite", "url", "sources", "reviewed")
    for fld in fields:
        if fld not in raw or raw[fld] in ("", None):
            raise _fail(file, name, fld, "is missing")
    unknown = set(raw) - {*fields, "secondary"}
    if unknown:
        raise _fail(file, name, sorted(unknown)[0], "is not a known field")
    if not ID_RE.match(raw["id"]):
        raise _fail(file, name, "id", "use lower-case letters, digits and dashes")
    _check_url(file, name, "url", raw["url"])
    return Law(id=raw["id"], name=raw["name"], cite=raw["cite"], url=raw["url"],
               sources=_check_sources(file, name, raw["sources"]),
               reviewed=_check_reviewed(file, name, raw["reviewed"]), secondary=raw.get("secondary"))


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{path.name}: cannot be read: {exc}") from exc


def load(content_dir: Path = CONTENT_DIR) -> Directory:
    """Load and validate every content file; raise ContentError on the first problem."""
    directory = Directory()
    for file, table, kind in (("resources.toml", "resource", "resource"),
                              ("platforms.toml", "platform", "platform")):
        for raw in _read(content_dir / file).get(table, []):
            entry = _entry(file, kind, raw)
            if entry.id in directory.entries or entry.id == STATE_LAW:
                raise _fail(file, entry.id, "id", "is used twice")
            directory.entries[entry.id] = entry
    for raw in _read(content_dir / "states.toml").get("state", []):
        state = _state("states.toml", raw)
        if state.code in directory.states:
            raise _fail("states.toml", state.code, "code", "is used twice")
        directory.states[state.code] = state
    missing_states = set(flow.STATE_CODES) - set(directory.states)
    if missing_states:
        raise ContentError(f"states.toml: no entry for {sorted(missing_states)}")
    for raw in _read(content_dir / "guides.toml").get("guide", []):
        slug = str(raw.get("slug", "?"))
        for fld in ("slug", "title", "sources", "reviewed"):
            if fld not in raw:
                raise _fail("guides.toml", slug, fld, "is missing")
        directory.guides[slug] = Guide(slug, raw["title"], _check_sources("guides.toml", slug, raw["sources"]),
                                       _check_reviewed("guides.toml", slug, raw["reviewed"]),
                                       raw.get("secondary"), str(raw.get("description", "")))
    for raw in _read(content_dir / "laws.toml").get("law", []):
        law = _law("laws.toml", raw)
        if law.id in directory.laws:
            raise _fail("laws.toml", law.id, "id", "is used twice")
        directory.laws[law.id] = law
    for step in flow.STEPS:
        if step.guide not in directory.guides:
            raise ContentError(f"step {step.id!r} links guide {step.guide!r}, which guides.toml lacks")
    # Every referral the engine can name must exist, and every fact its text names.
    for step in flow.STEPS:
        for ref in step.referrals:
            if not directory.resolves(ref.id):
                raise ContentError(f"step {step.id!r} names referral {ref.id!r}, which no content file has")
        for line in step.lines:
            for text in line.text.msgids:
                try:
                    text % directory.facts
                except (KeyError, ValueError) as exc:
                    raise ContentError(f"step {step.id!r}: the text {text[:40]!r}... names an unknown "
                                       f"fact {exc}; facts come from the content files") from None
    _check_domains(directory)
    directory.kit = load_kit(content_dir, directory)
    directory.source_policy = _source_policy(_read(content_dir / "source-policy.toml"))
    directory.source_titles = _read(content_dir / "source-titles.toml")
    for guide in directory.guides.values():  # pages name each source in words, never as a bare address
        for src in guide.sources:
            if not isinstance(directory.source_titles.get(src), str):
                raise _fail("source-titles.toml", guide.slug, "sources", f"name this source (its owner and title): {src}")
    return directory


def _source_policy(raw: dict) -> SourcePolicy:
    file = "source-policy.toml"
    try:
        official = raw.get("official", {})
        return SourcePolicy(
            owner=frozenset(raw["owner"]["hosts"]), official=frozenset(official.get("hosts", ())),
            official_suffixes=tuple(official.get("suffixes", ())),
            official_patterns=tuple(re.compile(p) for p in official.get("patterns", ())),
            trusted=dict(raw["trusted"]["hosts"]))
    except (KeyError, TypeError, re.error) as exc:
        raise ContentError(f"{file}: needs [owner] hosts, [official] and [trusted.hosts] ({exc})") from None


def _check_domains(directory: Directory) -> None:
    seen: dict[str, str] = {}
    for platform in directory.platforms:
        for domain in platform.domains:
            if domain in seen:
                raise _fail("platforms.toml", platform.id, "domains", f"{domain} is also {seen[domain]}'s")
            seen[domain] = platform.id


# -- The removal kit's channels and hosts (removal-channels.toml, platform-hosts.toml) ------------
# Plain data for app/removal_kit, which reads these records by their attributes (it imports
# nothing of ours). Each record has sources and a review date like every other entry, so
# `flow check` and the source-policy test cover it.

KIT_CHANNEL_KINDS = ("tida_form", "ncii_form", "search_form", "in_app", "email", "dmca_agent", "host_abuse")
KIT_DEPICTIONS = ("real", "altered", "ai")
KIT_AGES = ("adult", "minor")
KIT_FIELDS = ("page_url", "image_url", "results_url")
# What to look for on a page when the form's own address was not seen: codes the web words.
KIT_LOOK_FOR = ("report_menu", "report_form_link", "ncii_form_link", "privacy_complaint_link",
                "content_removal_link", "removal_request_link", "abuse_form_link",
                "registrar_abuse_contact", "dmca_agent_search")
KIT_PROVIDERS = ("cloudflare",)
HOSTING = "hosting"  # the operator whose channels are the next step for any site


@dataclass(frozen=True, kw_only=True)
class KitChannel:
    """One way an operator takes removal requests."""

    id: str  # "x.1": operator and place in its list, for checks and messages
    operator: str
    kind: str
    sources: tuple[str, ...]
    reviewed: dt.date
    url: str | None = None  # the form itself, seen on the owner's page
    help_url: str | None = None  # the owner's page that leads to it
    look_for: str | None = None
    label: str | None = None  # the owner's words for the option (English, quoted)
    label_minor: str | None = None  # the same for pictures of someone under 18
    email: str | None = None
    depictions: tuple[str, ...] = KIT_DEPICTIONS
    ages: tuple[str, ...] = KIT_AGES
    fields: tuple[str, ...] = ()
    promise_hours: int | None = None
    one_per_item: bool = False
    provider: str | None = None  # a host_abuse channel for sites behind this provider only
    unconfirmed: bool = False
    secondary: str | None = None


@dataclass(frozen=True, kw_only=True)
class KitOperator:
    """Who runs a place, for the kit: a platform of platforms.toml or an operator only the kit knows."""

    id: str
    channels: tuple[KitChannel, ...]
    sources: tuple[str, ...]
    reviewed: dt.date
    covered: bool = False  # its own page says it takes TAKE IT DOWN Act requests within 48 hours
    label: str | None = None  # a name, for operators that are not platforms (never translated)
    domains: tuple[str, ...] = ()
    results: tuple[str, ...] = ()  # "host/path" prefixes of its search results pages
    secondary: str | None = None


@dataclass(frozen=True, kw_only=True)
class HostGroup:
    """Hosts (CDNs, short links) that serve an operator's pictures and links."""

    id: str  # "hosts:x"
    operator: str
    domains: tuple[str, ...]
    sources: tuple[str, ...]
    reviewed: dt.date
    unconfirmed: bool = False
    secondary: str | None = None


@dataclass(frozen=True, kw_only=True)
class CoveredDefinition:
    """Whom the Act's 48 hours bind, and how sure we are of the definition."""

    id: str
    sources: tuple[str, ...]
    reviewed: dt.date
    unconfirmed: bool = False
    secondary: str | None = None


@dataclass(frozen=True)
class KitBook:
    """Everything the removal kit's engine routes by."""

    operators: Mapping[str, KitOperator]
    hosts: tuple[HostGroup, ...]
    covered_platform: CoveredDefinition
    platform_domains: Mapping[str, str]  # from platforms.toml

    @cached_property
    def domains(self) -> dict[str, str]:
        """Host name -> operator id: platforms' domains, kit operators' domains and their hosts."""
        out = dict(self.platform_domains)
        for operator in self.operators.values():
            out.update(dict.fromkeys(operator.domains, operator.id))
        for group in self.hosts:
            out.update(dict.fromkeys(group.domains, group.operator))
        return out

    @cached_property
    def results(self) -> tuple[tuple[str, str, str], ...]:
        """(host, path prefix, operator id) of every search results page."""
        out = []
        for operator in self.operators.values():
            for prefix in operator.results:
                host, _, path = prefix.partition("/")
                out.append((host, "/" + path, operator.id))
        return tuple(out)

    @property
    def hosting(self) -> KitOperator:
        return self.operators[HOSTING]

    def records(self):
        yield self.covered_platform
        for operator in self.operators.values():
            yield operator
            yield from operator.channels
        yield from self.hosts


_KIT_CHANNEL_FIELDS = frozenset(f.name for f in dataclasses.fields(KitChannel)) - {"id", "operator"}
_KIT_OPERATOR_FIELDS = frozenset(f.name for f in dataclasses.fields(KitOperator)) | {"channel"}


def _codes(file: str, entry: str, fld: str, value, allowed) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not set(value) <= set(allowed) or len(set(value)) < len(value):
        raise _fail(file, entry, fld, f"list one or more of {list(allowed)}, each once")
    return tuple(value)


def _unconfirmed(file: str, entry: str, raw: dict) -> bool:
    value = raw.get("unconfirmed", False)
    if not isinstance(value, bool):
        raise _fail(file, entry, "unconfirmed", "must be true or false")
    if value and not raw.get("secondary"):
        raise _fail(file, entry, "secondary", "say what was seen, and where, for an unconfirmed entry")
    return value


def _kit_channel(file: str, operator: str, number: int, raw) -> KitChannel:
    name = f"{operator}.{number}"
    if not isinstance(raw, dict):
        raise _fail(file, name, "channel", "must be a table")
    unknown = set(raw) - _KIT_CHANNEL_FIELDS
    if unknown:
        raise _fail(file, name, sorted(unknown)[0], "is not a known field")
    if raw.get("kind") not in KIT_CHANNEL_KINDS:
        raise _fail(file, name, "kind", f"must be one of {list(KIT_CHANNEL_KINDS)}")
    for fld in ("url", "help_url"):
        if fld in raw:
            _check_url(file, name, fld, raw[fld])
    for fld in ("label", "label_minor", "secondary"):
        if fld in raw and not isinstance(raw[fld], str):
            raise _fail(file, name, fld, "must be text")
    if "look_for" in raw and raw["look_for"] not in KIT_LOOK_FOR:
        raise _fail(file, name, "look_for", f"must be one of {list(KIT_LOOK_FOR)}")
    if "provider" in raw and raw["provider"] not in KIT_PROVIDERS:
        raise _fail(file, name, "provider", f"must be one of {list(KIT_PROVIDERS)}")
    if "email" in raw and not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", str(raw["email"])):
        raise _fail(file, name, "email", "not an email address")
    # Never a guessed form: the form's address, an email, or the owner's page with what to look for.
    if not raw.get("url") and not raw.get("email") and not raw.get("look_for"):
        raise _fail(file, name, "look_for", "without the form's own address, say what to look for")
    hours = raw.get("promise_hours")
    if hours is not None and (not isinstance(hours, int) or isinstance(hours, bool) or hours <= 0):
        raise _fail(file, name, "promise_hours", "a number of hours, as the owner's page promises")
    if not isinstance(raw.get("one_per_item", False), bool):
        raise _fail(file, name, "one_per_item", "must be true or false")
    return KitChannel(
        id=name, operator=operator, kind=raw["kind"], url=raw.get("url"), help_url=raw.get("help_url"),
        look_for=raw.get("look_for"), label=raw.get("label"), label_minor=raw.get("label_minor"),
        email=raw.get("email"), promise_hours=hours, one_per_item=raw.get("one_per_item", False),
        provider=raw.get("provider"),
        depictions=_codes(file, name, "depictions", raw["depictions"], KIT_DEPICTIONS) if "depictions" in raw
        else KIT_DEPICTIONS,
        ages=_codes(file, name, "ages", raw["ages"], KIT_AGES) if "ages" in raw else KIT_AGES,
        fields=_codes(file, name, "fields", raw["fields"], KIT_FIELDS) if "fields" in raw else (),
        unconfirmed=_unconfirmed(file, name, raw), secondary=raw.get("secondary"),
        sources=_check_sources(file, name, raw.get("sources")),
        reviewed=_check_reviewed(file, name, raw.get("reviewed")),
    )


def _kit_operator(file: str, raw, platforms: Mapping[str, Referral]) -> KitOperator:
    name = str(raw.get("id", "?")) if isinstance(raw, dict) else "?"
    if not isinstance(raw, dict) or not ID_RE.match(name):
        raise _fail(file, name, "id", "use lower-case letters, digits and dashes")
    unknown = set(raw) - _KIT_OPERATOR_FIELDS
    if unknown:
        raise _fail(file, name, sorted(unknown)[0], "is not a known field")
    platform = name in platforms
    if not platform and not isinstance(raw.get("label"), str):
        raise _fail(file, name, "label", "an operator that is not a platform of platforms.toml needs its name")
    if platform and ("label" in raw or "domains" in raw):
        raise _fail(file, name, "label" if "label" in raw else "domains", "a platform's name and domains are in "
                    "platforms.toml")
    domains = raw.get("domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) and DOMAIN_RE.match(d) for d in domains):
        raise _fail(file, name, "domains", "list host names, like \"example.com\"")
    results = raw.get("results", [])
    if not isinstance(results, list) or not all(isinstance(r, str) and "/" in r and DOMAIN_RE.match(r.split("/")[0])
                                                for r in results):
        raise _fail(file, name, "results", "list results pages as host/path, like \"example.com/search\"")
    if not isinstance(raw.get("covered", False), bool):
        raise _fail(file, name, "covered", "must be true or false")
    channels = raw.get("channel", [])
    if not isinstance(channels, list) or not channels:
        raise _fail(file, name, "channel", "list at least one channel")
    parsed = tuple(_kit_channel(file, name, n, c) for n, c in enumerate(channels, 1))
    if raw.get("covered") and not any(c.kind == "tida_form" and c.promise_hours == 48 for c in parsed):
        raise _fail(file, name, "covered", "only an operator whose own TAKE IT DOWN Act form promises 48 hours")
    return KitOperator(
        id=name, channels=parsed, covered=raw.get("covered", False), label=raw.get("label"),
        domains=tuple(domains), results=tuple(results), secondary=raw.get("secondary"),
        sources=_check_sources(file, name, raw.get("sources")), reviewed=_check_reviewed(file, name, raw.get("reviewed")),
    )


def _host_group(file: str, raw, operators: Mapping[str, KitOperator]) -> HostGroup:
    name = f"hosts:{raw.get('operator', '?')}" if isinstance(raw, dict) else "hosts:?"
    if not isinstance(raw, dict):
        raise _fail(file, name, "hosts", "must be a table")
    unknown = set(raw) - {"operator", "domains", "sources", "reviewed", "unconfirmed", "secondary"}
    if unknown:
        raise _fail(file, name, sorted(unknown)[0], "is not a known field")
    if raw.get("operator") not in operators:
        raise _fail(file, name, "operator", "name an operator of removal-channels.toml")
    domains = raw.get("domains")
    if not isinstance(domains, list) or not domains or not all(isinstance(d, str) and DOMAIN_RE.match(d) for d in domains):
        raise _fail(file, name, "domains", "list host names, like \"example.com\"")
    return HostGroup(id=name, operator=raw["operator"], domains=tuple(domains),
                     unconfirmed=_unconfirmed(file, name, raw), secondary=raw.get("secondary"),
                     sources=_check_sources(file, name, raw.get("sources")),
                     reviewed=_check_reviewed(file, name, raw.get("reviewed")))


def load_kit(content_dir: Path, directory: Directory) -> KitBook:
    """The kit's operators, channels and hosts, checked against the directory's platforms."""
    file = "removal-channels.toml"
    raw = _read(content_dir / file)
    platforms = {p.id: p for p in directory.platforms}
    operators: dict[str, KitOperator] = {}
    for entry in raw.get("operator", []):
        operator = _kit_operator(file, entry, platforms)
        if operator.id in operators:
            raise _fail(file, operator.id, "id", "is used twice")
        operators[operator.id] = operator
    # A platform whose channels are not researched yet still gets a request: the kit's own letter,
    # sent through what the platform's entry gives (`flask flow check` names each one).
    for pid in sorted(set(platforms) - set(operators)):
        operators[pid] = KitOperator(id=pid, channels=(), sources=platforms[pid].sources,
                                     reviewed=platforms[pid].reviewed)
    if HOSTING not in operators or not any(c.kind == "dmca_agent" for c in operators[HOSTING].channels):
        raise _fail(file, HOSTING, "channel", "the next steps for any site (host abuse, DMCA agents) are needed")
    covered_raw = raw.get("covered_platform")
    if not isinstance(covered_raw, dict):
        raise _fail(file, "covered_platform", "covered_platform", "say whom the Act's 48 hours bind, with sources")
    covered = CoveredDefinition(id="covered_platform", unconfirmed=_unconfirmed(file, "covered_platform", covered_raw),
                                secondary=covered_raw.get("secondary"),
                                sources=_check_sources(file, "covered_platform", covered_raw.get("sources")),
                                reviewed=_check_reviewed(file, "covered_platform", covered_raw.get("reviewed")))
    hosts_file = "platform-hosts.toml"
    hosts = tuple(_host_group(hosts_file, h, operators) for h in _read(content_dir / hosts_file).get("hosts", []))
    book = KitBook(operators=operators, hosts=hosts, covered_platform=covered,
                   platform_domains=directory.platform_domains)
    seen: dict[str, str] = dict(directory.platform_domains)  # one owner per host name
    for owner, domains in [(o.id, o.domains) for o in operators.values()] + [(h.id, h.domains) for h in hosts]:
        for domain in domains:
            if domain in seen:
                raise _fail(hosts_file if owner.startswith("hosts:") else file, owner, "domains",
                            f"{domain} is also {seen[domain]}'s")
            seen[domain] = owner
    return book
