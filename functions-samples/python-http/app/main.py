"""python-http: the faas sample function in Python, standard library only.

Serves the sample contract (see functions-samples/README.md) on $PORT (default 8080).
"""

import http.server
import json
import os
import re
import sys
import time
from urllib.parse import urlsplit

SAMPLE = "python-http"
CHUNK_BYTES = 64 * 1024
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
NO_BODY_STATUSES = (204, 304)

init_at_ms = 0


def log(line):
    print(line, flush=True)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = SAMPLE

    def do_GET(self):
        self.route(head=False)

    def do_HEAD(self):
        self.route(head=True)

    def do_POST(self):
        self.route(head=False)

    def do_PUT(self):
        self.route(head=False)

    def do_DELETE(self):
        self.route(head=False)

    def route(self, head):
        path = urlsplit(self.path).path
        reads = self.command in ("GET", "HEAD")
        if path == "/echo":
            if self.command == "POST":
                self.echo()
            else:
                self.text(405, "method not allowed\n", head)
            return
        if not reads:
            self.text(405, "method not allowed\n", head)
        elif path == "/":
            self.text(200, f"hello from {SAMPLE}\n", head)
        elif path == "/init":
            body = json.dumps({"initAt": init_at_ms, "pid": os.getpid()}, separators=(",", ":"))
            self.reply(200, "application/json", body.encode(), head)
        elif path == "/random":
            self.text(200, os.urandom(32).hex(), head)
        elif path.startswith("/status/"):
            self.status(path[len("/status/"):], head)
        elif path.startswith("/env/"):
            self.env(path[len("/env/"):], head)
        else:
            self.text(404, "not found\n", head)

    def status(self, code_text, head):
        if not code_text.isdigit() or not 200 <= int(code_text) <= 599:
            self.text(400, "status must be a number from 200 to 599\n", head)
            return
        code = int(code_text)
        if code in NO_BODY_STATUSES:
            self.send_response(code)
            self.end_headers()
        else:
            self.text(code, f"status {code}\n", head)

    def env(self, name, head):
        if not ENV_NAME.fullmatch(name):
            self.text(400, "not an environment variable name\n", head)
        elif name in os.environ:
            self.text(200, os.environ[name], head)
        else:
            self.text(404, f"{name} is not set\n", head)

    def echo(self):
        content_type = self.headers.get("Content-Type", "application/octet-stream")
        chunked = "chunked" in self.headers.get("Transfer-Encoding", "").lower()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.echo_chunked()
        else:
            length = int(self.headers.get("Content-Length") or 0)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            self.echo_length(length)

    def echo_length(self, remaining):
        while remaining > 0:
            block = self.rfile.read(min(CHUNK_BYTES, remaining))
            if not block:
                self.close_connection = True
                return
            self.wfile.write(block)
            remaining -= len(block)

    def echo_chunked(self):
        while True:
            size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                self.wfile.write(b"0\r\n\r\n")
                return
            self.wfile.write(b"%x\r\n" % size)
            self.echo_length(size)
            self.rfile.readline()
            self.wfile.write(b"\r\n")

    def text(self, code, body, head):
        self.reply(code, "text/plain; charset=utf-8", body.encode(), head)

    def reply(self, code, content_type, body, head):
        self.discard_request_body()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def discard_request_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            return
        while length > 0:
            block = self.rfile.read(min(CHUNK_BYTES, length))
            if not block:
                break
            length -= len(block)

    def log_request(self, code="-", size="-"):
        log(f"{SAMPLE} {self.command} {self.path} {getattr(code, 'value', code)}")

    def log_message(self, format, *args):  # noqa: A002 (the base class names it so)
        sys.stderr.write(f"{SAMPLE}: {format % args}\n")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global init_at_ms
    port = int(os.environ.get("PORT") or 8080)
    server = Server(("", port), Handler)
    init_at_ms = time.time_ns() // 1_000_000
    log(f"{SAMPLE} listening on :{port}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
