"""Starting the gong-mock binary on an ephemeral port and talking to its test controls.

Only the standard library: the plugin adds nothing to a test suite's dependencies.
Readiness is the server's own signal (``--ready-file``, written once the socket accepts),
waited for with a deadline; nothing sleeps to synchronise.
"""
import json
import os
import pathlib
import select
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ENV_VAR = "GONG_MOCK_BIN"
OPTION = "--gong-mock-bin"


class GongMockError(RuntimeError):
    """The server refused a control request; ``status`` and ``body`` say why."""

    def __init__(self, method, path, status, body):
        super().__init__(f"{method} {path} -> {status}: {body}")
        self.status = status
        self.body = body


class BinaryNotFound(RuntimeError):
    pass


def find_binary(option_value=None):
    """The binary from --gong-mock-bin, then $GONG_MOCK_BIN, then gong-mock on PATH."""
    tried = []
    for source, candidate in ((OPTION, option_value), (ENV_VAR, os.environ.get(ENV_VAR))):
        if candidate:
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
            tried.append(f"{source}={candidate} (not an executable file)")
    on_path = shutil.which("gong-mock")
    if on_path:
        return on_path
    tried.append("gong-mock on PATH (not found)")
    raise BinaryNotFound(
        "gong-mock binary not found. Pass --gong-mock-bin PATH, set the GONG_MOCK_BIN environment variable, "
        "or put gong-mock on PATH (build it with `swift build`; it is .build/debug/gong-mock). Tried: " + "; ".join(tried)
    )


class AdminClient:
    """The admin API (/admin/api) and test controls (/_mock) with the admin token."""

    def __init__(self, base_url, token):
        self.base_url = base_url
        self.token = token

    def request(self, method, path, body=None, expect=(200, 201, 204), raw=False):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        if status not in expect:
            raise GongMockError(method, path, status, payload.decode(errors="replace"))
        if raw:
            return payload
        return json.loads(payload) if payload else None

    # Integrations and credits (admin API).
    def integrations(self):
        return self.request("GET", "/admin/api/integrations")

    def create_integration(self, name, redirect_uris, **members):
        return self.request("POST", "/admin/api/integrations", {"name": name, "redirectURIs": list(redirect_uris), **members})

    def credits(self):
        return self.request("GET", "/admin/api/credits")

    def set_credits(self, balance, total=None):
        body = {"balance": balance} if total is None else {"balance": balance, "total": total}
        return self.request("PUT", "/admin/api/credits", body)

    # Faults.
    def add_fault(self, kind, **parameters):
        """Adds a fault (see GET /_mock/faults/kinds); returns its id."""
        return self.request("POST", "/_mock/faults", {"kind": kind, **parameters})["id"]

    def faults(self):
        return self.request("GET", "/_mock/faults")

    def fault(self, fault_id):
        return self.request("GET", f"/_mock/faults/{fault_id}")

    def delete_fault(self, fault_id):
        self.request("DELETE", f"/_mock/faults/{fault_id}")

    def clear_faults(self):
        self.request("DELETE", "/_mock/faults")

    def fault_kinds(self):
        return self.request("GET", "/_mock/faults/kinds")

    # Clock.
    def clock(self):
        return self.request("GET", "/_mock/clock")

    def advance_clock(self, by):
        """``by``: "90s", "11m", "2h", "3d" or a number of seconds."""
        return self.request("POST", "/_mock/clock", {"advance": by})

    def set_clock(self, iso8601):
        return self.request("POST", "/_mock/clock", {"set": iso8601})

    # State.
    def state(self):
        return self.request("GET", "/_mock/state")

    def put_state(self, document):
        return self.request("PUT", "/_mock/state", document)

    def reset(self):
        return self.request("POST", "/_mock/reset")

    def snapshot(self):
        return self.request("POST", "/_mock/snapshot")["id"]

    def restore(self, snapshot_id):
        return self.request("POST", "/_mock/restore", {"id": snapshot_id})

    def journal_har(self):
        """The request journal as HAR 1.2 bytes, or None when this server has no journal."""
        try:
            return self.request("GET", "/_mock/journal?format=har", raw=True)
        except GongMockError:
            return None


class GongMock:
    """A running gong-mock: ``base_url``, ``mcp_url``, ``admin_token`` and ``admin``."""

    def __init__(self, binary, seed=None, args=(), timeout=30.0):
        self.workdir = pathlib.Path(tempfile.mkdtemp(prefix="gong-mock-"))
        ready_file = self.workdir / "ready.json"
        command = [binary, "serve", "--port", "0", "--ready-file", str(ready_file)]
        if seed is not None:
            seed_file = self.workdir / "seed.json"
            seed_file.write_text(json.dumps(seed) if not isinstance(seed, (str, pathlib.Path)) else pathlib.Path(seed).read_text())
            command += ["--seed", str(seed_file)]
        command += list(args)
        self.log_path = self.workdir / "server.log"
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not ready_file.exists():
            if self.process.poll() is not None:
                self._log.close()
                raise RuntimeError(f"gong-mock exited with status {self.process.returncode}: {self.log_path.read_text()}")
            if time.monotonic() > deadline:
                self.process.kill()
                self._log.close()
                raise RuntimeError(f"gong-mock did not become ready within {timeout} s: {self.log_path.read_text()}")
            select.select([], [], [], 0.02)
        self.ready = json.loads(ready_file.read_text())
        self.base_url = self.ready["baseURL"]
        self.mcp_url = self.ready["mcpURL"]
        self.admin_token = self.ready["adminToken"]
        self.admin = AdminClient(self.base_url, self.admin_token)

    @property
    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        """SIGTERM, then wait; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
