"""The plan steps: when each is included, where it goes, which lines it shows and whom it refers to.

Rules only: each line is named by a key, and its words are in app/content/flow.toml."""

from __future__ import annotations

from app.flow.conditions import (
    AGE_UNSURE,
    ALWAYS,
    COPY_UNSURE,
    DANGER,
    FAKE,
    HAS_COPY,
    HELPER,
    KIND_REAL,
    KIND_UNSURE,
    MINOR,
    NO_COPY,
    SEARCH_NEEDED,
    SELF_TAKEN,
    SHARED,
    SITUATION_UNSURE,
    STATE_GIVEN,
    THREAT,
    THREAT_ONLY,
    URGENT_DEMAND,
    has,
)
from app.flow.model import Line, Placement, Ref, StepDef
from app.flow.wording import WORDS

STEPS: tuple[StepDef, ...] = (
    WORDS.step(
        "safety",
        guide="safety",
        include_when=DANGER,
        placements=(Placement(ALWAYS, "now", 0),),
        lines=(
            Line("call-emergency"),
            Line("dv-advocate"),
            Line("other-device"),
        ),
        referrals=(Ref("emergency"), Ref("dv-hotline")),
    ),
    WORDS.step(
        "minor",
        guide="under-18",
        include_when=MINOR | AGE_UNSURE,
        placements=(Placement(ALWAYS, "now", 1),),
        lines=(
            Line("talk-first", HELPER & MINOR),
            Line("services-minor", MINOR),
            Line("services-age-unsure", AGE_UNSURE),
            Line("take-it-down", HAS_COPY),
            Line("take-it-down-if-copy", COPY_UNSURE),
            Line("cybertipline-no-copy", NO_COPY),
            Line("cybertipline", ~NO_COPY),
            Line("never-share"),
        ),
        referrals=(Ref("take-it-down", ~NO_COPY), Ref("cybertipline")),
    ),
    WORDS.step(
        "sextortion",
        guide="threats",
        include_when=THREAT,
        placements=(
            Placement(URGENT_DEMAND, "now", 2),
            Placement(ALWAYS, "now", 4),
        ),
        lines=(
            Line("not-your-fault"),
            Line("no-pay-urgent", URGENT_DEMAND),
            Line("no-pay", ~URGENT_DEMAND),
            Line("blocking-may-anger", DANGER),  # before the line that says to block
            Line("stop-replying"),
            Line("report-account"),
            Line("cybertipline-minor", MINOR),
            Line("cybertipline-age-unsure", AGE_UNSURE),
            Line("crisis"),
        ),
        referrals=(Ref("fbi"), Ref("cybertipline", MINOR | AGE_UNSURE), Ref("crisis-988")),
    ),
    WORDS.step(
        "evidence",
        guide="records",
        include_when=ALWAYS,
        placements=(Placement(ALWAYS, "now", 3),),
        lines=(  # what not to do comes before what to do
            Line("not-the-picture-minor", MINOR),
            Line("not-the-picture-age-unsure", AGE_UNSURE),
            Line("write-down", ~THREAT_ONLY),
            Line("save-threats", THREAT),
            Line("screenshots", ~MINOR & ~AGE_UNSURE & ~THREAT_ONLY),
            Line("ask-for-help"),
        ),
        referrals=(Ref("ccri-safety-center"),),
    ),
    WORDS.step(
        "remove",
        guide="removal",
        include_when=SHARED | SITUATION_UNSURE,
        placements=(Placement(ALWAYS, "next", 5),),
        lines=(
            Line("report-if-posted", SITUATION_UNSURE & ~SHARED),
            Line("report-each-site", SHARED),
            Line("law-48-hours"),
            Line("ftc-if-not-removed"),
            Line("private-messages", has("where", "messaging")),
            Line("authorized-person", HELPER),
        ),
        referrals=(Ref("tida-notice"), Ref("removal-kit"), Ref("ftc-takeitdown")),
        platforms_from_where=True,
    ),
    WORDS.step(
        "search",
        guide="search",
        include_when=SHARED & SEARCH_NEEDED,
        placements=(Placement(ALWAYS, "next", 6),),
        lines=(
            Line("search-engines"),
            Line("google-fake-form", FAKE | KIND_UNSURE),
        ),
        referrals=(
            Ref("google-search", KIND_REAL | KIND_UNSURE),
            Ref("google-search-fake", FAKE | KIND_UNSURE),
            Ref("bing"),
        ),
    ),
    WORDS.step(
        "deepfake",
        guide="fakes",
        include_when=FAKE,
        placements=(Placement(ALWAYS, "next", 7),),
        lines=(
            Line("still-covered"),
            Line("stopncii-fakes", ~MINOR & ~AGE_UNSURE),
            Line("google-fake-form"),
        ),
        referrals=(Ref("google-search-fake"), Ref("stopncii", ~MINOR & ~AGE_UNSURE & HAS_COPY)),
    ),
    WORDS.step(
        "copyright",
        guide="copyright",
        include_when=SELF_TAKEN & KIND_REAL & ~MINOR & ~THREAT_ONLY,  # a notice goes to a site that has it
        placements=(Placement(ALWAYS, "next", 8),),
        lines=(
            Line("you-own-it"),
            Line("notice-is-shared"),
            Line("not-if-minor", AGE_UNSURE),
        ),
        referrals=(Ref("dmca-notice"),),
    ),
    WORDS.step(
        "prevent",
        guide="hashing",
        include_when=~MINOR & HAS_COPY,
        placements=(Placement(ALWAYS, "next", 9),),
        lines=(
            Line("stopncii"),
            Line("threats-too", THREAT),
            Line("adults-only", ~AGE_UNSURE),
            Line("age-unsure", AGE_UNSURE),
            Line("partner-sites-only"),
        ),
        referrals=(Ref("stopncii"), Ref("take-it-down", AGE_UNSURE)),
    ),
    WORDS.step(
        "report",
        guide="reporting",
        include_when=ALWAYS,
        placements=(Placement(THREAT, "next", 10), Placement(ALWAYS, "later", 10)),
        lines=(
            Line("police"),
            Line("fbi-threats", THREAT),
            Line("ftc"),
        ),
        referrals=(Ref("fbi", THREAT), Ref("cybertipline", MINOR), Ref("ftc-report")),
    ),
    WORDS.step(
        "law",
        guide="law",
        include_when=ALWAYS,
        placements=(Placement(ALWAYS, "later", 11),),
        lines=(
            Line("federal"),
            Line("sue", ~THREAT_ONLY),
            Line("sue-fakes", FAKE | KIND_UNSURE),
            Line("all-states", ~STATE_GIVEN),
            Line("your-state", STATE_GIVEN),
        ),
        referrals=(Ref("state-law", STATE_GIVEN), Ref("ccri-safety-center")),
    ),
    WORDS.step(
        "support",
        guide="support",
        include_when=ALWAYS,
        placements=(Placement(ALWAYS, "later", 12),),
        lines=(
            Line("not-your-fault"),
            Line("helplines"),
        ),
        referrals=(Ref("ccri-helpline"), Ref("crisis-988"), Ref("crisis-text-line"),
                   Ref("rainn"), Ref("ccri-safety-center")),
    ),
)

STEP_BY_ID: dict[str, StepDef] = {s.id: s for s in STEPS}
