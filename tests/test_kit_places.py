"""Places read as a browser reads them, and grouped by who really runs them (issue 25, items 2
and 6, the grouping core): the WHATWG URL standard for the host, the Public Suffix List for the
registrable domain, and a look-alike flag for a host in other letters that reads as a platform's."""

from __future__ import annotations

import pytest

from app import directory as directory_module
from app import removal_kit

DIRECTORY = directory_module.load()
DOMAINS = DIRECTORY.platform_domains
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у"}  # same look, other alphabet


@pytest.mark.parametrize(("line", "host"), [
    ("https://evil.example\\@facebook.com/", "evil.example"),  # a browser opens evil.example
    ("https://user:pw@evil.example/facebook.com", "evil.example"),
    ("HTTPS://WWW.Example.CO.UK:8080/a", "example.co.uk"),
    ("https://xn--facebok-ejg.com/x", "xn--facebok-ejg.com"),
    ("https://facebоok.com/x", "xn--facebok-ejg.com"),
    ("example.org/@name", "example.org"),
])
def test_the_host_is_the_one_a_browser_opens(line, host):
    assert removal_kit.location_host(line) == host


@pytest.mark.parametrize("line", ["@name", "post 12345", "http://[::1", "mailto:a@b.example"])
def test_a_line_that_names_no_web_site_is_not_placed(line):
    assert removal_kit.location_host(line) is None


def test_subdomains_of_one_registrable_domain_are_one_operator():
    groups = removal_kit.group_locations(
        ["https://i.imgur.com/a.png", "imgur.com/gallery/1", "a.example.co.uk/x", "b.example.co.uk/y",
         "one.github.io/x", "two.github.io/y"], DOMAINS)
    assert [(g.key, len(g.locations)) for g in groups] == [
        ("imgur.com", 2), ("example.co.uk", 2), ("one.github.io", 1), ("two.github.io", 1)]  # github.io: a public suffix


LOOKALIKES = sorted({d for d in DOMAINS if any(c in CYRILLIC for c in d.split(".")[0])})


@pytest.mark.parametrize("domain", LOOKALIKES)
def test_a_platform_name_in_other_letters_is_flagged_not_grouped_with_it(domain):
    name, _, rest = domain.partition(".")
    fake = "".join(CYRILLIC.get(c, c) for c in name) + "." + rest
    (group,) = removal_kit.group_locations([f"https://{fake}/post/1"], DOMAINS)
    assert group.kind == removal_kit.SITE and group.key.startswith("xn--")
    assert group.lookalike == domain
    assert fake in group.shown and group.key in group.shown  # its own letters, and what a browser uses


def test_plain_hosts_are_not_flagged():
    assert LOOKALIKES, "no platform domain to imitate: the check would be blind"
    for line in ("https://imagehost.example/1", "https://faceb00k.example/1"):
        (group,) = removal_kit.group_locations([line], DOMAINS)
        assert group.lookalike is None and group.shown == group.key


@pytest.mark.parametrize("prefix", ["", "?lang=es"])
def test_the_kit_warns_about_a_lookalike(client, prefix):
    domain = LOOKALIKES[0]
    name, _, rest = domain.partition(".")
    fake = "".join(CYRILLIC.get(c, c) for c in name) + "." + rest
    body = {"sender": {"role": "self", "full_name": "Alex Example", "email": "alex@example.com"},
            "depiction": {"kind": "ai", "age": "adult", "description": "a photo"},
            "locations": [f"https://{fake}/1", f"https://{domain}/2"]}
    requests = client.post("/api/v1/removal-kit" + prefix, json=body).get_json()["kit"]["requests"]
    fake_request = next(r for r in requests if r["operator"] is None)
    assert fake in fake_request["site"] and domain in fake_request["send_to"]["how"]
    assert any(r["operator"] == DOMAINS[domain] for r in requests)  # the real one is its own request


def test_a_name_that_mixes_alphabets_is_flagged_even_when_it_imitates_no_platform(client):
    line = "https://shоp.example/1"  # a Cyrillic о among Latin letters
    (group,) = removal_kit.group_locations([line], DOMAINS)
    assert group.mixed_scripts and group.lookalike is None
    body = {"sender": {"role": "self", "full_name": "Alex Example", "email": "alex@example.com"},
            "depiction": {"kind": "ai", "age": "adult", "description": "a photo"}, "locations": [line]}
    (request,) = client.post("/api/v1/removal-kit", json=body).get_json()["kit"]["requests"]
    assert request["send_to"]["how"].startswith("Careful:") and "different alphabets" in request["send_to"]["how"]
    (plain,) = removal_kit.group_locations(["https://shop.example/1"], DOMAINS)
    assert not plain.mixed_scripts
