"""Organisations' own contacts: what a site that embeds the guide adds beside the national lines.

The operator gives a TOML file (HELP_LOCAL_CONTACTS, docs/embedding.md "Local contacts"); it is
read and validated once at start-up, and a problem stops start-up with a message naming the
file, site, language and field, as the content data does (app/directory.py). Per site id (one
of HELP_EMBED_SITES) and per language, the organisation's name and a few contacts, each with
the sources it was checked against and the date it was reviewed:

    [uni.en]
    organisation = "Example University"
    [[uni.en.contact]]
    name = "Counselling Service"
    phone = "555-010-0100"
    text = "555-010-0199"
    hours = "Monday to Friday, 9 am to 5 pm"
    url = "https://www.uni.example/counselling"
    sources = ["https://www.uni.example/counselling"]
    reviewed = 2026-12-01

The widget's pages for that site show them in the help strip and at the top of the plan's
"Talk to someone" step, marked as the organisation's, after 911, 988 and the national lines,
which they never replace. A language without its own block shows the English one, marked as
in English. A contact reviewed more than a year ago is left out (and said so in the log at
start-up): the national lines stay. Plain Python: no Flask.

Also here: the few colours the loader's "Get help" button may take (data-color), each with
white text at a contrast ratio of at least 4.5:1 and at least 3:1 against a white page.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

MAX_CONTACTS = 3  # per site and language: a few lines beside the national ones, not a directory
MAX_TEXT = 80  # characters in a name, an organisation or hours: one short line
REVIEW_WARN_DAYS = 183
REVIEW_DROP_DAYS = 365
NUMBER_RE = re.compile(r"^\+?[0-9](?:[0-9 .()-]{0,18}[0-9])?$")
CONTACT_FIELDS = {"name", "phone", "text", "hours", "url", "sources", "reviewed"}

# The "Get help" button's colours (data-color="green"), white text on each. The first is the default.
# Red is left out on purpose: it is the quick exit's colour.
BUTTON_COLOURS = {
    "blue": "#1d4e89",
    "green": "#00703c",
    "purple": "#4c2c92",
    "teal": "#00535a",
    "magenta": "#8a1b61",
    "black": "#0b0c0c",
}


class LocalContactsError(ValueError):
    """An invalid local contacts file; the message names the file, site, language and field."""


@dataclass(frozen=True)
class Contact:
    name: str
    sources: tuple[str, ...]
    reviewed: dt.date
    phone: str | None = None
    text: str | None = None  # a number to text
    hours: str | None = None
    url: str | None = None

    @property
    def phone_tel(self) -> str | None:
        return _dial("tel:", self.phone)

    @property
    def text_sms(self) -> str | None:
        return _dial("sms:", self.text)

    @property
    def site(self) -> str | None:
        """The host people recognise, as the referral cards show it."""
        if not self.url:
            return None
        host = urlsplit(self.url).hostname or ""
        return host[4:] if host.startswith("www.") else host


@dataclass(frozen=True)
class LocalHelp:
    """One site's contacts as a page in one language shows them. `language` is the language
    they are written in: the page's, or "en" where the site has no block in the page's language."""

    site: str
    language: str
    organisation: str
    contacts: tuple[Contact, ...]


@dataclass(frozen=True)
class LocalContacts:
    blocks: dict[tuple[str, str], LocalHelp]  # (site, language) -> its block
    warnings: tuple[str, ...] = ()  # for the start-up log: old reviews, contacts left out

    def for_page(self, site: str | None, lang: str) -> LocalHelp | None:
        if not site:
            return None
        return self.blocks.get((site, lang)) or self.blocks.get((site, "en"))


NONE = LocalContacts(blocks={})
KEY = "help.local_contacts"  # where the app keeps the loaded file (app.extensions)


def _dial(scheme: str, number: str | None) -> str | None:
    return scheme + re.sub(r"[^0-9+]", "", number) if number else None


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


for _name, _colour in BUTTON_COLOURS.items():  # a colour added here that fails stops the import
    if contrast("#ffffff", _colour) < 4.5:
        raise LocalContactsError(f"button colour {_name} {_colour}: white text on it is under 4.5:1")


def load(path: str | Path | None, sites: dict[str, tuple[str, ...]], languages: tuple[str, ...],
         today: dt.date | None = None) -> LocalContacts:
    """Read and validate the file at `path` (None or empty: no local contacts). `sites` are the
    configured embed sites (HELP_EMBED_SITES), `languages` the guide's, English first."""
    if not path:
        return NONE
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LocalContactsError(f"{path}: cannot be read: {exc}") from exc
    today = today or dt.date.today()
    blocks: dict[tuple[str, str], LocalHelp] = {}
    warnings: list[str] = []
    for site, by_language in raw.items():
        where = f"{path.name}: site {site!r}"
        if site not in sites:
            raise LocalContactsError(f"{where}: not a site in HELP_EMBED_SITES ({', '.join(sorted(sites)) or 'none'})")
        if not isinstance(by_language, dict) or not by_language:
            raise LocalContactsError(f"{where}: give a table per language, like [{site}.en]")
        for lang, block in by_language.items():
            if lang not in languages:
                raise LocalContactsError(f"{where}: {lang!r} is not one of the guide's languages {list(languages)}")
            shown = _block(f"{where}, language {lang!r}", site, lang, block, today, warnings)
            if shown:
                blocks[(site, lang)] = shown
    return LocalContacts(blocks=blocks, warnings=tuple(warnings))


def _block(where: str, site: str, lang: str, block, today: dt.date, warnings: list[str]) -> LocalHelp | None:
    if not isinstance(block, dict):
        raise LocalContactsError(f"{where}: must be a table")
    extra = set(block) - {"organisation", "contact"}
    if extra:
        raise LocalContactsError(f"{where}: unknown field(s) {sorted(extra)} (organisation, contact)")
    organisation = _short(where, "organisation", block.get("organisation"), required=True)
    contacts = block.get("contact")
    if not isinstance(contacts, list) or not contacts:
        raise LocalContactsError(f"{where}: needs at least one [[{site}.{lang}.contact]]")
    if len(contacts) > MAX_CONTACTS:
        raise LocalContactsError(f"{where}: {len(contacts)} contacts; at most {MAX_CONTACTS} per site and language")
    kept = []
    for number, raw in enumerate(contacts, 1):
        contact = _contact(f"{where}, contact {number}", raw, today)
        age = (today - contact.reviewed).days
        if age > REVIEW_DROP_DAYS:
            warnings.append(f"{where}, contact {number} ({contact.name}): reviewed {contact.reviewed}, over "
                            f"{REVIEW_DROP_DAYS} days ago: not shown until it is reviewed again")
            continue
        if age > REVIEW_WARN_DAYS:
            warnings.append(f"{where}, contact {number} ({contact.name}): reviewed {contact.reviewed}; "
                            f"review it before {contact.reviewed + dt.timedelta(days=REVIEW_DROP_DAYS)}")
        kept.append(contact)
    return LocalHelp(site=site, language=lang, organisation=organisation, contacts=tuple(kept)) if kept else None


def _short(where: str, name: str, value, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT or "\n" in value:
        raise LocalContactsError(f"{where}, field {name!r}: must be one line of text, at most {MAX_TEXT} characters")
    return value.strip()


def _number(where: str, name: str, value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not NUMBER_RE.match(value) or sum(c.isdigit() for c in value) < 3:
        raise LocalContactsError(f"{where}, field {name!r}: must be a number as people dial it, like 555-010-0100")
    return value


def _contact(where: str, raw, today: dt.date) -> Contact:
    if not isinstance(raw, dict):
        raise LocalContactsError(f"{where}: must be a table")
    extra = set(raw) - CONTACT_FIELDS
    if extra:
        raise LocalContactsError(f"{where}: unknown field(s) {sorted(extra)} ({', '.join(sorted(CONTACT_FIELDS))})")
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or not re.match(r"^https://[^\s/]+\S*$", url)):
        raise LocalContactsError(f"{where}, field 'url': must be an https:// address")
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources or not all(
            isinstance(s, str) and re.match(r"^https?://\S+$", s) for s in sources):
        raise LocalContactsError(f"{where}, field 'sources': the addresses this contact was checked against (at least one)")
    reviewed = raw.get("reviewed")
    if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
        raise LocalContactsError(f"{where}, field 'reviewed': the date it was last checked, like 2026-12-01")
    if reviewed > today:
        raise LocalContactsError(f"{where}, field 'reviewed': {reviewed} is in the future")
    contact = Contact(name=_short(where, "name", raw.get("name"), required=True), phone=_number(where, "phone", raw.get("phone")),
                      text=_number(where, "text", raw.get("text")), hours=_short(where, "hours", raw.get("hours")),
                      url=url, sources=tuple(sources), reviewed=reviewed)
    if not (contact.phone or contact.text or contact.url):
        raise LocalContactsError(f"{where}: give at least one way to reach it: phone, text or url")
    return contact
