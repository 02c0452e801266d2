"""The pages nginx itself sends when it refuses a request before the app sees it
(deploy/_errors/, served by deploy/nginx-errors.conf). They are static files, so they are
written from one template and the catalogs by `flask deploy error-pages`, in English and
Spanish on one page: nginx refuses before any path, so before any language, is known.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import current_app, render_template
from flask.cli import AppGroup
from flask_babel import force_locale, gettext

from app.flow import N_

ERRORS_DIR = Path(__file__).resolve().parents[3] / "deploy" / "_errors"

# name -> (title, what to do); names are the files nginx-errors.conf serves.
REFUSALS: dict[str, tuple[str, str, str]] = {
    "400": (N_("Something in the request could not be read"),
            N_("Please go back and try again. Nothing you typed was kept."), "Bad Request"),
    "413": (N_("That was too much to send"),
            N_("The form was larger than we accept. Please go back and try again. Nothing you typed was kept."),
            "Payload Too Large"),
    "414": (N_("That address is too long"),
            N_("Please start again from the first page. Nothing you typed was kept."), "URI Too Long"),
    "431": (N_("That did not work"),
            N_("Your browser sent more than we accept. Please start again. Nothing you typed was kept."),
            "Request Header Fields Too Large"),
    # nginx's own 404: a static file that does not exist (every other path is the app's to answer).
    "404": (N_("Page not found"), N_("The page may have moved. You can start again, or read the guides."),
            "Not Found"),
    # No answer from the app (a worker died, every instance busy or stopping, too slow): the
    # person's form is still in their browser, so going back and sending it again is the advice.
    "unavailable": (N_("Sorry, something went wrong on our side"),
                    N_("Please go back and try again. Nothing you typed was kept."),
                    "The service could not answer. Please try again."),
    "unsupported": (N_("That did not work"),
                    N_("The request was sent in a way we do not accept. Please start again. Nothing you typed was kept."),
                    "The request was sent in a way we do not accept."),
}
LANGUAGES = ("en", "es")


def pages() -> dict[str, str]:
    """file name -> content, for every refusal (HTML for people, JSON under /api/). Needs an app context."""
    out = {}
    for name, (title, advice, api_message) in REFUSALS.items():
        texts = {}
        for lang in LANGUAGES:
            with force_locale(lang):
                texts[lang] = {"title": gettext(title), "advice": gettext(advice),
                               "start": gettext("Start again"), "exit": gettext("Quick exit")}
        out[f"{name}.html"] = render_template("refusal.html", texts=texts, site_name=current_app.config["SITE_NAME"],
                                              exit_url=current_app.config["EXIT_URL"]) + "\n"
        out[f"{name}.json"] = json.dumps({"error": {"message": api_message}}) + "\n"
    return out


deploy_cli = AppGroup("deploy", help="Files the deployment serves (nginx's own refusal and error pages).")


@deploy_cli.command("error-pages", help="Write deploy/_errors/ from the template and the catalogs. "
                                        "With --check, only say whether the files are up to date.")
@click.option("--check", is_flag=True, help="Exit 1 if a file differs from what would be written.")
def error_pages(check: bool):
    stale = []
    for name, content in pages().items():
        path = ERRORS_DIR / name
        if path.exists() and path.read_text(encoding="utf-8") == content:
            continue
        stale.append(name)
        if not check:
            path.write_text(content, encoding="utf-8")
    if check and stale:
        raise click.ClickException(f"out of date: {', '.join(stale)} (run `flask deploy error-pages`)")
    click.echo(f"{len(stale)} written" if not check else "up to date")
