"""The shipped nginx config holds at its limits: bodies never touch a disk, slow clients
are held cheaply and dropped, /embed.js is compressed, and the soak mix runs through it.
Loopback only, bounded in count and seconds; no timing figure is asserted (those are
in docs/benchmarks.md)."""

import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.rawhttp import head_of, raw, status_of
from tests.servers import ROOT, find_nginx, gunicorn, nginx

pytestmark = pytest.mark.server


CLIENT_TIMEOUT = 2


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    work = tmp_path_factory.mktemp("nginx")
    with gunicorn(env={"HELP_PROXY_HOPS": "1", "HELP_TRUSTED_HOSTS": "help.test 127.0.0.1"}) as app:
        # Client timeouts of 2 s: the deployed values (10 s) are checked in test_deployed_limits.
        with nginx([app], work, client_timeout=CLIENT_TIMEOUT) as (base, _):
            yield base, work


def post(base, path, fields):
    body = urlencode(fields).encode()
    return raw(base, b"POST %s HTTP/1.1\r\nHost: help.test\r\nConnection: close\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s"
               % (path.encode(), len(body), body))


def test_letters_never_touch_a_disk(stack):
    base, work = stack
    # A full (here: missing) disk for nginx's temporary files: a body written there is a 500.
    for temp in ("body", "proxy"):
        shutil.rmtree(work / temp, ignore_errors=True)
        (work / temp).write_text("not a directory")
    letter = {"sender": "self", "full_name": "Alex Example", "email": "alex@example.com", "platform": "x",
              "locations": "https://example.com/p/1", "description": "a photo", "kind": "authentic",
              "minor": "no"}
    padding = {f"note{i}": "x" * 9000 for i in range(6)}  # ~55 KB: a long letter, under the app's limit
    reply = post(base, "/letters/removal/download", {**letter, **padding})
    assert status_of(reply) == 200, head_of(reply)
    assert b"Alex Example" in reply
    assert status_of(post(base, "/q", padding)) == 200


def test_slow_clients_are_held_by_nginx_and_then_dropped(stack):
    base, _ = stack
    url = urlsplit(base)
    slow = []
    for i in range(160):  # slowloris: headers that never end; and bodies that never come
        sock = socket.create_connection((url.hostname, url.port), timeout=5)
        if i % 4:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: help.test\r\nX-Slow: ")
        else:
            sock.sendall(b"POST /q HTTP/1.1\r\nHost: help.test\r\nContent-Length: 10000\r\n"
                         b"Content-Type: application/x-www-form-urlencoded\r\n\r\ndanger=")
        slow.append(sock)
    try:
        for _ in range(5):  # a person still gets through while all of them are held
            assert status_of(raw(base, b"GET / HTTP/1.1\r\nHost: help.test\r\nConnection: close\r\n\r\n")) == 200
        # ...and nginx lets none of them linger past its header and body timeouts.
        deadline = time.monotonic() + CLIENT_TIMEOUT + 6
        for sock in slow:
            sock.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                while sock.recv(4096):
                    pass
            except ConnectionResetError:
                pass
            except TimeoutError:
                pytest.fail("nginx held a stalled connection past its timeouts")
    finally:
        for sock in slow:
            sock.close()


def test_deployed_limits(stack):
    """What the behaviour above rests on, for the parts a test cannot wait for."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    http_context = site[site.index("# http context"):site.index("# end http context")]
    for timeout in ("client_header_timeout", "client_body_timeout", "send_timeout", "keepalive_timeout"):
        seconds = int(re.search(rf"^{timeout} (\d+)s;", http_context, re.M).group(1))
        assert seconds <= 15, timeout
    locations = (ROOT / "deploy" / "nginx-locations.conf").read_text()
    assert re.search(r"^client_body_buffer_size (\S+);", locations, re.M).group(1) == \
        re.search(r"^client_max_body_size (\S+);", locations, re.M).group(1)
    assert "proxy_max_temp_file_size 0;" in locations
    main = (ROOT / "deploy" / "nginx-main.conf").read_text()
    connections = int(re.search(r"worker_connections (\d+);", main).group(1))
    assert connections >= 8192  # Debian's 768 fell to ~1,550 idle connections from one host
    assert int(re.search(r"worker_rlimit_nofile (\d+);", main).group(1)) >= 2 * connections


def test_embed_loader_is_gzipped(stack):
    base, _ = stack
    reply = raw(base, b"GET /embed.js HTTP/1.1\r\nHost: help.test\r\nAccept-Encoding: gzip\r\n"
                b"Connection: close\r\n\r\n")
    head = head_of(reply).lower()
    assert status_of(reply) == 200 and "content-type: text/javascript" in head
    assert "content-encoding: gzip" in head


def test_the_soak_mix_runs_through_nginx(stack):
    base, _ = stack
    wrk = shutil.which("wrk") or pytest.fail("wrk is missing: `make test` installs it (scripts/system-deps.sh)")
    # No -H: every request must carry the URL's Host (127.0.0.1, one of the test site's names).
    out = subprocess.run([wrk, "-t1", "-c4", "-d2s", "-s", str(Path("bench/mix.lua")), base],
                         cwd=ROOT, capture_output=True, text=True, timeout=30).stdout
    summary = re.search(r"SOAK requests=(\d+) errors=(\d+) non2xx=(\d+)", out)
    assert summary, out
    requests, errors, non2xx = map(int, summary.groups())
    assert requests > 10 and errors == 0 and non2xx == 0, out


def test_the_shipped_nginx_config_is_valid(tmp_path):
    """nginx -t on deploy/ as installed (main config, site with its TLS and default servers),
    with a throwaway certificate and paths moved into tmp_path."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=help.example.org", "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"],
                   check=True, capture_output=True, timeout=60)
    moves = {"/srv/help-guide/deploy/nginx-": f"{tmp_path}/nginx-", "/srv/help-guide": str(ROOT),
             "/var/log/nginx/": f"{tmp_path}/", "/run/nginx.pid": f"{tmp_path}/nginx.pid",
             "/etc/ssl/certs/help.example.org.pem": f"{tmp_path}/cert.pem",
             "/etc/ssl/private/help.example.org.key": f"{tmp_path}/key.pem",
             "include /etc/nginx/modules-enabled/*.conf;": "", "include /etc/nginx/conf.d/*.conf;": "",
             "/etc/nginx/sites-enabled/*": f"{tmp_path}/nginx.conf", "user www-data;": ""}
    for name in ("nginx-main.conf", "nginx.conf", "nginx-locations.conf", "nginx-errors.conf",
                 "nginx-unknown-host.conf"):
        text = (ROOT / "deploy" / name).read_text()
        for old, new in moves.items():
            text = text.replace(old, new)
        (tmp_path / name).write_text(text)
    check = subprocess.run([find_nginx(), "-t", "-c", str(tmp_path / "nginx-main.conf"), "-p", str(tmp_path)],
                           capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    assert "[warn]" not in check.stderr, check.stderr
