"""A bare Flask "hello" app: the yardstick for bench/throughput."""

from flask import Flask

app = Flask(__name__)


@app.route("/", methods=["GET", "POST"])
def hello():
    return "hello"
