"""What real clients meet at the OAuth edges (issue #20), with the official MCP Python SDK:
a client that asks for every advertised scope (the MCP spec's scope selection) against narrower
integrations gets the overlap; a localhost callback against a registered 127.0.0.1 is refused
with the loopback hint exactly once; a client that falls back to /register hears what to do."""
import json

import anyio
import httpx2
import pytest
import requests
from mcp.client.auth.exceptions import OAuthRegistrationError
from mcp.client.session import ClientSession
from mcp.client.streamable_http import streamable_http_client

from conftest import ADMIN_TOKEN, AUTO_APPROVE
from oauth_helpers import authorize, pkce_pair
from test_mcp_sdk import sdk_provider

CALLBACK = "http://127.0.0.1/callback"
LOOPBACK_HINT = "localhost and 127.0.0.1 are different hosts"

SEED = {
    "adminToken": ADMIN_TOKEN,
    "credits": {"balance": 5000, "total": 5000},
    "integrations": [
        # As in Fixtures/seed-example.json.
        {"name": "CI test client", "authorizationContext": "SHARED", "registrationType": "MANUAL",
         "clientId": "ci-client-0001", "clientSecret": "ci-secret-0123456789abcdef",
         "redirectURIs": [CALLBACK], "scopes": ["mcp:ai-ask:read", "mcp:ai-briefer:read"]},
        {"name": "Ask only", "authorizationContext": "SHARED", "registrationType": "MANUAL",
         "clientId": "ask-only-0001", "clientSecret": "ask-only-secret-0123456789",
         "redirectURIs": [CALLBACK], "scopes": ["mcp:ai-ask:read"]},
        {"name": "Local agent", "authorizationContext": "SHARED", "registrationType": "AUTOMATIC",
         "redirectURIs": [CALLBACK]},
    ],
}

MANUAL_ONLY_SEED = {"adminToken": ADMIN_TOKEN, "integrations": SEED["integrations"][:1]}


@pytest.fixture(scope="module")
def edges_server(gong_mock_launcher):
    with gong_mock_launcher(seed=SEED, args=["--auto-approve", AUTO_APPROVE]) as running:
        yield running


def sdk_auth(server, client_id=None, client_secret=None, redirect="http://127.0.0.1:43210/callback"):
    return sdk_provider(server, client_id, client_secret, redirect)


def account_id(server):
    accounts = requests.get(f"{server.base_url}/admin/api/accounts", headers=server.admin_headers(), timeout=10).json()
    return accounts[0]["id"]


def call_tools(server, provider, calls):
    """Runs the calls in one SDK session; returns {name: result or the exception raised}."""
    async def main():
        outcomes = {}
        with anyio.fail_after(60):
            await session_calls(outcomes)
        return outcomes

    async def session_calls(outcomes):
        async with httpx2.AsyncClient(auth=provider, timeout=30) as http:
            async with streamable_http_client(server.mcp_url, http_client=http) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    for name, arguments in calls:
                        try:
                            outcomes[name] = await session.call_tool(name, arguments)
                        except Exception as error:  # the SDK surfaces an HTTP 403 as an exception
                            outcomes[name] = error

    return anyio.run(main)


def registration_error(server, provider):
    """The OAuthRegistrationError the SDK raises (anyio may wrap it in exception groups)."""
    try:
        call_tools(server, provider, [])
    except BaseException as error:  # noqa: BLE001 - unwrapped below
        pending = [error]
        while pending:
            current = pending.pop()
            if isinstance(current, OAuthRegistrationError):
                return str(current)
            pending.extend(getattr(current, "exceptions", ()))
            if current.__cause__ is not None:
                pending.append(current.__cause__)
        raise
    pytest.fail("the SDK registered although it should have been refused")


def tool_calls(server):
    account = account_id(server)
    return [
        ("ask_account", {"accountId": account, "question": "What are the next steps?", "timePeriod": "ALL_CONVERSATIONS"}),
        ("generate_brief", {"briefName": "Account overview", "entityType": "ACCOUNT", "entityId": account,
                            "timePeriod": "ALL_CONVERSATIONS"}),
    ]


def test_every_advertised_scope_against_the_ci_test_client_gets_the_overlap(edges_server):
    provider, storage, captured = sdk_auth(edges_server, "ci-client-0001", "ci-secret-0123456789abcdef")
    outcomes = call_tools(edges_server, provider, tool_calls(edges_server))
    assert captured["requested_scope"].split() == ["mcp:ai-ask:read", "mcp:ai-briefer:read", "mcp:ai-assistant:read"]
    assert storage.tokens.scope == "mcp:ai-ask:read mcp:ai-briefer:read"
    for name in ("ask_account", "generate_brief"):
        assert not isinstance(outcomes[name], Exception), outcomes[name]
        assert not outcomes[name].is_error, outcomes[name]


def test_overlap_allows_its_tools_and_others_get_403_insufficient_scope(edges_server):
    provider, storage, _ = sdk_auth(edges_server, "ask-only-0001", "ask-only-secret-0123456789")
    outcomes = call_tools(edges_server, provider, tool_calls(edges_server))
    assert storage.tokens.scope == "mcp:ai-ask:read"
    assert not isinstance(outcomes["ask_account"], Exception), outcomes["ask_account"]
    assert not outcomes["ask_account"].is_error
    assert isinstance(outcomes["generate_brief"], Exception), outcomes["generate_brief"]
    # The same token, straight at the endpoint: 403 with the step-up challenge (RFC 6750 §3.1).
    headers = {"Authorization": f"Bearer {storage.tokens.access_token}", "Accept": "application/json, text/event-stream"}
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "edges", "version": "1"}}}
    opened = requests.post(edges_server.mcp_url, json=initialize, headers=headers, timeout=10)
    assert opened.status_code == 200, opened.text
    headers.update({"Mcp-Session-Id": opened.headers["Mcp-Session-Id"], "MCP-Protocol-Version": "2025-06-18"})
    requests.post(edges_server.mcp_url, json={"jsonrpc": "2.0", "method": "notifications/initialized"}, headers=headers, timeout=10)
    body = {"jsonrpc": "2.0", "id": 9, "method": "tools/call", "params": dict(zip(("name", "arguments"), tool_calls(edges_server)[1]))}
    response = requests.post(edges_server.mcp_url, json=body, headers=headers, timeout=10)
    assert response.status_code == 403, response.text
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


@pytest.mark.gong_mock(seed=SEED, args=["--auto-approve", AUTO_APPROVE, "--scope-policy", "strict"])
def test_strict_scope_policy_refuses_every_advertised_scope(gong_mock):
    _, challenge = pkce_pair()
    response = authorize(gong_mock, "ci-client-0001", CALLBACK, challenge,
                         scope="mcp:ai-ask:read mcp:ai-briefer:read mcp:ai-assistant:read")
    assert response.status_code == 302
    assert "error=invalid_scope" in response.headers["Location"]


def test_localhost_callback_against_registered_loopback_ip_is_refused_with_one_hint(edges_server):
    _, challenge = pkce_pair()
    response = authorize(edges_server, "ci-client-0001", "http://localhost:33418/callback", challenge)
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert response.text.count(LOOPBACK_HINT) == 1, response.text
    # The SDK registering itself (DCR) with the same callback hears the same hint, once.
    provider, _, _ = sdk_auth(edges_server, redirect="http://localhost:33418/callback")
    message = registration_error(edges_server, provider)
    description = json.loads(message[message.index("{"):])["error_description"]
    assert description.count(LOOPBACK_HINT) == 1, description
    assert description.count("Hint:") == 1, description


@pytest.mark.gong_mock(seed=MANUAL_ONLY_SEED, args=["--auto-approve", AUTO_APPROVE])
def test_sdk_falling_back_to_register_hears_that_the_integration_is_manual(gong_mock):
    provider, _, _ = sdk_auth(gong_mock)
    message = registration_error(gong_mock, provider)
    assert "404" in message
    assert "MANUAL ('CI test client')" in message
    assert "client ID and client secret" in message


def test_query_string_token_is_400_invalid_request(edges_server):
    response = requests.post(f"{edges_server.mcp_url}?access_token=abc", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                             headers={"Accept": "application/json, text/event-stream"}, timeout=10)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert "Authorization header" in response.json()["error_description"]
