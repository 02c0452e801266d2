"""The kit routes each place to the channel its operator really uses, by what happened, exactly as
the guide's plan would (issue 25, item 1). Parametrised over the content data: adding an operator,
a channel or a host adds its cases here."""

from __future__ import annotations

import itertools

import pytest

from app import directory as directory_module
from app import flow, removal_kit
from app.removal_kit import channels

DIRECTORY = directory_module.load()
BOOK = DIRECTORY.kit
OPERATORS = sorted(BOOK.operators)
SEARCH_ENGINES = sorted({engine for _, _, engine in BOOK.results})
KINDS = (None, "real", "altered", "ai")
TAKERS = (None, "self", "other")
MINORS = (None, True, False)
SITUATIONS = [removal_kit.Situation(k, t, m) for k, t, m in itertools.product(KINDS, TAKERS, MINORS)]


def _group(operator: str) -> removal_kit.Group:
    if operator == directory_module.HOSTING:  # reached only as a site's next step
        return removal_kit.Group(removal_kit.SITE, "unknown.example", ["unknown.example/p/1"])
    return removal_kit.Group(removal_kit.PLATFORM, operator, ["x"])


GROUPS = [_group(o) for o in OPERATORS] + [
    removal_kit.Group(removal_kit.SEARCH, e, ["results"]) for e in SEARCH_ENGINES] + [
    removal_kit.Group(removal_kit.SITE, "unknown.example", ["unknown.example/1"]),
    removal_kit.Group(removal_kit.UNCLEAR, "", ["@name"]),
]


def _plan(situation: removal_kit.Situation, copy: str | None = None) -> flow.Plan:
    """The guide's plan for the same situation, something shared."""
    answers = {"situation": frozenset({"shared"})}
    if situation.kind:
        answers["kind"] = situation.kind
    if situation.took and situation.kind != "ai":  # the guide does not ask who took an AI picture
        answers["taker"] = {"self": "self", "other": "someone_else"}[situation.took]
    if situation.minor is not None:
        answers["age"] = "under18" if situation.minor else "adult"
    if copy:
        answers["copy"] = copy
    return flow.build_plan(answers)


def _refs(plan: flow.Plan) -> set[str]:
    return {r for step in plan.steps for r in step.referrals}


@pytest.mark.parametrize("situation", SITUATIONS, ids=str)
@pytest.mark.parametrize("group", GROUPS, ids=lambda g: f"{g.kind}:{g.key}")
def test_every_case_gets_an_ordered_non_empty_route(group, situation):
    request = removal_kit.route_group(group, situation, BOOK)
    assert request.routes
    for route in request.routes:
        assert route.kind in removal_kit.ROUTE_KINDS and route.reason in removal_kit.REASONS
        assert set(route.conditions) <= set(removal_kit.CONDITIONS)
        assert (route.referral is not None) == (route.kind == channels.REFERRAL)
    assert request.deadline in removal_kit.DEADLINES


@pytest.mark.parametrize("situation", SITUATIONS, ids=str)
@pytest.mark.parametrize("group", GROUPS, ids=lambda g: f"{g.kind}:{g.key}")
def test_a_copyright_notice_only_where_the_plan_has_the_copyright_step(group, situation):
    request = removal_kit.route_group(group, situation, BOOK)
    dmca = [r for r in request.routes if r.kind == channels.DMCA_NOTICE]
    plan_has_it = "copyright" in {s.id for s in _plan(situation).steps}
    if dmca:
        assert situation.took == "self" and situation.kind == "real" and situation.minor is not True
        assert plan_has_it
        assert ("if_18_or_over" in dmca[0].conditions) == (situation.minor is None)
    elif group.kind in (removal_kit.PLATFORM, removal_kit.SITE):
        assert not plan_has_it


@pytest.mark.parametrize("situation", SITUATIONS, ids=str)
@pytest.mark.parametrize("group", [g for g in GROUPS if g.kind in (removal_kit.SITE, removal_kit.UNCLEAR)],
                         ids=lambda g: f"{g.kind}:{g.key}")
def test_a_minor_never_gets_a_letter_to_an_unknown_site_first(group, situation):
    first = removal_kit.route_group(group, situation, BOOK).routes[0]
    if situation.minor is False:
        assert first.referral is None
    else:
        assert (first.kind, first.referral) == (channels.REFERRAL, channels.CYBERTIPLINE)
        assert first.conditions == (() if situation.minor else ("if_under18",))


@pytest.mark.parametrize("situation", SITUATIONS, ids=str)
def test_kit_steps_name_the_plans_ncmec_and_hashing_services(situation):
    steps = {r.referral: r for r in removal_kit.kit_steps(situation)}
    plan = _refs(_plan(situation, copy="yes"))
    assert {channels.CYBERTIPLINE, channels.TAKE_IT_DOWN, channels.STOPNCII} & plan == set(steps)
    if situation.minor is not False:
        assert next(iter(steps)) == channels.CYBERTIPLINE  # NCMEC before anything else
    if situation.minor is True:
        assert channels.STOPNCII not in steps  # StopNCII serves people 18 or over in it
    for route in steps.values():
        assert "if_copy_on_device" in route.conditions or route.referral == channels.CYBERTIPLINE


@pytest.mark.parametrize("situation", SITUATIONS, ids=str)
@pytest.mark.parametrize("group", GROUPS, ids=lambda g: f"{g.kind}:{g.key}")
def test_48_hours_only_where_the_data_says_covered(group, situation):
    request = removal_kit.route_group(group, situation, BOOK)
    operator = BOOK.operators.get(request.operator or "")
    assert request.tida_48h == bool(group.kind == removal_kit.PLATFORM and operator and operator.covered)
    if group.kind in (removal_kit.SEARCH, removal_kit.UNCLEAR):
        assert request.deadline == removal_kit.NO_DEADLINE
    if request.promise_hours is not None:  # only what the operator's own page promises
        assert request.promise_hours in {c.promise_hours for c in operator.channels}


@pytest.mark.parametrize("situation", SITUATIONS, ids=str)
@pytest.mark.parametrize("engine", SEARCH_ENGINES)
def test_search_results_go_to_the_engines_own_forms_by_kind(engine, situation):
    request = removal_kit.route_group(removal_kit.Group(removal_kit.SEARCH, engine, ["r"]), situation, BOOK)
    assert {r.kind for r in request.routes} == {channels.SEARCH_FORM}
    for route in request.routes:
        assert situation.kind is None or situation.kind in route.channel.depictions
        assert set(route.channel.fields) <= set(directory_module.KIT_FIELDS)
    google = _refs(_plan(situation)) & {"google-search", "google-search-fake"}
    if engine == "google" and situation.kind:  # the plan's own choice of Google form
        fake = situation.kind in ("altered", "ai")
        assert google == {"google-search-fake" if fake else "google-search"}
        assert all(fake == (r.channel.depictions != ("real",)) for r in request.routes)


@pytest.mark.parametrize("situation", SITUATIONS, ids=str)
def test_an_unknown_site_gets_the_letter_then_its_host(situation):
    request = removal_kit.route_group(GROUPS[-2], situation, BOOK)
    kinds = [r.kind for r in request.routes if r.kind != channels.REFERRAL]
    assert kinds[0] == channels.TIDA_LETTER and request.deadline == removal_kit.IF_COVERED
    hosts = [r for r in request.routes if r.kind == channels.HOST_ABUSE]
    assert hosts and all("if_ignored" in r.conditions for r in hosts)
    assert [r.channel for r in hosts] == [c for c in BOOK.hosting.channels if c.kind == channels.HOST_ABUSE]


def test_places_from_a_real_shaped_list_are_routed_by_operator():
    lines = ["https://www.google.com/search?q=name", "https://images.google.com/imgres?imgurl=x",
             "https://www.bing.com/images/search?q=name", "https://pbs.twimg.com/media/abc.jpg",
             "https://i.redd.it/abc.jpg", "https://cdn.discordapp.com/attachments/1/2/a.png",
             "https://i.imgur.com/a.png", "imgur.com/gallery/1", "a.example.co.uk/x", "b.example.co.uk/y",
             "@name"]
    groups = removal_kit.group_locations(lines, BOOK.domains, BOOK.results)
    assert [(g.kind, g.key, len(g.locations)) for g in groups] == [
        ("search", "google", 2), ("search", "microsoft", 1), ("platform", "x", 1), ("platform", "reddit", 1),
        ("platform", "discord", 1), ("platform", "imgur", 2), ("site", "example.co.uk", 2), ("unclear", "", 1)]
    minor = removal_kit.route(groups, removal_kit.Situation("real", "other", True), BOOK)
    assert [r.tida_48h for r in minor] == [False, False, True, False, True, False, False, False]
    assert minor[6].routes[0].referral == channels.CYBERTIPLINE


def test_a_google_page_that_is_not_a_results_page_is_googles_hosting():
    (group,) = removal_kit.group_locations(["https://sites.google.com/view/x"], BOOK.domains, BOOK.results)
    assert (group.kind, group.key) == (removal_kit.PLATFORM, "google")
    request = removal_kit.route_group(group, removal_kit.Situation("real", "other", False), BOOK)
    assert request.routes[0].kind == channels.TIDA_LETTER and request.routes[0].reason == "no_listed_channel"


def test_a_situation_refuses_codes_it_does_not_know():
    with pytest.raises(ValueError):
        removal_kit.Situation("unsure")
