"""Real servers for tests: the app under gunicorn (gthread), and nginx in front."""

from __future__ import annotations

import contextlib
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, what: str) -> None:
    for _ in range(150):
        if proc.poll() is not None:
            break
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    proc.kill()
    out = proc.stdout.read().decode(errors="replace") if proc.stdout else "(see its log file)"
    pytest.fail(f"{what} did not start: {out}")


@contextlib.contextmanager
def gunicorn(port: int | None = None, env: dict | None = None, log_path: Path | None = None,
             venv: Path | None = None, cwd: Path = ROOT):
    """The app as deployed: gunicorn -c gunicorn.conf.py wsgi:app. Yields its base URL.
    With `venv`, that virtualenv's gunicorn, run in `cwd` (which must hold gunicorn.conf.py)."""
    port = port or free_port()
    environ = {**os.environ, "HELP_BIND": f"127.0.0.1:{port}", "HELP_WORKERS": "1", **(env or {})}
    out = open(log_path, "wb") if log_path else subprocess.PIPE
    executable = venv / "bin" / "gunicorn" if venv else Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [str(executable), "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=cwd, env=environ, stdout=out, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", proc, "gunicorn")
        yield base
    finally:
        proc.terminate()
        proc.wait(10)
        if log_path:
            out.close()


def find_nginx() -> str:
    for candidate in (os.environ.get("NGINX"), "/usr/sbin/nginx", shutil.which("nginx")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("No nginx found. Install it (Debian: apt-get install nginx) or set NGINX=/path; "
                "`make test` does this for you.", pytrace=False)


def _deployed(name: str, workdir: Path) -> str:
    """A deploy/ nginx file with its production paths pointed at this checkout and workdir."""
    text = (ROOT / "deploy" / name).read_text()
    return (text.replace("/srv/help-guide/deploy/nginx-", f"{workdir}/nginx-")
            .replace("/srv/help-guide", str(ROOT)).replace("/var/log/nginx/", f"{workdir}/"))


def _mounted(locations: str, prefix: str) -> str:
    """nginx-locations.conf with the app under `prefix`: nginx strips it and says so in
    X-Forwarded-Prefix, as a site that mounts the guide at /help would."""
    edits = [
        ("location /static/ {", f"location {prefix}/static/ {{"),
        ("location = /healthz {\n    access_log off;\n    proxy_pass http://help_guide;",
         f"location = {prefix}/healthz {{\n    access_log off;\n    proxy_pass http://help_guide/healthz;"),
        ("location / {\n    proxy_pass http://help_guide;", f"location {prefix}/ {{\n    proxy_pass http://help_guide/;"),
        ('proxy_set_header X-Forwarded-Prefix "";', f"proxy_set_header X-Forwarded-Prefix {prefix};"),
    ]
    for old, new in edits:
        assert locations.count(old) == 1, f"deploy/nginx-locations.conf changed: {old!r}"
        locations = locations.replace(old, new)
    return locations


@contextlib.contextmanager
def nginx(upstreams: list[str], workdir: Path, prefix: str = "", client_timeout: int | None = None):
    """nginx on loopback with deploy/'s production config (nginx-main.conf's limits, the site's
    http context, the unknown-host default server, nginx-locations.conf) in front of the given
    gunicorn base URLs, minus TLS. Our server answers to help.test and 127.0.0.1; any other
    Host meets the default server. With a `prefix` ("/help") the app is mounted there. With
    `client_timeout`, the client header and body timeouts are that many seconds (a test of
    what nginx does when they run out need not wait for the deployed values).
    Yields (base URL, access log path); logs are in workdir."""
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    for name in ("nginx-locations.conf", "nginx-errors.conf", "nginx-unknown-host.conf"):
        text = _deployed(name, workdir)
        (workdir / name).write_text(_mounted(text, prefix) if prefix and name == "nginx-locations.conf" else text)
    main_conf = (ROOT / "deploy" / "nginx-main.conf").read_text()
    limits = {key: re.search(rf"^\s*{key} (\d+);", main_conf, re.M).group(1)
              for key in ("worker_rlimit_nofile", "worker_connections")}
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    http_context = site[site.index("# http context"):site.index("# end http context")]
    if client_timeout is not None:
        http_context = re.sub(r"^(client_(?:header|body)_timeout) \d+s;", rf"\1 {client_timeout}s;", http_context,
                              flags=re.M)
    servers = "\n".join(f"    server {u.removeprefix('http://')};" for u in upstreams)
    (workdir / "nginx.conf").write_text(f"""
daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
worker_rlimit_nofile {min(int(limits["worker_rlimit_nofile"]), resource.getrlimit(resource.RLIMIT_NOFILE)[1])};
error_log {workdir}/error.log info;  # the site must lower this itself (crit)
events {{ worker_connections {limits["worker_connections"]}; }}
http {{
  include /etc/nginx/mime.types;
  client_body_temp_path {workdir}/body;
  proxy_temp_path {workdir}/proxy;
  fastcgi_temp_path {workdir}/fastcgi;
  uwsgi_temp_path {workdir}/uwsgi;
  scgi_temp_path {workdir}/scgi;
  {http_context}
  upstream help_guide {{
{servers}
    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port} default_server;
    include {workdir}/nginx-unknown-host.conf;
  }}
  server {{
    listen 127.0.0.1:{port};
    server_name help.test 127.0.0.1;
    include {workdir}/nginx-locations.conf;
  }}
}}
""")
    # Output to a file: nginx's workers would hold a pipe open after a failed start.
    with open(workdir / "stdout.log", "wb") as out:
        proc = subprocess.Popen([find_nginx(), "-c", str(workdir / "nginx.conf"), "-p", str(workdir)],
                                stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + prefix + "/healthz", proc, "nginx")
        yield base, workdir / "help-guide.access.log"
    finally:
        proc.terminate()
        proc.wait(10)


@contextlib.contextmanager
def static_host(folder: Path, port: int | None = None):
    """A plain HTTP server for host-page fixtures (another site than the app)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    port = port or free_port()
    handler = functools.partial(Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
