"""gunicorn settings: `gunicorn -c gunicorn.conf.py wsgi:app`. All from the environment."""

import multiprocessing
import os

bind = os.environ.get("HELP_BIND", "127.0.0.1:8000")
worker_class = "gthread"  # threads: browsers' idle speculative connections cannot block a worker
workers = int(os.environ.get("HELP_WORKERS", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("HELP_THREADS", 4))
timeout = int(os.environ.get("HELP_TIMEOUT", 30))
# Off by default: the people using this may be in danger; we keep no record of visits.
accesslog = os.environ.get("HELP_ACCESS_LOG") or None
# If an operator turns it on: time, method, path without query, status, duration.
# No client IP (%(h)s), request line (%(r)s), query (%(q)s), referrer (%(f)s) or user agent (%(a)s).
access_log_format = '%(t)s %(m)s %(U)s %(s)s %(L)s'
errorlog = "-"
loglevel = os.environ.get("HELP_LOG_LEVEL", "warning").lower()
# Headers from a proxy are trusted by the app's ProxyFix (HELP_PROXY_HOPS), not here.
forwarded_allow_ips = os.environ.get("HELP_FORWARDED_ALLOW_IPS", "127.0.0.1")
