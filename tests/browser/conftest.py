"""Browser fixtures: the app under real gunicorn (gthread) and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXIT_URL = "https://www.weather.gov/"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]


def find_chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("No Chromium found. Install it (Debian: apt-get install chromium) or set CHROMIUM=/path; "
                "`make test` does this for you.", pytrace=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    port = free_port()
    env = {**os.environ, "HELP_EXIT_URL": EXIT_URL}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [str(gunicorn), "-k", "gthread", "--threads", "4", "-w", "1", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("gunicorn did not start: " + proc.stdout.read().decode(errors="replace"))
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


def _context(browser, server, **kwargs):
    context = browser.new_context(base_url=server, **kwargs)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    # Never hit the network: the neutral exit site is answered locally.
    context.route("https://www.weather.gov/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title><h1>Weather</h1>"))
    context.requests = requests
    return context


@pytest.fixture
def page(browser, server):
    context = _context(browser, server)
    pg = context.new_page()
    pg.requests = context.requests
    yield pg
    context.close()


@pytest.fixture
def nojs_page(browser, server):
    context = _context(browser, server, java_script_enabled=False)
    pg = context.new_page()
    pg.requests = context.requests
    yield pg
    context.close()
