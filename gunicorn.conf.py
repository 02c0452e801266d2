"""gunicorn settings: `gunicorn -c gunicorn.conf.py wsgi:app`. All from the environment.

gunicorn must only ever sit behind a buffering proxy (deploy/): alone, a few dozen slow
clients hold all its threads. See the README, "Before going live".
"""

import multiprocessing
import os

from app import serving

bind = os.environ.get("HELP_BIND", "127.0.0.1:8000")
worker_class = "gthread"  # threads: browsers' idle speculative connections cannot block a worker
workers = int(os.environ.get("HELP_WORKERS", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("HELP_THREADS", 4))
timeout = int(os.environ.get("HELP_TIMEOUT", 30))
# Off by default: the people using this may be in danger; we keep no record of visits.
accesslog = os.environ.get("HELP_ACCESS_LOG") or None
# If an operator turns it on, app/serving.py writes: time, method, route pattern (never
# the typed path), status, duration. No IP, query, referrer, user agent or headers.
logger_class = serving.PrivateLogger
errorlog = "-"
loglevel = os.environ.get("HELP_LOG_LEVEL", "warning").lower()
pre_request = serving.pre_request
serving.install()  # gunicorn's raw 400 page without its echo of the request line
# One place decides what a proxy may tell the app: its ProxyFix (HELP_PROXY_HOPS).
# gunicorn itself trusts no forwarded header from anyone.
forwarded_allow_ips = ""
secure_scheme_headers = {}
forwarder_headers = ""


def post_worker_init(worker):
    """Build each language's plan text and referral cards as the worker starts, not while the
    first visitor waits (app/web/core/warm.py)."""
    from app.web.core import warm

    if "directory" in getattr(worker.wsgi, "extensions", {}):  # bench/hello.py runs under these settings too
        warm.warm(worker.wsgi)
