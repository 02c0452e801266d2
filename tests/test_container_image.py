"""The OCI image as it runs (issue 26): started read-only as a non-root user with a small tmpfs,
it walks a visitor from start to plan in English and Spanish, sends its security headers, and
on SIGTERM under load lets every in-flight request finish. Loopback only, bounded in time.

`make image-test` (run by `make test`) builds the image (scripts/image-test.sh) and runs this
module with HELP_IMAGE naming it; without an image to test, it is skipped.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.conftest import assert_page_invariants, form_fields, text_of
from tests.rawhttp import _complete, raw, status_of
from tests.servers import free_port

IMAGE = os.environ.get("HELP_IMAGE")
if not IMAGE:
    pytest.skip("needs a built image: `make image-test` (part of `make test`) builds one and runs this",
                allow_module_level=True)

pytestmark = pytest.mark.server
USER = "10001"
HOST = "help.test"


def podman(*args: str, timeout: float = 60, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["podman", *args], capture_output=True, text=True, timeout=timeout, check=check)


class Container:
    """One container of the image: read-only root, /tmp a 16 MB tmpfs, no capabilities, no new
    privileges, the host's loopback only (HELP_BIND), settings from the environment."""

    def __init__(self, **env: str):
        self.port = free_port()
        env = {"HELP_BIND": f"127.0.0.1:{self.port}", "HELP_TRUSTED_HOSTS": f"{HOST} 127.0.0.1",
               "HELP_PROXY_HOPS": "1", "HELP_WORKERS": "2", **env}
        args = ["run", "-d", "--read-only", "--tmpfs", "/tmp:rw,size=16m,mode=1777", "--network", "host",
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--stop-timeout", "30"]
        for key, value in env.items():
            args += ["-e", f"{key}={value}"]
        self.id = podman(*args, IMAGE).stdout.strip()
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except OSError:
                if podman("inspect", "-f", "{{.State.Running}}", self.id, check=False).stdout.strip() != "true":
                    break
                time.sleep(0.1)
        logs = self.logs()
        self.remove()
        pytest.fail(f"the container did not start:\n{logs}")

    def logs(self) -> str:
        result = podman("logs", self.id, check=False)
        return result.stdout + result.stderr

    def remove(self) -> None:
        podman("rm", "-f", "-t", "0", self.id, check=False)


@pytest.fixture(scope="module")
def container():
    running = Container()
    try:
        yield running
    finally:
        running.remove()


class Response:
    def __init__(self, raw_response):
        self.status_code = raw_response.status
        self.headers = raw_response.headers
        self.data = raw_response.read()
        self.mimetype = (raw_response.headers.get("Content-Type") or "").split(";")[0]


def fetch(base: str, path: str, data=None, headers=None) -> Response:
    body = urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(base + path, data=body, headers={"Host": HOST, **(headers or {})})
    try:
        return Response(urllib.request.urlopen(request, timeout=10))
    except urllib.error.HTTPError as err:
        return Response(err)


def walk(base: str, prefix: str) -> tuple[int, object]:
    """A visitor's walk: the start page, then every question (the first choice, "no" where there
    is one), the check-answers page, the plan. Returns (pages seen, the plan's tree)."""
    start = fetch(base, f"{prefix}/")
    assert start.status_code == 200
    assert_page_invariants(start)
    response = fetch(base, f"{prefix}/q", data={})
    for seen in range(2, 40):
        assert response.status_code == 200, response.data[:300]
        tree = assert_page_invariants(response)
        if response.headers.get("Content-Language"):
            assert response.headers["Content-Language"].startswith(prefix.strip("/") or "en")
        question = next((i.get("value") for i in tree.iter() if i.get("name") == "_q"), None)
        if question is None:  # the check-answers page: on to the plan
            plan = fetch(base, f"{prefix}/plan", data=form_fields(tree, f"{prefix}/plan"))
            assert plan.status_code == 200
            return seen + 1, assert_page_invariants(plan)
        fields = [el for el in tree.iter() if el.get("name") == question]  # radios, checkboxes or a select
        choices = [el.get("value") for field in fields for el in field.iter() if el.get("value")]
        choice = "no" if "no" in choices else choices[0]
        response = fetch(base, f"{prefix}/q",
                         data=form_fields(tree, f"{prefix}/q") + [(question, choice), ("_nav", "continue")])
    raise AssertionError("the walk never reached the plan")


def test_it_runs_read_only_as_a_numeric_non_root_user(container):
    state = podman("inspect", "-f", "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}", container.id).stdout.split()
    assert state == [f"{USER}:{USER}", "true"]
    assert podman("exec", container.id, "id", "-u").stdout.strip() == USER
    assert podman("exec", container.id, "touch", "/srv/help-guide/x", check=False).returncode != 0
    assert podman("exec", container.id, "touch", "/tmp/x").returncode == 0
    # Nothing to build or install with in what runs.
    probe = ("import importlib.util, shutil; print([n for n in ('pip', 'cc', 'gcc', 'c++') if shutil.which(n)],"
             " importlib.util.find_spec('pip'))")
    assert podman("exec", container.id, "python3", "-c", probe).stdout.strip() == "[] None"


def test_a_visitor_walks_from_start_to_plan_in_english_and_spanish(container):
    for prefix, heading in (("", "Your next steps"), ("/es", None)):
        pages, plan = walk(container.base, prefix)
        assert pages >= 5, pages
        text = text_of(plan)
        if heading:
            assert heading in text
        assert plan.get("lang") == (prefix.strip("/") or "en")
    # The Spanish plan is the catalog's, not the English one.
    assert text_of(walk(container.base, "/es")[1]) != text_of(walk(container.base, "")[1])


def test_security_headers(container):
    page = fetch(container.base, "/", headers={"X-Forwarded-Proto": "https"})
    headers = page.headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "max-age=" in headers["Strict-Transport-Security"]  # https, as the trusted proxy says
    assert "Set-Cookie" not in headers and "no-store" in headers["Cache-Control"]
    css = re.search(rb'href="(/static/[^"]+\.css[^"]*)"', page.data).group(1).decode()
    static = fetch(container.base, css)
    assert static.status_code == 200 and static.headers["X-Content-Type-Options"] == "nosniff"
    api = fetch(container.base, "/api/v1/questions")
    assert api.status_code == 200 and api.headers["Cache-Control"] == "no-store"
    assert fetch(container.base, "/", headers={"Host": "evil.example"}).status_code == 400


def test_sigterm_during_load_fails_no_request_in_flight():
    """Clients post plans as fast as they can; six more are in the middle of sending a body when
    the container gets SIGTERM (what `podman stop` and Kubernetes send). Every request sent before
    the signal gets its whole 200; the container then exits 0 well within its grace period."""
    running = Container()
    form = urlencode([("danger", "no"), ("_seen", "danger"), ("situation", "shared")]).encode()

    def request(path: str) -> bytes:
        return (b"POST %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n"
                % (path.encode(), HOST.encode(), len(form)))

    results: list[tuple[float, int | None]] = []  # (when the request was sent, its status)
    refused_after_signal = []
    stop = threading.Event()
    signalled_at = [float("inf")]

    def load():
        while not stop.is_set():
            sent = time.monotonic()
            try:
                reply = raw(running.base, request("/plan") + form, timeout=10)
            except ConnectionRefusedError:  # the listener is closed: nothing was in flight
                refused_after_signal.append(sent)
                time.sleep(0.05)
                continue
            results.append((sent, status_of(reply) if _complete(reply) else None))

    slow = []
    try:
        threads = [threading.Thread(target=load) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        for _ in range(6):
            sock = socket.create_connection(("127.0.0.1", running.port), timeout=20)
            sock.sendall(request("/es/plan") + form[:10])  # the rest of the body is still on its way
            slow.append(sock)
        time.sleep(0.3)
        signalled_at[0] = time.monotonic()
        podman("kill", "--signal", "TERM", running.id)
        time.sleep(1)
        for sock in slow:  # the rest of each body, after the signal
            sock.sendall(form[10:])
        replies = []
        for sock in slow:
            reply = b""
            while chunk := sock.recv(65536):
                reply += chunk
            replies.append(reply)
        exit_code = podman("wait", running.id, timeout=45).stdout.strip()
        stopped_after = time.monotonic() - signalled_at[0]
    finally:
        stop.set()
        for sock in slow:
            sock.close()
        logs = running.logs()
        running.remove()
    for thread in threads:
        thread.join(15)
    in_flight = [status for sent, status in results if sent < signalled_at[0]]
    failed = [status for status in in_flight if status != 200]
    print(f"\nSIGTERM under load: {len(in_flight)} requests sent before the signal, {len(failed)} failed; "
          f"{len(refused_after_signal)} refused after it; the slow ones: {[status_of(r) for r in replies]}; "
          f"exit {exit_code} after {stopped_after:.1f} s")
    assert len(in_flight) > 50, "too little load to show anything"
    assert all(sent >= signalled_at[0] for sent in refused_after_signal), "refused before the signal"
    assert not failed, f"{len(failed)} of {len(in_flight)} in-flight requests failed: {failed[:10]}"
    for reply in replies:
        assert status_of(reply) == 200 and b'lang="es"' in reply, reply[:300]
    assert exit_code == "0", logs
    assert stopped_after < 30, "gunicorn's graceful timeout (30 s) should never be reached here"
