"""Starts the already-built `invoice-relay` binary for the browser tests, with a test configuration in a
temporary folder, a fake SendGrid that refuses each address containing "refuse-once" the first time, and
admin and read tokens made with `invoice-relay tokens create` against the same database. Builds nothing."""

import hashlib
import hmac
import http.server
import json
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("INVOICE_RELAY_BIN", os.path.join(REPO, ".build", "debug", "invoice-relay"))
WEBHOOK_SECRET = "whsec_browser_tests"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeSendGrid:
    """POST /v3/mail/send: 400 the first time an address containing "refuse-once" is seen, 202 otherwise."""

    def __init__(self):
        self.seen = set()
        self.requests = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
                try:
                    to = json.loads(body)["personalizations"][0]["to"][0]["email"]
                except Exception:
                    to = ""
                fake.requests.append(to)
                if "refuse-once" in to and to not in fake.seen:
                    fake.seen.add(to)
                    payload = json.dumps({"errors": [{"message": "The to email does not contain a valid address.", "field": "personalizations.0.to"}]}).encode()
                    self.send_response(400)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                self.send_response(202)
                self.send_header("X-Message-Id", "fake-%d" % len(fake.requests))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


class Relay:
    def __init__(self):
        if not os.access(BINARY, os.X_OK):
            raise RuntimeError(f"{BINARY} is missing: run `swift build` first (the browser tests build nothing)")
        self.folder = tempfile.mkdtemp(prefix="relay-browser-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.sendgrid = FakeSendGrid()
        self.config = os.path.join(self.folder, "config.json")
        with open(self.config, "w") as f:
            json.dump({
                "server": {"host": "127.0.0.1", "port": self.port},
                "database": {"path": "relay.sqlite", "synchronous": "normal"},
                "logging": {"level": "notice", "format": "logfmt"},
                "sources": [{"name": "stripe", "scheme": "stripe", "secrets": [{"env": "STRIPE_WEBHOOK_SECRET"}]}],
                "reminders": {
                    "enabled": True, "tickSeconds": 1, "planEverySeconds": 1, "sendAt": "00:00",
                    "templatesDirectory": os.path.join(REPO, "templates"),
                    "channels": {"email": {"primary": "sendgrid"}, "sms": {"primary": "twilio"}},
                    "steps": [{"name": "overdue", "offsetDays": 1, "channels": ["email"], "template": "overdue"}],
                },
                "providers": {"sendgrid": {
                    "baseURL": f"http://127.0.0.1:{self.sendgrid.port}", "credential": {"env": "SENDGRID_KEY"}, "fromEmail": "billing@example.com",
                }},
            }, f)
        self.env = dict(os.environ, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET, SENDGRID_KEY="SG.browser-tests")
        self.admin_token = self.create_token("browser-admin", "admin")
        self.read_token = self.create_token("browser-read", "read")
        self.log = open(os.path.join(self.folder, "relay.log"), "w")
        self.process = subprocess.Popen([BINARY, "serve", "--config", self.config], env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        self.wait_until_healthy()

    def create_token(self, name, scope):
        out = subprocess.run([BINARY, "tokens", "create", "--config", self.config, "--name", name, "--scope", scope],
                             env=self.env, capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"tokens create failed: {out.stdout}{out.stderr}")
        return next(line.strip() for line in out.stdout.splitlines() if line.strip().startswith("irt_"))

    def wait_until_healthy(self, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("invoice-relay exited: " + open(os.path.join(self.folder, "relay.log")).read())
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=1) as reply:
                    if reply.status == 200:
                        return
            except Exception:
                time.sleep(0.2)
        raise RuntimeError("invoice-relay did not become healthy")

    def post_stripe_invoice(self, invoice_id, email, due_days_ago=3, number="INV-BROWSER"):
        """Posts a signed `invoice.finalized` for an open invoice due `due_days_ago` days ago."""
        now = int(time.time())
        event = {
            "id": f"evt_{invoice_id}", "object": "event", "type": "invoice.finalized", "created": now - 60, "api_version": "2024-06-20",
            "livemode": False, "data": {"object": {
                "id": invoice_id, "object": "invoice", "number": number, "customer": f"cus_{invoice_id}", "customer_name": "Ada Browser",
                "customer_email": email, "customer_phone": None, "currency": "usd", "amount_due": 12500, "amount_paid": 0,
                "amount_remaining": 12500, "status": "open", "hosted_invoice_url": f"https://invoice.example.com/{invoice_id}",
                "attempt_count": 0, "created": now - 40 * 86400, "due_date": now - due_days_ago * 86400,
            }},
        }
        body = json.dumps(event).encode()
        signature = hmac.new(WEBHOOK_SECRET.encode(), f"{now}.".encode() + body, hashlib.sha256).hexdigest()
        request = urllib.request.Request(self.base + "/webhooks/stripe", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "Stripe-Signature": f"t={now},v1={signature}"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            return json.loads(reply.read())

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
        self.sendgrid.stop()
