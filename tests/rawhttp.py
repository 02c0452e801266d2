"""Raw HTTP over a socket: for requests no HTTP client library will send."""

from __future__ import annotations

import re
import socket
from urllib.parse import urlsplit


def _complete(reply: bytes) -> bool:
    """One whole response with a Content-Length has arrived."""
    head, sep, body = reply.partition(b"\r\n\r\n")
    match = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return bool(sep and match and len(body) >= int(match.group(1)))


def raw(base: str, data: bytes, timeout: float = 5.0) -> bytes:
    """Send bytes as they are; return what comes back until one response is complete or the
    server closes. No half-close: nginx takes that for a client that left and answers nothing."""
    url = urlsplit(base)
    with socket.create_connection((url.hostname, url.port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered (and closed) before reading everything
        reply = b""
        try:
            while not _complete(reply) and (chunk := sock.recv(65536)):
                reply += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return reply


def status_of(reply: bytes) -> int | None:
    """The status of the first response, or None when the server closed without one."""
    if not reply.startswith(b"HTTP/"):
        return None
    return int(reply.split(b" ", 2)[1])


def head_of(reply: bytes) -> str:
    return reply.split(b"\r\n\r\n", 1)[0].decode("latin1")
