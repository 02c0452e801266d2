"""Serving settings: gunicorn config and the health check."""

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_gunicorn_access_log_off_and_clean(monkeypatch):
    monkeypatch.delenv("HELP_ACCESS_LOG", raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["accesslog"] is None
    assert conf["worker_class"] == "gthread"
    # The access line is built by our logger class (time, method, route, status, duration);
    # gunicorn's own format, with its %(h)s, %(r)s and header atoms, is never used.
    assert conf["logger_class"].__name__ == "PrivateLogger"
    assert "access_log_format" not in conf


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 204 and response.data == b""
    assert "Set-Cookie" not in response.headers
