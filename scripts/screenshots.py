"""Save screenshots of the main pages (desktop and mobile) to docs/screenshots/.

Runs the app under gunicorn and Debian's Chromium, like the browser tests.
Usage: .venv/bin/python scripts/screenshots.py
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM_FLAGS, find_chromium, skip_to_plan, translator  # noqa: E402
from tests.servers import free_port, gunicorn, static_host  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def shoot(page, name):
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def walk(page, label, lang="en"):
    T, prefix, suffix = translator(lang), "/es" if lang == "es" else "", "" if lang == "en" else f"-{lang}"
    page.goto(prefix + "/")
    shoot(page, f"start-{label}{suffix}")
    page.get_by_role("button", name=T("Start")).click()
    shoot(page, f"question-{label}{suffix}")
    page.get_by_role("button", name=T("Continue")).click()
    shoot(page, f"error-{label}{suffix}")
    page.goto(prefix + "/")
    page.get_by_role("button", name=T("Start")).click()
    for code in ("no", "self", "threatened", "money"):
        page.locator(f"main input[value={code}]").check()
        page.get_by_role("button", name=T("Continue")).click()
    skip_to_plan(page, T)
    shoot(page, f"plan-{label}{suffix}")


HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example University</title>
<style>body{{font:18px/1.5 Georgia,serif;margin:0}}header{{background:#3b2a5c;color:#fff;padding:1rem 2rem}}
main{{padding:1rem 2rem;max-width:40rem}}</style></head><body><header><strong>Example University</strong>
· Student support</header><main><h1>Support and wellbeing</h1><p>Our advisers are here for you.
If private pictures of you were shared or someone is threatening to share them, use the
guide below, or press “Get help”.</p></main>
<script src="{app}/embed.js" data-site="demo" async></script></body></html>"""


def widget(browser, tmp):
    host_port, app_port = free_port(), free_port()
    (tmp / "index.html").write_text(HOST_PAGE.format(app=f"http://localhost:{app_port}"))
    env = {"HELP_EMBED_SITES": f"demo=http://127.0.0.1:{host_port}"}
    with static_host(tmp, host_port) as host, gunicorn(port=app_port, env=env):
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        page.goto(host + "/index.html")
        page.get_by_role("button", name="Get help").click()
        page.frame_locator("iframe").locator("h1").wait_for()
        page.wait_for_timeout(300)
        page.screenshot(path=str(OUT / "widget-desktop.png"))
        page.close()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        widget(browser, Path(tmp))
        browser.close()
    with gunicorn() as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        for label, viewport in (("desktop", {"width": 1000, "height": 800}),
                                ("mobile", {"width": 360, "height": 740})):
            for lang in ("en", "es"):
                page = browser.new_page(base_url=base, viewport=viewport)
                walk(page, label, lang)
                page.close()
        browser.close()


if __name__ == "__main__":
    main()
