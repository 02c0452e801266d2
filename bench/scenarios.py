"""The requests bench/throughput and bench/cost.py measure: name -> (method, path, content type, body).

English first, then the same requests in Spanish (issue 14's URLs: /es/, /es/q, /es/plan,
/api/v1/plan?lang=es). A build without Spanish routing answers those with 404: the benchmark
then reports the row as n/a instead of measuring an error page.
"""

PLAN_FORM = ("danger=no&situation=shared&situation=threatened&demand=money&where=social&where=search"
             "&age=under18&copy=yes&kind=ai&state=TX")
QUESTION_FORM = "danger=no&for_whom=self&situation=shared&_seen=danger&_seen=for_whom&_q=situation&_nav=continue"
PLAN_JSON = ('{"answers":{"danger":"no","situation":["shared","threatened"],"demand":["money"],'
             '"where":["social","search"],"age":"under18","copy":"yes","kind":"ai","state":"TX"}}')
FORM = "application/x-www-form-urlencoded"


def _scenarios(prefix: str, query: str) -> dict:
    return {
        "start page": ("GET", prefix + "/", None, None),
        "question POST": ("POST", prefix + "/q", FORM, QUESTION_FORM),
        "plan page POST": ("POST", prefix + "/plan", FORM, PLAN_FORM),
        "plan API": ("POST", "/api/v1/plan" + query, "application/json", PLAN_JSON),
    }


ENGLISH = _scenarios("", "")
SPANISH = _scenarios("/es", "?lang=es")
SCENARIOS = {**{f"{k} (en)": v for k, v in ENGLISH.items()}, **{f"{k} (es)": v for k, v in SPANISH.items()}}
