"""Places: group the lines a person lists by who runs them. Plain Python (no Flask).

A location is text. It is never fetched or followed: only its host name is read,
to find the operator.

- A line with a web address (`https://example.com/p/1`, `EXAMPLE.COM/@name`,
  `www.example.org:8080/a`) is read as a browser reads it (the WHATWG URL standard,
  by ada-url: `https://evil.example\\@platform.example/` is evil.example, as a
  browser opens it). It belongs to the operator whose `domains` (or hosts: CDNs, short
  links) list its host or a parent of it (a platform's mobile subdomain is the platform's);
  a search engine's results page is a search request of its own; any other site is grouped
  by its registrable domain from the Public Suffix List (img.host.example and host.example
  are one operator; a.example.co.uk and b.example.co.uk too).
- A host written in another alphabet is shown in its own letters beside the
  ASCII form a browser uses (punycode); one that mixes alphabets, or that reads as
  a known platform's name, is flagged as a possible look-alike.
- A line without a web address (`@name`, `post 12345`) cannot be placed: it
  goes to one "place not clear" group, which the kit asks the person to check.
  Writing it with the site's address (`example.com/@name`) places it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import idna
from ada_url import URL
from confusable_homoglyphs import confusables
from publicsuffixlist import PublicSuffixList

MAX_LOCATIONS = 50  # one kit; more can go in a second kit

# Group kinds: a known operator's place, its search results, another site, no address at all.
PLATFORM, SEARCH, SITE, UNCLEAR = "platform", "search", "site", "unclear"

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
# A bare address: a host with a dot and a top-level name (in any alphabet), then a path, port or nothing.
_BARE = re.compile(r"^(?:[\w-]+\.)+[^\W\d_]{2,63}\.?(?::\d*)?(?:[/?#\\]|$)", re.I)
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z0-9-]{2,63}$|^\d{1,3}(?:\.\d{1,3}){3}$")
_PSL = PublicSuffixList()  # the list bundled with the package, as released: never fetched at run time


def location_parts(line: str) -> tuple[str, str] | None:
    """The host a location names, as a browser would open it (lower-case ASCII, punycode for
    other alphabets, without `www.`), and its path; None if it names no host."""
    text = line.strip()
    if not _SCHEME.match(text):
        if not _BARE.match(text):
            return None
        text = "https://" + text
    try:
        url = URL(text)
    except ValueError:  # what a browser would refuse, like "http://[::1"
        return None
    host = (url.hostname or "").rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return (host, url.pathname or "/") if _HOST.match(host) else None


def location_host(line: str) -> str | None:
    """The host a location names, as a browser would open it; None if it names none."""
    parts = location_parts(line)
    return parts[0] if parts else None


def registrable_domain(host: str) -> str:
    """The domain its owner registered (Public Suffix List): `img.host.example` -> `host.example`."""
    return _PSL.privatesuffix(host) or host


def unicode_host(host: str) -> str:
    """The host in its own letters: punycode (`xn--...`) back to the alphabet it was written in."""
    try:
        return idna.decode(host)
    except idna.IDNAError:
        return host


def _skeleton(text: str) -> str:
    """Each letter as the Latin letter it can be mistaken for."""
    out = []
    for char in text:
        found = confusables.is_confusable(char, preferred_aliases=["latin"]) if not char.isascii() else False
        out.append(next((h["c"] for h in found[0]["homoglyphs"] if h["c"].isascii()), char) if found else char)
    return "".join(out)


def lookalike_of(host: str, domains: dict[str, str]) -> str | None:
    """The known platform domain an unknown host may be passing for: written in other letters
    that read the same (None when it reads as none)."""
    shown = unicode_host(host)
    if shown == host:
        return None
    skeleton = _skeleton(shown)
    return next((d for d in domains if skeleton == d or skeleton.endswith("." + d)), None)


def mixed_scripts(host: str) -> bool:
    """Whether a host's letters come from more than one alphabet (a common look-alike trick)."""
    shown = unicode_host(host)
    return shown != host and confusables.is_mixed_script(shown.replace(".", "").replace("-", ""))


@dataclass
class Group:
    """One request: an operator and its own locations."""

    kind: str  # platform | search | site | unclear
    key: str  # operator id (platform and search), registrable domain (ASCII), or "" when unclear
    locations: list[str] = field(default_factory=list)
    lookalike: str | None = None  # a site: the platform domain it may pass for
    mixed_scripts: bool = False  # a site: its name mixes alphabets

    @property
    def shown(self) -> str:
        """A site's name as people read it, with the form a browser uses beside it when they differ."""
        readable = unicode_host(self.key)
        return readable if readable == self.key else f"{readable} ({self.key})"


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


def _results_of(host: str, path: str, results: Iterable[tuple[str, str, str]]) -> str | None:
    """The search engine whose results page this is (host or a subdomain of it, and path)."""
    for rhost, prefix, operator in results:
        if (host == rhost or host.endswith("." + rhost)) and path.startswith(prefix):
            return operator
    return None


def group_locations(lines: list[str], domains: dict[str, str],
                    results: Iterable[tuple[str, str, str]] = ()) -> list[Group]:
    """Groups in the order their first location was written; "place not clear" last.
    `results`: (host, path prefix, operator id) of search results pages (KitBook.results)."""
    results = tuple(results)
    groups: dict[tuple[str, str], Group] = {}
    for line in unique_lines(lines):
        parts = location_parts(line)
        if parts is None:
            kind, key = UNCLEAR, ""
        else:
            host, path = parts
            engine = _results_of(host, path, results)
            platform = None if engine else platform_for(host, domains)
            kind, key = (SEARCH, engine) if engine else (PLATFORM, platform) if platform \
                else (SITE, registrable_domain(host))
        group = groups.setdefault((kind, key), Group(kind, key))
        if kind == SITE:
            host = parts[0]
            group.lookalike = group.lookalike or lookalike_of(host, domains)
            group.mixed_scripts = group.mixed_scripts or mixed_scripts(host)
        group.locations.append(line)
    ordered = [g for g in groups.values() if g.kind != UNCLEAR]
    return ordered + [g for g in groups.values() if g.kind == UNCLEAR]
