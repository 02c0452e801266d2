"""Save screenshots of the main pages (desktop and mobile) to docs/screenshots/.

Runs the app under gunicorn and Debian's Chromium, like the browser tests.
Usage: .venv/bin/python scripts/screenshots.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM_FLAGS, find_chromium  # noqa: E402
from tests.servers import gunicorn  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def shoot(page, name):
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def walk(page, label):
    page.goto("/")
    shoot(page, f"start-{label}")
    page.get_by_role("button", name="Start").click()
    shoot(page, f"question-{label}")
    page.get_by_role("button", name="Continue").click()
    shoot(page, f"error-{label}")
    page.goto("/")
    page.get_by_role("button", name="Start").click()
    for code in ("no", "self", "threatened", "money"):
        page.locator(f"main input[value={code}]").check()
        page.get_by_role("button", name="Continue").click()
    while page.locator("h1").inner_text() != "Check your answers":
        page.get_by_role("button", name="Skip this question").click()
    page.get_by_role("button", name="See my plan").click()
    shoot(page, f"plan-{label}")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with gunicorn() as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        for label, viewport in (("desktop", {"width": 1000, "height": 800}),
                                ("mobile", {"width": 360, "height": 740})):
            page = browser.new_page(base_url=base, viewport=viewport)
            walk(page, label)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
