"""Plain language: a US grade 6-8 reading level or easier (Flesch-Kincaid), measured on
what people read: the questions, every plan step, the start page and every guide."""

import re

import textstat

from app import flow
from tests.conftest import find_all, parse, text_of

MAX_GRADE = 8.0  # the guide's ceiling for whole pages
MAX_SENTENCE_GRADE = 10.0  # one hard sentence is allowed to stretch, not more


def engine_texts() -> list[str]:
    texts = []
    voiced = [v for q in flow.QUESTIONS for v in (q.title, q.why, q.hint)]
    voiced += [c.label for q in flow.QUESTIONS if not q.labels for c in q.choices]
    voiced += [v for step in flow.STEPS for v in (step.title, *(line.text for line in step.lines))]
    for text in voiced:
        texts += text.msgids
    return texts


def test_engine_text_is_plain():
    texts = engine_texts()
    overall = textstat.flesch_kincaid_grade(" ".join(texts))
    print(f"\nquestions and plan steps: grade {overall}")
    assert overall <= MAX_GRADE
    hard = [(textstat.flesch_kincaid_grade(t), t) for t in texts if len(t.split()) > 6]
    assert not [t for grade, t in hard if grade > MAX_SENTENCE_GRADE], sorted(hard)[-3:]


def test_pages_are_plain(client, directory):
    paths = ["/"] + [f"/guides/{slug}" for slug in directory.guides]
    grades = {}
    for path in paths:
        main = next(el for el in find_all(parse(client.get(path).data), "main"))
        # leave out the list of source addresses and the legal name of laws
        text = text_of(main).split("Where this comes from")[0]
        text = re.sub(r"https?://\S+|\b\d+ U\.S\.C\. § \d+\b", "", text)
        grades[path] = textstat.flesch_kincaid_grade(text)
    print("\n" + "\n".join(f"{g:5} {p}" for p, g in sorted(grades.items(), key=lambda x: -x[1])))
    assert all(g <= MAX_GRADE for g in grades.values()), grades


# Spanish: the Fernández-Huerta ease score (textstat), where higher is easier; 70 and up is
# "bastante fácil". Over the start page, the guides and plans for varied answers.
ES_MEDIAN_EASE = 70.0
ES_MIN_EASE = 55.0


def _spanish_text(response) -> str:
    main = next(el for el in find_all(parse(response.data), "main"))
    text = text_of(main).split("De dónde sale esto")[0]  # "Where this comes from": the sources
    return re.sub(r"https?://\S+|\b\d+ U\.S\.C\. § \d+\b", "", text)


def test_spanish_pages_are_plain(client, directory):
    from statistics import median

    from werkzeug.datastructures import MultiDict

    from tests.page_states import PLAN_ANSWERS

    assert "De dónde sale esto" in text_of(parse(client.get("/es/guides/law").data))
    pages = {path: client.get(path) for path in ["/es/"] + [f"/es/guides/{slug}" for slug in directory.guides]}
    for name, fields in PLAN_ANSWERS.items():
        pages[f"/es/plan ({name})"] = client.post("/es/plan", data=MultiDict(fields))
    textstat.set_lang("es")
    try:
        ease = {path: textstat.fernandez_huerta(_spanish_text(r)) for path, r in pages.items()}
    finally:
        textstat.set_lang("en")
    print("\n" + "\n".join(f"{e:6.1f} {p}" for p, e in sorted(ease.items(), key=lambda x: x[1])))
    print(f"median {median(ease.values()):.1f}, lowest {min(ease.values()):.1f}")
    assert median(ease.values()) >= ES_MEDIAN_EASE, ease
    assert min(ease.values()) >= ES_MIN_EASE, ease
