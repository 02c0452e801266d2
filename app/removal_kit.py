"""The removal kit's plain logic: group the places a person lists by who runs them,
date each request, and write the checklist as CSV. Plain Python (no Flask).

A location is text. It is never fetched or followed: only its host name is read,
to find the operator.

- A line with a web address (`https://example.com/p/1`, `EXAMPLE.COM/@name`,
  `www.example.org:8080/a`) belongs to the directory platform whose `domains`
  list its host or a parent of it (a platform's mobile subdomain is the
  platform's); any other site is grouped by its host name, without `www.`.
- A line without a web address (`@name`, `post 12345`) cannot be placed: it
  goes to one "place not clear" group, which the kit asks the person to check.
  Writing it with the site's address (`example.com/@name`) places it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MAX_LOCATIONS = 50  # one kit; more can go in a second kit
RESPOND_DAYS = 2  # the Act's 48 hours, shown as the day after next

PLATFORM, SITE, UNCLEAR = "platform", "site", "unclear"

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
# A bare address: a host with a dot and a top-level name, then a path, port or nothing.
_BARE = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,63}\.?(?::\d*)?(?:[/?#]|$)", re.I)
_HOST = re.compile(r"^(?:[\w-]+\.)+[\w-]{2,63}$|^\d{1,3}(?:\.\d{1,3}){3}$")


def location_host(line: str) -> str | None:
    """The host name a location names, in lower case without `www.`; None if it names none."""
    text = line.strip()
    if not _SCHEME.match(text):
        if not _BARE.match(text):
            return None
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:  # a broken address, like "http://[::1"
        return None
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host if _HOST.match(host) else None


@dataclass
class Group:
    """One request: an operator and its own locations."""

    kind: str  # platform | site | unclear
    key: str  # platform id, host name, or "" when unclear
    locations: list[str] = field(default_factory=list)


def platform_for(host: str, domains: dict[str, str]) -> str | None:
    """The platform id whose domain is `host` or a parent of it (never a lookalike)."""
    labels = host.split(".")
    for i in range(len(labels) - 1):
        platform = domains.get(".".join(labels[i:]))
        if platform:
            return platform
    return None


def unique_lines(text: str | list[str]) -> list[str]:
    """Non-empty lines, trimmed, each once (the first time it is written)."""
    lines = text.splitlines() if isinstance(text, str) else text
    return list(dict.fromkeys(line.strip() for line in lines if line.strip()))


def group_locations(lines: list[str], domains: dict[str, str]) -> list[Group]:
    """Groups in the order their first location was written; "place not clear" last."""
    groups: dict[tuple[str, str], Group] = {}
    for line in unique_lines(lines):
        host = location_host(line)
        if host is None:
            kind, key = UNCLEAR, ""
        else:
            platform = platform_for(host, domains)
            kind, key = (PLATFORM, platform) if platform else (SITE, host)
        groups.setdefault((kind, key), Group(kind, key)).locations.append(line)
    ordered = [g for g in groups.values() if g.kind != UNCLEAR]
    return ordered + [g for g in groups.values() if g.kind == UNCLEAR]


def respond_by(sent_on: dt.date) -> dt.date:
    """The site must act within 48 hours of getting the request: check on the day after next."""
    return sent_on + dt.timedelta(days=RESPOND_DAYS)


def safe_cell(value: str) -> str:
    """A spreadsheet must not run what someone typed: formula-like cells get a leading apostrophe."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in [header, *rows]:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
