"""What the interop suite shares beyond the project's pytest plugin (python/gong_mock_pytest,
installed by scripts/test): the seed whose credentials the tests know in advance, the binary
of this checkout, and the two servers most modules share.

Starting, waiting for the ready file, stopping (a clean exit is asserted), restarts on one
--state-dir, TLS, --public-url, the admin client and the failing test's journal all come from
the plugin's `gong_mock` / `gong_mock_launcher` fixtures.
"""
import os
import pathlib

import pytest

from gong_mock_pytest import find_binary

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEBUG_BINARY = ROOT / ".build" / "debug" / "gong-mock"
# What archive_support packages; the servers use the plugin's lookup (gong_mock_binary below).
BINARY = os.environ.get("GONG_MOCK_BIN", str(DEBUG_BINARY))

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


@pytest.fixture(scope="session")
def gong_mock_binary(request):
    """The plugin's lookup (--gong-mock-bin, GONG_MOCK_BIN, PATH), with this checkout's debug
    build first when neither the option nor the variable names one."""
    chosen = request.config.getoption("--gong-mock-bin")
    if not chosen and "GONG_MOCK_BIN" not in os.environ and os.access(DEBUG_BINARY, os.X_OK):
        chosen = str(DEBUG_BINARY)
    return find_binary(chosen)


@pytest.fixture(scope="module")
def server(gong_mock_launcher):
    """One auto-approving server per module, seeded with SEED."""
    with gong_mock_launcher(seed=SEED, args=["--auto-approve", AUTO_APPROVE]) as running:
        yield running


@pytest.fixture(scope="module")
def consent_server(gong_mock_launcher):
    """A server without auto-approve: the authorize endpoint shows the sign-in/consent page."""
    with gong_mock_launcher(seed=SEED) as running:
        yield running
