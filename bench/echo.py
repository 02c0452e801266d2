"""The app's own responses, served by a bare Flask app: what the responses alone cost.

bench/throughput --floor records each scenario's response (status, headers, body) from the
app and serves it from here under the same gunicorn settings. Its requests a second are the
most any Flask app could serve with those bytes and headers on this machine; the app's own
work is the gap between it and this.
"""

import base64
import json
import os

from flask import Flask, Response, request

app = Flask(__name__)
with open(os.environ["BENCH_ECHO"], encoding="utf-8") as recorded:
    _RESPONSES = {key: (status, headers, base64.b64decode(body))
                  for key, (status, headers, body) in json.load(recorded).items()}


@app.route("/", methods=["GET", "POST"])
@app.route("/<path:path>", methods=["GET", "POST"])
def echo(path=""):
    status, headers, body = _RESPONSES[request.full_path.rstrip("?")]
    return Response(body, status=status, headers=headers)
