"""Save screenshots of the main pages (desktop and mobile) to docs/screenshots/.

Runs the app under gunicorn and Debian's Chromium, like the browser tests.
Usage: .venv/bin/python scripts/screenshots.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM_FLAGS, find_chromium, server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def shoot(page, name):
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    base_gen = server.__wrapped__()
    base = next(base_gen)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
            for label, viewport in (("desktop", {"width": 1000, "height": 800}), ("mobile", {"width": 360, "height": 740})):
                page = browser.new_page(base_url=base, viewport=viewport)
                page.goto("/")
                shoot(page, f"start-{label}")
                page.get_by_role("button", name="Start").click()
                shoot(page, f"question-{label}")
                page.get_by_role("button", name="Continue").click()
                shoot(page, f"error-{label}")
                page.goto("/")
                page.get_by_role("button", name="Start").click()
                for code in ("no", "self"):
                    page.locator(f"input[value={code}]").check()
                    page.get_by_role("button", name="Continue").click()
                page.locator("input[value=threatened]").check()
                page.get_by_role("button", name="Continue").click()
                page.locator("input[value=money]").check()
                page.get_by_role("button", name="Continue").click()
                for _ in range(6):
                    if page.locator("h1").inner_text() == "Check your answers":
                        break
                    page.get_by_role("button", name="Skip this question").click()
                page.get_by_role("button", name="See my plan").click()
                shoot(page, f"plan-{label}")
                page.close()
            browser.close()
    finally:
        next(base_gen, None)


if __name__ == "__main__":
    main()
