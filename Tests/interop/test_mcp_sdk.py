"""The official MCP Python SDK (PyPI `mcp`) against the running binary: OAuth discovery from the
401, a pre-registered MANUAL integration's client id and secret (as a Gong admin hands them out),
headless authorize through auto-approve, then tools/list and a call of each Gong tool; the admin
API then shows the credit charges."""
import urllib.parse

import anyio
import httpx2
import requests
from mcp.client.auth import OAuthClientProvider
from mcp.client.session import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

from conftest import CI_CLIENT_ID, CI_CLIENT_SECRET, CI_REDIRECT


class MemoryStorage:
    def __init__(self, client_info):
        self.tokens = None
        self.client_info = client_info

    async def get_tokens(self):
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken):
        self.tokens = tokens

    async def get_client_info(self):
        return self.client_info

    async def set_client_info(self, client_info):
        self.client_info = client_info


def sdk_provider(server, client_id=CI_CLIENT_ID, client_secret=CI_CLIENT_SECRET, redirect=CI_REDIRECT):
    """An OAuthClientProvider with no scope of its own (the SDK then selects every scope the PRM
    advertises), holding pre-registered credentials, or none (client_id None: it registers
    itself). Returns (provider, storage, captured) where captured holds the authorize request's
    scope and the code."""
    captured = {}

    async def redirect_handler(url: str):
        # Headless: the server auto-approves, so the authorize URL answers 302 to our callback.
        async with httpx2.AsyncClient() as http:
            response = await http.get(url, follow_redirects=False)
        assert response.status_code == 302, response.text
        captured["requested_scope"] = urllib.parse.parse_qs(urllib.parse.urlparse(url).query).get("scope", [None])[0]
        query = urllib.parse.parse_qs(urllib.parse.urlparse(response.headers["location"]).query)
        captured["code"] = query["code"][0]
        captured["state"] = query.get("state", [None])[0]
        captured["iss"] = query.get("iss", [None])[0]

    async def callback_handler():
        return AuthorizationCodeResult(code=captured["code"], state=captured["state"], iss=captured["iss"])

    metadata = OAuthClientMetadata(
        client_name="interop-sdk",
        redirect_uris=[redirect],
        grant_types=["authorization_code", "refresh_token"],
        response_types=["code"],
        token_endpoint_auth_method="client_secret_basic",
    )
    client_info = None
    if client_id is not None:
        client_info = OAuthClientInformationFull(
            client_id=client_id,
            client_secret=client_secret,
            redirect_uris=[redirect],
            grant_types=["authorization_code", "refresh_token"],
            response_types=["code"],
            token_endpoint_auth_method="client_secret_basic",
        )
    storage = MemoryStorage(client_info)
    provider = OAuthClientProvider(server_url=server.mcp_url, client_metadata=metadata, storage=storage,
                                   redirect_handler=redirect_handler, callback_handler=callback_handler)
    return provider, storage, captured


def make_auth(server):
    """An OAuthClientProvider holding a MANUAL integration's pre-registered credentials."""
    return sdk_provider(server)[0]


def run_sdk_session(server):
    """Returns (tool names, {tool: CallToolResult}) from a real SDK session."""
    auth = make_auth(server)

    accounts = requests.get(f"{server.base_url}/admin/api/accounts", headers=server.admin_headers(), timeout=10).json()
    deals = requests.get(f"{server.base_url}/admin/api/deals", headers=server.admin_headers(), timeout=10).json()
    account_id = accounts[0]["id"]
    deal_id = deals[0]["id"]

    async def main():
        async with httpx2.AsyncClient(auth=auth, timeout=30) as http:
            async with streamable_http_client(server.mcp_url, http_client=http) as (read, write):
                async with ClientSession(read, write) as session:
                    init = await session.initialize()
                    assert init.server_info.name
                    listed = await session.list_tools()
                    names = sorted(tool.name for tool in listed.tools)
                    results = {
                        "ask_account": await session.call_tool("ask_account", {
                            "accountId": account_id, "question": "What objections did they raise about pricing?",
                            "timePeriod": "ALL_CONVERSATIONS"}),
                        "ask_deal": await session.call_tool("ask_deal", {
                            "dealId": deal_id, "question": "What are the next steps?", "timePeriod": "LAST_YEAR"}),
                        "generate_brief": await session.call_tool("generate_brief", {
                            "briefName": "Account overview", "entityType": "ACCOUNT", "entityId": account_id,
                            "timePeriod": "ALL_CONVERSATIONS"}),
                        "unknown_account": await session.call_tool("ask_account", {
                            "accountId": "001DOESNOTEXIST", "question": "anything?", "timePeriod": "LAST_30DAYS"}),
                    }
                    return names, results

    return anyio.run(main)


def test_sdk_lists_and_calls_every_tool_and_credits_are_charged(server):
    before = requests.get(f"{server.base_url}/admin/api/credits", headers=server.admin_headers(), timeout=10).json()
    names, results = run_sdk_session(server)
    assert names == ["ask_account", "ask_deal", "generate_brief"]
    for tool in ("ask_account", "ask_deal", "generate_brief"):
        result = results[tool]
        assert not result.is_error, result
        assert result.structured_content is not None
        assert "requestId" in result.structured_content
    assert "answer" in results["ask_account"].structured_content
    assert "briefSections" in results["generate_brief"].structured_content
    assert results["unknown_account"].is_error
    after = requests.get(f"{server.base_url}/admin/api/credits", headers=server.admin_headers(), timeout=10).json()
    assert after["balance"] < before["balance"]
    usage = requests.get(f"{server.base_url}/admin/api/credits/usage", headers=server.admin_headers(), timeout=10).json()
    rows = usage["rows"] if isinstance(usage, dict) else usage
    assert len(rows) >= 3
    assert any("CI pipeline" in str(row) for row in rows)
    csv_text = requests.get(f"{server.base_url}/admin/api/credits/usage?format=csv",
                            headers=server.admin_headers(), timeout=10)
    assert csv_text.headers["Content-Type"].startswith("text/csv")
    assert "Integration" in csv_text.text.splitlines()[0]


def test_sdk_auto_mode_probes_modern_then_falls_back_to_initialize(server):
    """The SDK's default Client probes 2026-07-28 `server/discover` first; a 2025-era server must
    answer so that it falls back to the initialize handshake (mcp.md §1)."""
    from mcp.client.client import Client

    async def main():
        async with httpx2.AsyncClient(auth=make_auth(server), timeout=30) as http:
            async with Client(streamable_http_client(server.mcp_url, http_client=http)) as client:
                listed = await client.list_tools()
                return sorted(tool.name for tool in listed.tools)

    assert anyio.run(main) == ["ask_account", "ask_deal", "generate_brief"]
