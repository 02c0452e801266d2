"""Every page and state a person can see, for the accessibility and HTML checks."""

import datetime as dt

from app import flow

Q_BEFORE = {  # answers that make each question reachable
    "demand": [("situation", "threatened")],
    "where": [("situation", "shared")],
}

PLAN_ANSWERS = {
    "nothing": [],
    "danger-minor-threat": [("danger", "yes"), ("situation", "threatened"), ("demand", "money"), ("age", "under18")],
    "shared-adult-copy": [("danger", "no"), ("situation", "shared"), ("where", "social"), ("where", "search"),
                          ("age", "adult"), ("kind", "real"), ("taker", "self"), ("copy", "yes"), ("state", "TX")],
    "fake-helper": [("for_whom", "someone_else"), ("situation", "shared"), ("where", "adult_site"),
                    ("kind", "ai"), ("age", "adult"), ("copy", "yes")],
    "taken-unsure": [("danger", "unsure"), ("situation", "taken"), ("age", "unsure"), ("kind", "unsure")],
    "messaging-territory": [("situation", "shared"), ("where", "messaging"), ("age", "adult"), ("state", "GU")],
}


REMOVAL_LETTER = [("sender", "authorized"), ("capacity", "parent"), ("full_name", "Alex Example"),
                  ("email", "alex@example.com"), ("platform", "x"), ("locations", "https://example.com/1"),
                  ("description", "a photo from May"), ("kind", "forgery"), ("minor", "yes")]
KIT = [("full_name", "Alex Example"), ("email", "alex@example.com"), ("sender", "authorized"), ("capacity", "parent"),
       ("description", "a photo from May"), ("kind", "ai"), ("age", "under18"),
       ("locations", "https://x.com/a/status/1\nhttps://www.instagram.com/p/1\nhttps://imagehost.example/view/8841\n"
                     "http://forum.example.net:8080/thread/77\n@someone"), ("sent_on", dt.date.today().isoformat())]
COPYRIGHT_LETTER = [("full_name", "Alex Example"), ("postal_address", "1 Main St"), ("platform", "other"),
                    ("platform_other", "Example"), ("work", "a selfie"), ("locations", "https://example.com/2")]


def states(guide_slugs, lang: str = "en") -> list[tuple[str, str, str, list]]:
    """(name, method, path, form fields) for every page state; with lang="es", the Spanish
    pages (/es/...), named with an "es-" prefix."""
    if lang != "en":
        return [(f"{lang}-{name}", method, f"/{lang}{path}", fields) for name, method, path, fields in states(guide_slugs)]
    out = [("start", "GET", "/", []), ("guides", "GET", "/guides/", []), ("not-found", "GET", "/nope", []),
           ("not-allowed", "GET", "/plan", [])]
    out += [(f"guide-{slug}", "GET", f"/guides/{slug}", []) for slug in guide_slugs]
    for q in flow.QUESTIONS:
        base = Q_BEFORE.get(q.id, [])
        out.append((f"q-{q.id}", "POST", "/change", base + [("_change", q.id)]))
        out.append((f"q-{q.id}-error", "POST", "/q", base + [("_q", q.id), ("_nav", "continue")]))
        out.append((f"q-{q.id}-chosen", "POST", "/change", base + [("_change", q.id), (q.id, q.codes[0])]))
    out.append(("q-tampered-notice", "POST", "/q", [("danger", "bogus"), ("_seen", "danger")]))
    out.append(("help-now", "POST", "/q", [("_q", "danger"), ("danger", "yes"), ("_nav", "continue")]))
    out.append(("check", "POST", "/check", PLAN_ANSWERS["shared-adult-copy"]))
    out += [(f"plan-{name}", "POST", "/plan", fields) for name, fields in PLAN_ANSWERS.items()]
    out += [("letter-removal-form", "GET", "/letters/removal", []),
            ("letter-copyright-form", "GET", "/letters/copyright", []),
            ("letter-removal-error", "POST", "/letters/removal", [("sender", "authorized"), ("platform", "other")]),
            ("letter-copyright-error", "POST", "/letters/copyright", [("email", "nope")]),
            ("letter-removal-result", "POST", "/letters/removal", REMOVAL_LETTER),
            ("letter-copyright-result", "POST", "/letters/copyright", COPYRIGHT_LETTER),
            ("kit-form", "GET", "/letters/kit", []),
            ("kit-error", "POST", "/letters/kit", [("sender", "authorized"), ("email", "nope")]),
            ("kit-result", "POST", "/letters/kit", KIT)]
    return out
