"""nginx's own refusal pages (deploy/_errors/) are what `flask deploy error-pages` writes
from the template and the catalogs: nobody edits them by hand, and none is stale."""

from app.web.core import refusals


def test_the_refusal_pages_are_up_to_date(app):
    with app.app_context():
        pages = refusals.pages()
    stale = [name for name, content in pages.items()
             if (refusals.ERRORS_DIR / name).read_text(encoding="utf-8") != content]
    assert not stale, f"run `flask deploy error-pages`: {stale}"
    # every page nginx-errors.conf serves is written, and nothing else is in the folder
    assert sorted(pages) == sorted(p.name for p in refusals.ERRORS_DIR.iterdir())


def test_each_refusal_page_speaks_english_and_spanish(app):
    with app.app_context():
        page = refusals.pages()["413.html"]
    english, spanish = page.split('<div lang="es">')
    assert "That was too much to send" in english and '<a href="/es/">' in spanish


def test_every_refusal_page_has_the_quick_exit_first(app):
    """The way out is on every page a person can see, nginx's own included (issue 26)."""
    with app.app_context():
        pages = {name: page for name, page in refusals.pages().items() if name.endswith(".html")}
    for name, page in pages.items():
        body = page.split("<body>", 1)[1]
        assert body.index('id="quick-exit"') < body.index("<main>"), name
        assert f'href="{app.config["EXIT_URL"]}"' in body, name
