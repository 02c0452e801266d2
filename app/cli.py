"""`flask flow ...` and `flask links ...`: tools for the people who keep the content right.

Registered as Flask command plugins (pyproject entry points), so `flask flow check`
runs even when the content is broken and the app itself would refuse to start.
"""

from __future__ import annotations

import json
import sys
import textwrap
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import click

from app import content_checks, flow, graph
from app import directory as directory_module


@click.group(help="Check, draw and explain the decision flow.")
def flow_cli():
    pass


def _content_dir() -> Path:
    from config import Config

    return Path(Config.CONTENT_DIR)


@flow_cli.command("check", help="Static checks over the flow and the content. Exit 1 on any error.")
@click.option("--content-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=_content_dir,
              show_default="HELP_CONTENT_DIR, else app/content", help="The content files to check.")
@click.option("--warn-age-days", default=directory_module.REVIEW_WARN_DAYS, show_default=True,
              help="Warn about entries reviewed longer ago.")
@click.option("--fail-age-days", default=directory_module.REVIEW_FAIL_DAYS, show_default=True,
              help="Fail on entries reviewed longer ago.")
def flow_check(content_dir: Path, warn_age_days: int, fail_age_days: int):
    findings = content_checks.check(content_dir, warn_age_days=warn_age_days, fail_age_days=fail_age_days)
    errors = [f for f in findings if f.level == "error"]
    for finding in findings:
        click.echo(str(finding), err=finding.level == "error")
    content = None if errors and errors[0].where == "content" else directory_module.load(content_dir)
    if content:
        records = sum(1 for _ in content.all_records())
        states = content.states.values()
        click.echo(f"State laws: {sum(1 for s in states if s.statute)} of {len(states)} jurisdictions show their "
                   f"statute's citation, {sum(1 for s in states if s.statute_url)} link its official text.")
        policy = content.source_policy
        classes = [policy.classify(src) for record in content.all_records() for src in record.sources]
        click.echo("Sources: " + ", ".join(f"{classes.count(c)} {c}" for c in ("owner", "official", "trusted")))
        click.echo(f"{len(flow.QUESTIONS)} questions, {len(flow.STEPS)} steps, {records} content entries checked: "
                   f"{len(errors)} errors, {len(findings) - len(errors)} warnings")
    sys.exit(1 if errors else 0)


@flow_cli.command("graph", help="The decision flow as a diagram: questions -> steps -> referrals.")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True)
def flow_graph(fmt: str):
    click.echo(graph.mermaid() if fmt == "mermaid" else graph.dot(), nl=False)


def _parse_answers(pairs: tuple[str, ...]) -> dict:
    answers = {}
    for pair in pairs:
        qid, sep, raw = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"{pair!r}: write question=code, e.g. danger=no", param_hint="--answer")
        try:
            value = flow.parse_answer(qid.strip(), [v.strip() for v in raw.split(",")])
        except flow.AnswerError as exc:
            question = flow.QUESTION_BY_ID.get(qid.strip())
            codes = f" (codes: {', '.join(question.codes)})" if question else \
                f" (questions: {', '.join(flow.QUESTION_BY_ID)})"
            raise click.BadParameter(f"{pair!r}: {exc.message}{codes}", param_hint="--answer") from None
        if value is not None:
            answers[qid.strip()] = value
    return answers


@flow_cli.command("explain", help="Print the plan for some answers, e.g. --answer danger=no "
                                  "--answer situation=shared,threatened")
@click.option("--answer", "pairs", multiple=True, metavar="QUESTION=CODE[,CODE]")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (the API's plan shape).")
def flow_explain(pairs: tuple[str, ...], as_json: bool):
    answers = _parse_answers(pairs)
    content = directory_module.load(_content_dir())
    plan = flow.build_plan(answers, content.platforms_by_where)
    ignored = sorted(set(answers) - set(flow.normalize(answers)))
    if as_json:
        from app import create_app
        from app.presenter import plan_data

        with create_app().app_context():  # the API's own presenter, so the shape is the API's
            click.echo(json.dumps({"plan": plan_data(plan, content), "ignored": ignored}, indent=2))
        return
    click.echo("Answers: " + (", ".join(f"{k}={v if isinstance(v, str) else ','.join(sorted(v))}"
                                        for k, v in flow.normalize(answers).items()) or "(none: all skipped)"))
    if ignored:
        click.echo(f"Ignored (the flow would not ask them): {', '.join(ignored)}")
    titles = {"now": "RIGHT NOW", "next": "NEXT", "later": "WHEN YOU'RE READY"}
    number = 0
    for group in flow.GROUPS:
        steps = [s for s in plan.steps if s.group == group]
        if not steps:
            continue
        click.echo(f"\n== {titles[group]} ==")
        for step in steps:
            number += 1
            click.echo(f"\n{number}. {step.title}  [{step.id}]")
            for line in step.lines:
                click.echo(textwrap.fill(line % content.facts, 88, initial_indent="   ", subsequent_indent="   "))
            for ref in step.referrals:
                found = content.referral(ref, plan.state)
                click.echo("   -> " + (found.line() if found else ref))


@click.group(help="Check the outside links in the content.")
def links_cli():
    pass


def check_url(url: str, timeout: float) -> tuple[str, str, str]:
    """(url, status, final url). HEAD first, GET when HEAD is refused; follows redirects."""
    headers = {"User-Agent": "help-guide-link-check/1"}
    last_error = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return url, str(response.status), response.geturl()
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code in (403, 405, 501):
                continue
            return url, str(err.code), err.geturl() or url
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            reason = getattr(err, "reason", err)
            last_error = "timeout" if "timed out" in str(reason) else f"error: {reason}"
            if method == "HEAD":
                continue
    return url, last_error, url


@links_cli.command("check", help="Check every outside URL in the content (or the URLs given). Exit 1 if any is broken.")
@click.argument("urls", nargs=-1)
@click.option("--timeout", default=10.0, show_default=True, help="Seconds per request.")
@click.option("--concurrency", default=8, show_default=True, help="Requests at once.")
def links_check(urls: tuple[str, ...], timeout: float, concurrency: int):
    targets = list(urls) or content_checks.all_urls(directory_module.load(_content_dir()))
    results = []
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        futures = [pool.submit(check_url, url, timeout) for url in targets]
        with click.progressbar(as_completed(futures), length=len(futures), label="Checking links",
                               file=sys.stderr) as bar:
            for future in bar:
                results.append(future.result())
    results.sort(key=lambda r: targets.index(r[0]))
    broken = [r for r in results if not r[1].isdigit() or int(r[1]) >= 400]
    width = max((len(r[0]) for r in results), default=3)
    click.echo(f"{'URL':<{width}}  {'STATUS':<14}  FINAL URL")
    for url, status, final in results:
        mark = "BROKEN " if (url, status, final) in broken else ""
        click.echo(f"{url:<{width}}  {mark + status:<14}  {final if final != url else ''}")
    click.echo(f"{len(results)} links checked, {len(broken)} broken")
    sys.exit(1 if broken else 0)
