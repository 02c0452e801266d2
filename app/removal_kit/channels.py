"""Channels: for each group of places, where to send the request and in what order.

The rules are the guide's own (app/flow/steps.py, flow-contract.md), restated over the kit's
`Situation` because this package imports nothing of the app; tests/test_kit_routing.py holds
them equal to the plan for every situation:

- Under 18: NCMEC first (the CyberTipline; Take It Down from the young person's own device);
  never a letter to an unknown site as the first step; no StopNCII, no copyright notice.
- Age unsure: both routes, each with its condition.
- A copyright (DMCA) notice only for a real picture the person took themselves, not under 18.
- The Act's 48 hours are said only for operators the data marks as covered (their own page
  promises them); other sites "if it is a covered platform"; search engines and hosts nothing.

Everything a person reads is a code here (kinds, reasons, conditions, deadlines): the web layer
words and translates them. The channel records come from the content (directory.KitBook),
read by attribute.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.removal_kit.places import PLATFORM, SEARCH, SITE, UNCLEAR, Group

# Situation codes (the flow's answers, narrowed to what routing needs).
REAL, ALTERED, AI = "real", "altered", "ai"
SELF, OTHER = "self", "other"

# Route kinds: the operators' channel kinds (content), and the kit's own steps.
TIDA_FORM, NCII_FORM, SEARCH_FORM, IN_APP, EMAIL, DMCA_AGENT, HOST_ABUSE = (
    "tida_form", "ncii_form", "search_form", "in_app", "email", "dmca_agent", "host_abuse")
TIDA_LETTER = "tida_letter"  # the kit's TAKE IT DOWN Act letter, to the site's own contact
DMCA_NOTICE = "dmca_notice"  # the kit's copyright notice, to the operator's DMCA agent
REFERRAL = "referral"  # a service of the directory (NCMEC, StopNCII, the FTC): `referral` names it
CLARIFY = "clarify"  # the place has no address: write the site first
FOLLOW_UP_LETTER = "follow_up_letter"  # a second letter once the respond-by date has passed
ROUTE_KINDS = (TIDA_FORM, NCII_FORM, SEARCH_FORM, IN_APP, EMAIL, DMCA_AGENT, HOST_ABUSE,
               TIDA_LETTER, DMCA_NOTICE, REFERRAL, CLARIFY, FOLLOW_UP_LETTER)

# Referral ids of the directory the kit names (flow-contract.md).
CYBERTIPLINE, TAKE_IT_DOWN, STOPNCII, FTC_TAKEITDOWN = "cybertipline", "take-it-down", "stopncii", "ftc-takeitdown"

# Why a route is there: codes the web layer words.
REASONS = (
    "operator_tida_form",  # the operator's own form under the Act
    "operator_ncii_form",  # its own form for intimate pictures
    "operator_in_app",  # Report in the app or on the post
    "operator_email",  # an address the operator gives
    "search_removal",  # removes the result from the search engine, not the picture from the site
    "no_listed_channel",  # no channel of this operator fits: send the kit's letter
    "unknown_site_letter",  # a site we know nothing of: the letter to its own contact
    "you_took_it",  # copyright belongs to whoever took the picture
    "find_dmca_agent",  # the operator's copyright agent, in the Copyright Office's directory
    "if_site_ignores",  # the site's host or registrar, when the site does not act
    "minor_ncmec_first",  # under 18: NCMEC before anything is sent to a site
    "minor_hash",  # Take It Down: hashes from the young person's own device
    "adult_hash",  # StopNCII: hashes from the person's own device (18 or over in it)
    "place_unclear",  # no web address: say which site first
    "past_respond_by",  # follow-up: the date has passed
    "ftc_covered",  # follow-up: the operator says it is bound; tell the FTC
    "ftc_if_covered",  # follow-up: tell the FTC if the site is a covered platform
)

# When a route applies only in some cases: codes the web layer words.
CONDITIONS = (
    "if_under18",  # age not given: only if under 18 in it
    "if_18_or_over",  # age not given: only if 18 or over in it
    "if_altered_or_ai",  # kind not given: only for an edited or AI-made picture
    "if_real",  # kind not given: only for a real picture
    "if_copy_on_device",  # hashing works only from the device that holds the picture
    "if_cloudflare",  # the site's records name Cloudflare
    "if_ignored",  # the site has not acted by the respond-by date
)

# What binds the operator to a time (web words them; only ACT_48H says "48 hours, the law").
ACT_48H = "act_48h"  # the data marks it a covered platform, from its own page
IF_COVERED = "if_covered"  # the Act's 48 hours bind it only if it is a covered platform
NO_DEADLINE = "none"  # search engines, hosts, email: the Act does not say; give their promise or nothing
DEADLINES = (ACT_48H, IF_COVERED, NO_DEADLINE)


@dataclass(frozen=True)
class Situation:
    """What happened, as the guide's answers say it; None when not answered."""

    kind: str | None = None  # real | altered | ai
    took: str | None = None  # self | other (who took the original)
    minor: bool | None = None  # under 18 in it

    def __post_init__(self):
        if self.kind not in (None, REAL, ALTERED, AI) or self.took not in (None, SELF, OTHER) \
                or self.minor not in (None, True, False):
            raise ValueError(f"not a situation: {self}")

    @property
    def dmca(self) -> tuple[str, ...] | None:
        """The conditions a copyright notice needs, or None when it does not fit. As the plan's
        `copyright` step: a real picture the person took, not under 18 (age not given: say so)."""
        if self.kind != REAL or self.took != SELF or self.minor is True:
            return None
        return ("if_18_or_over",) if self.minor is None else ()


@dataclass(frozen=True)
class Route:
    """One step of a request: a channel of the operator, a directory service, or the kit's own."""

    kind: str  # ROUTE_KINDS
    reason: str  # REASONS
    channel: Any = None  # the content's channel (KitChannel): url, help_url, look_for, label, fields...
    referral: str | None = None  # a directory referral id, for REFERRAL
    conditions: tuple[str, ...] = ()  # CONDITIONS it needs; none when it always applies


@dataclass(frozen=True)
class Request:
    """What to do about one group of places, in order."""

    group: Group
    operator: str | None  # operator id (platforms and kit operators); None for another site or unclear
    routes: tuple[Route, ...]
    deadline: str  # DEADLINES
    promise_hours: int | None = None  # what the first channel's owner promises, if anything

    @property
    def tida_48h(self) -> bool:
        """Whether the kit may say the Act's 48 hours bind this operator."""
        return self.deadline == ACT_48H


def _fits(channel, situation: Situation) -> tuple[str, ...] | None:
    """None when the channel does not take this case; else the conditions it needs."""
    depictions, ages = set(channel.depictions), set(channel.ages)
    conditions = []
    if situation.kind is None:  # not said: each channel with what it needs
        if REAL not in depictions:
            conditions.append("if_altered_or_ai")
        elif not depictions & {ALTERED, AI}:
            conditions.append("if_real")
    elif situation.kind not in depictions:
        return None
    if situation.minor is None:
        if ages == {"minor"}:
            conditions.append("if_under18")
        elif ages == {"adult"}:
            conditions.append("if_18_or_over")
    elif ("minor" if situation.minor else "adult") not in ages:
        return None
    return tuple(conditions)


_REASON_OF = {TIDA_FORM: "operator_tida_form", NCII_FORM: "operator_ncii_form", IN_APP: "operator_in_app",
              EMAIL: "operator_email", SEARCH_FORM: "search_removal"}


def _operator_routes(operator, situation: Situation, kinds: Iterable[str]) -> list[Route]:
    wanted = tuple(kinds)
    routes, seen = [], set()
    for channel in operator.channels:
        place = (channel.kind, channel.url, channel.help_url, channel.email, channel.label)
        if channel.kind not in wanted or place in seen:  # one form listed for two cases: once
            continue
        fits = _fits(channel, situation)
        if fits is not None:
            seen.add(place)
            routes.append(Route(channel.kind, _REASON_OF[channel.kind], channel=channel, conditions=fits))
    return routes


def _ncmec_first(situation: Situation) -> list[Route]:
    if situation.minor is False:
        return []
    return [Route(REFERRAL, "minor_ncmec_first", referral=CYBERTIPLINE,
                  conditions=() if situation.minor else ("if_under18",))]


def _dmca(operator, book, situation: Situation) -> list[Route]:
    """The copyright route: the operator's own DMCA channel, else its agent in the directory."""
    conditions = situation.dmca
    if conditions is None:
        return []
    own = [c for c in (operator.channels if operator else ()) if c.kind == DMCA_AGENT]
    channel = own[0] if own else next(c for c in book.hosting.channels if c.kind == DMCA_AGENT)
    return [Route(DMCA_NOTICE, "you_took_it" if own else "find_dmca_agent", channel=channel, conditions=conditions)]


def _host_abuse(book, situation: Situation) -> list[Route]:
    """The next step when a site does not act: its host or registrar (Cloudflare if it fronts it)."""
    routes = []
    for channel in book.hosting.channels:
        if channel.kind == HOST_ABUSE:
            cloudflare = channel.provider == "cloudflare"
            routes.append(Route(HOST_ABUSE, "if_site_ignores", channel=channel,
                                conditions=("if_ignored", "if_cloudflare") if cloudflare else ("if_ignored",)))
    return routes


def _promise(routes: list[Route]) -> int | None:
    return next((r.channel.promise_hours for r in routes if r.channel is not None
                 and getattr(r.channel, "promise_hours", None)), None)


def route_group(group: Group, situation: Situation, book) -> Request:
    """The request for one group of places."""
    if group.kind == UNCLEAR:
        routes = _ncmec_first(situation) + [Route(CLARIFY, "place_unclear")]
        return Request(group, None, tuple(routes), NO_DEADLINE)
    if group.kind == SEARCH:
        operator = book.operators[group.key]
        routes = _operator_routes(operator, situation, (SEARCH_FORM,))
        return Request(group, operator.id, tuple(routes), NO_DEADLINE, _promise(routes))
    operator = book.operators.get(group.key) if group.kind == PLATFORM else None
    if operator is None:  # another site: the letter, after NCMEC for a minor; then its host
        letter = Route(TIDA_LETTER, "unknown_site_letter")
        routes = _ncmec_first(situation) + [letter] + _dmca(None, book, situation) + _host_abuse(book, situation)
        return Request(group, None, tuple(routes), IF_COVERED)
    routes = _operator_routes(operator, situation, (TIDA_FORM, NCII_FORM, IN_APP, EMAIL))
    if not routes:
        routes = [Route(TIDA_LETTER, "no_listed_channel")]
    routes += _dmca(operator, book, situation)
    return Request(group, operator.id, tuple(routes), ACT_48H if operator.covered else IF_COVERED, _promise(routes))


def route(groups: Iterable[Group], situation: Situation, book) -> list[Request]:
    """One request per group, in the groups' order. `book` is the directory's KitBook."""
    return [route_group(g, situation, book) for g in groups]


def kit_steps(situation: Situation) -> tuple[Route, ...]:
    """What comes before any request (NCMEC for a minor) and beside them (hashing), as the plan says."""
    copy = "if_copy_on_device"
    if situation.minor is True:
        return (Route(REFERRAL, "minor_ncmec_first", referral=CYBERTIPLINE),
                Route(REFERRAL, "minor_hash", referral=TAKE_IT_DOWN, conditions=(copy,)))
    if situation.minor is None:
        return (Route(REFERRAL, "minor_ncmec_first", referral=CYBERTIPLINE, conditions=("if_under18",)),
                Route(REFERRAL, "minor_hash", referral=TAKE_IT_DOWN, conditions=("if_under18", copy)),
                Route(REFERRAL, "adult_hash", referral=STOPNCII, conditions=("if_18_or_over", copy)))
    return (Route(REFERRAL, "adult_hash", referral=STOPNCII, conditions=(copy,)),)


__all__ = [
    "REAL", "ALTERED", "AI", "SELF", "OTHER", "ROUTE_KINDS", "REASONS", "CONDITIONS", "DEADLINES",
    "ACT_48H", "IF_COVERED", "NO_DEADLINE", "Situation", "Route", "Request", "route", "route_group", "kit_steps",
    "PLATFORM", "SEARCH", "SITE", "UNCLEAR",
]  # fmt: skip
