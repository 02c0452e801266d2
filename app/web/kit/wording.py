"""The words for the removal kit engine's codes (app/removal_kit): what a person reads for each
route, reason, condition, deadline, status and checklist error, in the page's language.

The engine says *what* (codes); this module says it in plain words, and nothing else decides
anything. A channel's `label` is the operator's own words for an option: quoted as it is, in
English, never translated (the person looks for exactly those words on the operator's page).
Each mapping covers every code the engine has: tests/test_kit_web.py holds them equal.
"""

from __future__ import annotations

from app import removal_kit
from app.flow.model import N_
from app.i18n import t

# Why a route is there. %(name)s: the operator's name; %(email)s: an address it gives.
REASONS = {
    "operator_tida_form": N_("%(name)s has its own form for TAKE IT DOWN Act requests. Paste the letter into it."),
    "operator_ncii_form": N_("%(name)s has a form for intimate pictures shared without consent. Paste the letter "
                             "into it."),
    "operator_in_app": N_("Report it on the post itself, in the app or on the site."),
    "operator_email": N_("Email the letter to %(email)s."),
    "search_removal": N_("This asks %(name)s to drop it from its search results. It does not remove it from the "
                         "site itself, so send the other requests too."),
    "no_listed_channel": N_("We know of no special form at %(name)s. Send the letter through its Report or "
                            "Contact page."),
    "unknown_site_letter": N_("Send the letter to this site. Look for a link named \"Report\", \"TAKE IT DOWN "
                              "Act\", \"Copyright\" or \"Contact\", often at the bottom of the page. This site may "
                              "be run by the person who posted it: use an email address you made just for this."),
    "you_took_it": N_("You took the picture, so you own its copyright. You can also send a copyright (DMCA) "
                      "notice to %(name)s. It may be passed on to the person who posted it, with your name and "
                      "contact details."),
    "find_dmca_agent": N_("You took the picture, so you own its copyright. You can also send a copyright (DMCA) "
                          "notice to the site's copyright agent. It may be passed on to the person who posted "
                          "it, with your name and contact details."),
    "if_site_ignores": N_("Write to the company that hosts the site, or the one that registered its name."),
    "minor_ncmec_first": N_("First report this place to the CyberTipline: it works with sites and hosting "
                            "companies to remove pictures of people under 18."),
    "minor_hash": N_("Take It Down can help stop it being posted on sites that use it. It works from the young "
                     "person's own phone or computer, and the picture never leaves it."),
    "adult_hash": N_("StopNCII can help stop it being posted on sites that take part. It works from your own "
                     "phone or computer, and the picture never leaves it."),
    "place_unclear": N_("We could not tell which site these places are on. If you know, write the site's address "
                        "first, like example.com/@name, and make the kit again. Or send this request through the "
                        "Report option of the site or app."),
    "past_respond_by": N_("Its date has passed. Send this second letter the same way you sent the first one."),
    "ftc_covered": N_("%(name)s's own page says it takes TAKE IT DOWN Act requests. Tell the FTC that it did not "
                      "act in time."),
    "ftc_if_covered": N_("If this site is a covered platform (a public site or app that mainly hosts what its "
                         "users post), the law gave it 48 hours. You can tell the FTC that it did not act."),
}

# The same reasons, said of the whole kit (its steps before any request), not of one place.
KIT_LEVEL = {
    "minor_ncmec_first": N_("First report every place to the CyberTipline: it works with sites and hosting "
                            "companies to remove pictures of people under 18."),
}

# When a route applies only in some cases.
CONDITIONS = {
    "if_under18": N_("If the person was under 18 in it"),
    "if_18_or_over": N_("If the person was 18 or older in it"),
    "if_altered_or_ai": N_("If it was edited or made with AI"),
    "if_real": N_("If it is a real picture or video"),
    "if_copy_on_device": N_("Only if it is already on your phone or computer. Do not save or download it just "
                            "for this"),
    "if_cloudflare": N_("If the lookup names Cloudflare"),
    "if_ignored": N_("If the site has not acted by its date"),
}

# What to look for on a page, when the form's own address was not seen on the owner's site.
LOOK_FOR = {
    "report_menu": N_("Look for Report on the post itself (often under ⋯ or a flag)."),
    "report_form_link": N_("On this page, look for the link to the report form."),
    "ncii_form_link": N_("On this page, look for the link to the form for intimate pictures shared without "
                         "consent."),
    "privacy_complaint_link": N_("On this page, look for the privacy complaint form."),
    "content_removal_link": N_("Look for the link with this name at the bottom of the site's pages."),
    "removal_request_link": N_("On this page, look for the link to start a removal request."),
    "abuse_form_link": N_("On this page, look for the link to the abuse report form. Give the exact web address "
                          "of each place."),
    "registrar_abuse_contact": N_("Type the site's address there. The answer names the company that registered "
                                  "it, and often its host, with an abuse contact (an email address or a form). Send "
                                  "them the same letter."),
    "dmca_agent_search": N_("Search the directory for the site's name to find where its copyright agent takes "
                            "notices."),
}

# What a provider does with a report, where the kit names it (a host_abuse channel's `provider`).
PROVIDERS = {
    "cloudflare": N_("Cloudflare does not host sites itself: it passes a complete report on to the site's host "
                     "and to the site's owner, and tells you who the host is."),
}

# What to paste into each field of a search engine's form.
FIELDS = {
    "page_url": N_("The address of each page where it is posted"),
    "image_url": N_("The address of the picture or video itself"),
    "results_url": N_("The address of the search results page where it shows up"),
}

DEADLINES = {
    removal_kit.ACT_48H: N_("%(name)s's own page says it takes TAKE IT DOWN Act requests, and the law gives it 48 "
                            "hours. Respond by: %(date)s."),
    removal_kit.IF_COVERED: N_("The law's 48 hours apply if this is a covered platform: a public site or app that "
                               "mainly hosts what its users post. Check by: %(date)s."),
    removal_kit.NO_DEADLINE: N_("We know of no deadline for this one."),
}
PROMISE = N_("%(name)s's own page says it acts within %(hours)s hours.")

STATUSES = {
    removal_kit.REMOVED: N_("Removed on %(date)s."),
    removal_kit.WAITING: N_("Its date is %(date)s. Nothing to do yet."),
    removal_kit.OVERDUE: N_("Its date, %(date)s, has passed."),
    removal_kit.NO_DEADLINE_STATUS: N_("We know of no deadline for it. If it still shows up, you can send the "
                                       "same request again."),
}

ROW_ERRORS = {
    "bad_date": N_("Row %(row)s: \"%(column)s\" is not a date like 2026-12-08."),
    "missing": N_("Row %(row)s: \"%(column)s\" is empty."),
    "too_long": N_("Row %(row)s: \"%(column)s\" is too long."),
    "out_of_range": N_("Row %(row)s: the date in \"%(column)s\" is too far in the future."),
    "too_many_rows": N_("The checklist has more rows than we can read at once. Check the rest in a second go."),
    "unreadable": N_("We could not read this as a checklist. Paste the list of places instead, with the day you "
                     "sent the requests."),
}

# The checklist's header, in the page's language (the CSV the kit writes; read back in any language).
COLUMN_NAMES = {
    "request": N_("Request"), "site": N_("Site or app"), "places": N_("Places"), "send_to": N_("Where to send it"),
    "sent_on": N_("Sent on"), "respond_by": N_("Respond by"), "removed_on": N_("Removed on"),
    "case": N_("Case or ticket number"),
}

CONDITION_JOIN = N_("%(first)s, and %(second)s")


def reason(code: str, **params) -> str:
    return t(REASONS[code], **params)


def conditions(codes) -> str:
    """Several conditions as one phrase; "" for none."""
    words = [t(CONDITIONS[c]) for c in codes]
    if not words:
        return ""
    text = words[0]
    for word in words[1:]:
        text = t(CONDITION_JOIN, first=text, second=word[:1].lower() + word[1:])
    return text
