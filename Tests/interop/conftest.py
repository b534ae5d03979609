"""Starts the real gong-mock binary on an ephemeral loopback port for the interop tests.

Readiness is the server's own signal (the --ready-file it writes atomically once the socket
accepts), waited for with a deadline; nothing here sleeps to synchronise.
"""
import json
import os
import pathlib
import select
import signal
import subprocess
import tempfile
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("GONG_MOCK_BIN", str(ROOT / ".build" / "debug" / "gong-mock"))

# Fixed credentials so the tests (like a CI pipeline) know them in advance.
CI_CLIENT_ID = "ci-client-0001"
CI_CLIENT_SECRET = "ci-secret-0001-please-change"
CI_REDIRECT = "http://127.0.0.1:9/callback"
ADMIN_TOKEN = "interop-admin-token"
AUTO_APPROVE = "maya.lindqvist@northwind-analytics.com"

SEED = {
    "adminToken": ADMIN_TOKEN,
    "credits": {"balance": 5000, "total": 5000},
    "integrations": [
        {
            "name": "CI pipeline",
            "authorizationContext": "SHARED",
            "registrationType": "MANUAL",
            "clientId": CI_CLIENT_ID,
            "clientSecret": CI_CLIENT_SECRET,
            "redirectURIs": [CI_REDIRECT],
        },
        {
            "name": "Claude",
            "authorizationContext": "PERSONAL",
            "registrationType": "AUTOMATIC",
            "redirectURIs": [
                "https://claude.ai/api/mcp/auth_callback",
                "https://claude.com/api/mcp/auth_callback",
                "http://localhost/callback",
            ],
        },
    ],
}


class RunningServer:
    def __init__(self, process, ready, workdir):
        self.process = process
        self.ready = ready
        self.workdir = workdir
        self.base = ready["baseURL"]
        self.mcp = ready["mcpURL"]
        self.admin_token = ready["adminToken"]

    def admin_headers(self):
        return {"Authorization": f"Bearer {self.admin_token}"}


def start_server(extra_args=(), seed=None, timeout=30.0):
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="gong-mock-interop-"))
    ready_file = workdir / "ready.json"
    seed_file = workdir / "seed.json"
    seed_file.write_text(json.dumps(seed if seed is not None else SEED))
    log = open(workdir / "server.log", "wb")
    args = [BINARY, "serve", "--port", "0", "--ready-file", str(ready_file), "--seed", str(seed_file), *extra_args]
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while not ready_file.exists():
        if process.poll() is not None:
            raise RuntimeError(f"gong-mock exited with {process.returncode}: {(workdir / 'server.log').read_text()}")
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("gong-mock did not become ready in time")
        select.select([], [], [], 0.02)
    return RunningServer(process, json.loads(ready_file.read_text()), workdir)


def stop_server(server):
    server.process.send_signal(signal.SIGTERM)
    try:
        code = server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        raise
    return code


@pytest.fixture(scope="module")
def server():
    running = start_server(["--auto-approve", AUTO_APPROVE])
    yield running
    assert stop_server(running) == 0, (running.workdir / "server.log").read_text()


@pytest.fixture(scope="module")
def consent_server():
    """A server without auto-approve: the authorize endpoint shows the sign-in/consent page."""
    running = start_server()
    yield running
    assert stop_server(running) == 0
