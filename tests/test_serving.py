"""Serving settings: gunicorn config and the health check."""

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_gunicorn_access_log_off_and_clean(monkeypatch):
    monkeypatch.delenv("HELP_ACCESS_LOG", raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["accesslog"] is None
    assert conf["worker_class"] == "gthread"
    for leaky in ("%(h)s", "%(r)s", "%(q)s", "%(f)s", "%(a)s"):
        assert leaky not in conf["access_log_format"]


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 204 and response.data == b""
    assert "Set-Cookie" not in response.headers
