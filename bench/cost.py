#!/usr/bin/env python3
"""Per-request cost in the test client (never a test, never gates CI): for each bench/throughput
scenario, the mean CPU time per request (process time, so other work on the machine counts less) of the fastest of five batches, and optionally a cProfile
of one of them.

    .venv/bin/python bench/cost.py [--n 2000] [--profile "plan API"] [--top 25]

It calls the WSGI app in-process with a prepared environ (no sockets, no gunicorn, no test
client), after building what gunicorn builds as each worker starts (app/web/core/warm.py), so it
shows what the app itself costs per request; bench/throughput shows what a visitor sees.
"""

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

from werkzeug.test import EnvironBuilder

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scenarios import SCENARIOS  # noqa: E402


def request_fn(app, scenario):
    """One request to the WSGI app, its whole body read, as a server would."""
    method, path, ctype, body = scenario
    environ = EnvironBuilder(path=path, method=method, data=body, content_type=ctype).get_environ()
    raw = body.encode() if body else b""
    status = []

    def start_response(line, headers, exc_info=None):
        status.append(int(line.split()[0]))

    def call():
        env = dict(environ)
        env["wsgi.input"] = io.BytesIO(raw)
        out = app(env, start_response)
        try:
            b"".join(out)
        finally:
            getattr(out, "close", lambda: None)()
        return status.pop()

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--profile", help="a scenario name to profile (cProfile)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime", help="cProfile sort key: tottime or cumulative")
    args = parser.parse_args()
    import hello

    from app import create_app
    from app.web.core import warm

    app = create_app()
    warm.warm(app)  # as gunicorn.conf.py does for each worker
    clients = {"app": app, "hello": hello.app}
    for name, scenario in SCENARIOS.items():
        row = []
        for which, client in clients.items():
            target = scenario if which == "app" else (scenario[0], "/", scenario[2], scenario[3])
            call = request_fn(client, target)
            status = call()
            for _ in range(50):
                call()
            batches = []
            for _ in range(5):  # the fastest of five batches: the least disturbed by other work
                start = time.process_time()
                for _ in range(args.n // 5):
                    call()
                batches.append((time.process_time() - start) / (args.n // 5) * 1000)
            row.append(min(batches))
            if which == "app" and status >= 400:
                row.append(None)
                break
        if row[-1] is None:
            print(f"{name:<22} n/a (HTTP {status}: not served by this build)")
            continue
        print(f"{name:<22} app {row[0]:.3f} ms   hello {row[1]:.3f} ms   ratio {row[1] / row[0]:.2f}")
    if args.profile:
        call = request_fn(clients["app"], SCENARIOS[args.profile])
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.n):
            call()
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
