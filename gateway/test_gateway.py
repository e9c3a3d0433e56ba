#!/usr/bin/env python3
"""Checks of the gateway's nginx configuration against stub services (run by `./converge test`, ~5 s).

Renders gateway/nginx.conf.template through infra/gateway/gateway.sh with every upstream pointing at a stub HTTP
server of this script (each answers with its name, the path and the headers it received), starts nginx on a spare
port, and checks: each route reaches its service with the bearer token and a traceparent; the event streams (SSE)
are passed on unbuffered (their headers at once); an incoming traceparent is kept; body limits per route (413), the
ingest rate limit (429 with Retry-After), a service down (502), a slow service (504), an unknown path (404) are
problem+json; the access log is JSON with the trace id. Exit status 0 = all passed.
"""
import http.client
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVICES = ["asset", "telemetry", "kpi", "patch", "security", "keycloak"]
failures = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stub(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        elif self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while True:
                size = int(self.rfile.readline().strip(), 16)
                self.rfile.read(size + 2)
                if size == 0:
                    break
        if self.path.startswith("/api/v1/kpis/slow"):
            time.sleep(4)
        if self.path.split("?")[0].endswith("/stream"):
            return self.stream()
        body = json.dumps({"service": self.server.name, "path": self.path, "method": self.command,
                           "headers": {k.lower(): v for k, v in self.headers.items()}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream(self):
        """Server-Sent Events as a quiet stream starts: the headers at once, the first event 2 s later."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        time.sleep(2)
        event = ("data: " + json.dumps({"service": self.server.name}) + "\n\n").encode()
        self.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(event), event))

    do_GET = do_POST = do_PUT = do_DELETE = answer


def stub(name, port):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Stub)
    server.name = name
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def request(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    h = {"Authorization": "Bearer test-token"}
    h.update(headers or {})
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data


def first_event(port, path):
    """A stream's status, passed on within 1 s of the service's headers (None when the gateway held them back), and
    its first event."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        c.request("GET", path, headers={"Authorization": "Bearer test-token"})
        r = c.getresponse()
        c.sock.settimeout(5)
        return r.status, r.readline().decode()
    except OSError:
        return None, None
    finally:
        c.close()


def check(what, cond, detail=""):
    print(("  ok   " if cond else "  FAIL ") + what + ("" if cond else "  -- " + detail))
    if not cond:
        failures.append(what)


def problem(what, status, headers, data, expected):
    ok = status == expected and headers.get("content-type", "").startswith("application/problem+json")
    try:
        doc = json.loads(data)
        ok = ok and doc.get("status") == expected and doc.get("title")
    except ValueError:
        ok = False
    check(what, ok, "%s %s %r" % (status, headers.get("content-type"), data[:200]))


def main():
    work = tempfile.mkdtemp(prefix="converge-gateway-")
    ports = {name: free_port() for name in SERVICES}
    gw = free_port()
    down = "patch"  # no stub: the service is down
    servers = [stub(n, p) for n, p in ports.items() if n != down]
    conf = os.path.join(work, "nginx.conf")
    overrides = ["PORT=%d" % gw, "STATE=%s" % work, "LOGS=%s" % work, "CONSOLE=%s" % os.path.join(work, "console"),
                 "READ_TIMEOUT=2s", "INGEST_RATE=2", "INGEST_BURST=3", "SECURITY_MAX=1k", "TELEMETRY_MAX=2k",
                 "ASSET_PORT=%d" % ports["asset"], "TELEMETRY_PORT=%d" % ports["telemetry"],
                 "KPI_PORT=%d" % ports["kpi"], "PATCH_PORT=%d" % ports["patch"],
                 "SECURITY_PORT=%d" % ports["security"], "KEYCLOAK_PORT=%d" % ports["keycloak"]]
    render = ('source "%s/infra/lib.sh"; source "%s/infra/services.sh"; source "%s/infra/keycloak/keycloak.sh";'
              ' source "%s/infra/gateway/gateway.sh"; gateway_render "$@"') % (ROOT, ROOT, ROOT, ROOT)
    subprocess.run(["bash", "-c", render, "render", conf] + overrides, check=True,
                   env=dict(os.environ, CONVERGE_ROOT=ROOT))
    nginx = "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else "nginx"
    proc = subprocess.Popen([nginx, "-p", work, "-c", conf], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        for _ in range(100):
            try:
                if request(gw, "GET", "/gateway/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            print(proc.stdout.read().decode() if proc.poll() is not None else "nginx did not answer")
            return 1
        run_checks(gw, work)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
        for s in servers:
            s.shutdown()
    print("gateway checks: %d failed" % len(failures) if failures else "gateway checks: all passed")
    return 1 if failures else 0


def run_checks(gw, work):
    routes = [("/api/v1/assets?site=A", "asset"), ("/api/v1/sites/x", "asset"), ("/api/v1/zones/conduits", "asset"),
              ("/api/v1/assets/import", "asset"), ("/api/v1/telemetry/latest?asset=1", "telemetry"),
              ("/api/v1/kpis/oee", "kpi"), ("/api/v1/security/alerts", "security"),
              ("/auth/realms/converge/.well-known/openid-configuration", "keycloak")]
    for path, service in [("/api/v1/telemetry/stream?asset=1", "telemetry"), ("/api/v1/kpis/alarms/stream", "kpi"),
                          ("/api/v1/security/alerts/stream", "security")]:
        status, line = first_event(gw, path)
        check("GET %s streams at once (not buffered)" % path, status == 200 and service in (line or ""),
              "%s %r" % (status, line))
    for path, service in routes:
        status, _, data = request(gw, "GET", path)
        doc = json.loads(data) if status == 200 else {}
        check("GET %s -> %s" % (path, service), status == 200 and doc.get("service") == service,
              "%s %r" % (status, data[:200]))
        if service == "keycloak":
            check("/auth/ prefix removed, Keycloak's own Host", doc.get("path", "").startswith("/realms/")
                  and doc.get("headers", {}).get("host", "").startswith("localhost:"), repr(doc))
        elif path.startswith("/api/v1/assets?"):
            h = doc.get("headers", {})
            check("bearer token forwarded", h.get("authorization") == "Bearer test-token", repr(h))
            check("traceparent started by the gateway",
                  re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-01", h.get("traceparent", "")) is not None, repr(h))
            check("request id forwarded", re.fullmatch(r"[0-9a-f]{32}", h.get("x-request-id", "")) is not None)
    incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    status, _, data = request(gw, "GET", "/api/v1/kpis/x", headers={"traceparent": incoming})
    check("incoming traceparent kept", json.loads(data)["headers"].get("traceparent") == incoming, repr(data[:300]))
    status, _, data = request(gw, "GET", "/api/v1/kpis/x", headers={"traceparent": "garbage"})
    check("invalid traceparent replaced", json.loads(data)["headers"].get("traceparent", "").startswith("00-")
          and "garbage" not in json.loads(data)["headers"].get("traceparent", ""))

    problem("unknown API path -> 404", *request(gw, "GET", "/api/v1/nothing-here"), 404)
    problem("console not built -> 404", *request(gw, "GET", "/nothing.html"), 404)
    check_console(gw, os.path.join(work, "console"))
    problem("security events over the route's limit -> 413",
            *request(gw, "POST", "/api/v1/security/events", body=b"[" + b" " * 4096 + b"]",
                     headers={"Content-Type": "application/json"}), 413)
    status, _, _ = request(gw, "POST", "/api/v1/assets", body=b"{" + b" " * 4096 + b"}",
                           headers={"Content-Type": "application/json"})
    check("4 KiB JSON to assets passes (limit 1 MiB)", status == 200, str(status))
    problem("assets JSON over 1 MiB -> 413", *request(gw, "POST", "/api/v1/assets", body=b"x" * (1024 * 1024 + 10),
                                                      headers={"Content-Type": "application/json"}), 413)
    problem("patch-service down -> 502", *request(gw, "GET", "/api/v1/campaigns"), 502)
    problem("kpi-service too slow -> 504", *request(gw, "GET", "/api/v1/kpis/slow"), 504)

    # the ingest limit: 2 requests/s with a burst of 3 in this check (500/s, burst 1000 by default)
    statuses = []
    last = None
    for _ in range(8):
        last = request(gw, "POST", "/api/v1/telemetry/points", body=b"[]", headers={"Content-Type": "application/json"})
        statuses.append(last[0])
    check("ingest burst passes, then 429", statuses[:4] == [200] * 4 and 429 in statuses[4:], str(statuses))
    limited = [r for r in [last] if r[0] == 429]
    if limited:
        problem("429 is problem+json", *limited[0], 429)
        check("429 carries Retry-After", limited[0][1].get("retry-after") == "1", repr(limited[0][1]))
    status, _, _ = request(gw, "GET", "/api/v1/telemetry/latest?asset=1")
    check("queries are not rate-limited", status == 200, str(status))

    time.sleep(0.3)
    lines = [json.loads(l) for l in open(os.path.join(work, "gateway.access.log"))]
    check("access log is JSON, one object per request", len(lines) >= 20, str(len(lines)))
    kept = [l for l in lines if l.get("trace_id") == "4bf92f3577b34da6a3ce929d0e0e4736"]
    check("access log carries the trace id", len(kept) == 1 and kept[0]["status"] == 200, repr(kept))
    check("access log fields", all(k in lines[0] for k in ("time", "method", "uri", "status", "request_time",
                                                            "upstream_status", "request_id")), repr(lines[0]))


def check_console(gw, console):
    """The console at /: its files, index.html for every other path (the single page's routes), caching."""
    os.chmod(os.path.dirname(console), 0o755)  # nginx's workers (user nobody when started as root) read the files
    os.makedirs(os.path.join(console, "static"))
    with open(os.path.join(console, "index.html"), "w") as f:
        f.write('<!doctype html><title>Converge console</title><script src="/static/app-1a2b3c.js"></script>')
    with open(os.path.join(console, "static", "app-1a2b3c.js"), "w") as f:
        f.write("console.log('converge');")
    status, headers, data = request(gw, "GET", "/")
    check("GET / -> the console's index.html", status == 200 and b"Converge console" in data
          and headers.get("content-type", "").startswith("text/html"), "%s %r %r" % (status, headers, data[:200]))
    check("index.html is not cached", headers.get("cache-control") == "no-cache", repr(headers))
    check("the console's answers carry X-Request-Id", re.fullmatch(r"[0-9a-f]{32}", headers.get("x-request-id", ""))
          is not None, repr(headers))
    for path in ("/assets", "/assets/PLC-L1-01", "/callback?code=abc&state=xyz", "/security"):
        status, headers, data = request(gw, "GET", path)
        check("GET %s -> index.html (single-page fallback)" % path, status == 200 and b"Converge console" in data
              and headers.get("cache-control") == "no-cache", "%s %r" % (status, data[:200]))
    status, headers, data = request(gw, "GET", "/static/app-1a2b3c.js")
    check("GET /static/<bundle> -> the file, cached for good", status == 200 and b"converge" in data
          and "javascript" in headers.get("content-type", "") and "immutable" in headers.get("cache-control", ""),
          "%s %r" % (status, headers))
    problem("a missing bundle -> 404, not index.html", *request(gw, "GET", "/static/app-gone.js"), 404)
    problem("unknown API path is still 404 with the console built", *request(gw, "GET", "/api/v1/nothing-here"), 404)
    status, _, data = request(gw, "GET", "/auth/realms/converge/.well-known/openid-configuration")
    check("/auth/ still reaches Keycloak with the console built", status == 200
          and json.loads(data).get("service") == "keycloak", "%s %r" % (status, data[:200]))


if __name__ == "__main__":
    sys.exit(main())
