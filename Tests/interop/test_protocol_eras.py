"""The MCP Python SDK 2.x `Client` in its automatic mode (`mode="auto"`, the default) against each
`--protocol` mode: it probes 2026-07-28 `server/discover` and adopts it when the server answers,
falls back to `initialize` when the answer is not a recognised modern error (2026-07-28
Streamable HTTP, Backward Compatibility). It must land modern against dual and modern, legacy
against legacy, and call a tool (credits charged) either way."""
import anyio
import httpx2
import pytest
import requests
from mcp.client.client import Client
from mcp.client.streamable_http import streamable_http_client

from conftest import AUTO_APPROVE, SEED
from test_mcp_sdk import make_auth


def run_auto_client(server):
    accounts = requests.get(f"{server.base_url}/admin/api/accounts", headers=server.admin_headers(), timeout=10).json()

    async def main():
        async with httpx2.AsyncClient(auth=make_auth(server), timeout=30) as http:
            async with Client(streamable_http_client(server.mcp_url, http_client=http)) as client:
                listed = await client.list_tools()
                result = await client.call_tool("ask_account", {
                    "accountId": accounts[0]["id"], "question": "What did they say about pricing?",
                    "timePeriod": "ALL_CONVERSATIONS"})
                return client.protocol_version, sorted(tool.name for tool in listed.tools), result, client.instructions

    return anyio.run(main)


@pytest.mark.parametrize("mode,expected,extra", [
    ("legacy", "2025-11-25", []),
    # Sessionless legacy: the SDK's fallback requests must not be mistaken for 2026-07-28 ones.
    ("legacy", "2025-11-25", ["--stateless"]),
    ("dual", "2026-07-28", []),
    ("modern", "2026-07-28", []),
    # Request-scoped SSE answers (no event ids, no priming event in 2026-07-28).
    ("modern", "2026-07-28", ["--mcp-response", "sse"]),
])
def test_auto_client_lands_in_the_expected_era(gong_mock_launcher, mode, expected, extra):
    # The with block's end asserts a clean stop (exit 0), with the server's log if not.
    with gong_mock_launcher(seed=SEED, args=["--auto-approve", AUTO_APPROVE, "--protocol", mode, *extra]) as server:
        before = requests.get(f"{server.base_url}/admin/api/credits", headers=server.admin_headers(), timeout=10).json()
        version, names, result, instructions = run_auto_client(server)
        after = requests.get(f"{server.base_url}/admin/api/credits", headers=server.admin_headers(), timeout=10).json()
    assert version == expected
    assert names == ["ask_account", "ask_deal", "generate_brief"]
    assert not result.is_error, result
    assert "answer" in result.structured_content
    assert "Gong" in (instructions or "")
    assert after["balance"] < before["balance"]


@pytest.mark.gong_mock(seed=SEED, args=["--auto-approve", AUTO_APPROVE, "--protocol", "modern"])
def test_modern_only_server_refuses_a_legacy_only_client(gong_mock):
    """A client forced to the handshake (`mode="legacy"`) has no fall-forward: the modern-only
    server's refusal names the versions it speaks."""
    server = gong_mock

    async def main():
        async with httpx2.AsyncClient(auth=make_auth(server), timeout=30) as http:
            async with Client(streamable_http_client(server.mcp_url, http_client=http), mode="legacy") as client:
                await client.list_tools()

    with pytest.raises(Exception) as failure:
        anyio.run(main)
    # anyio wraps the SDK's MCPError (-32602 naming the versions) in exception groups.
    assert "-32602" in repr(failure.value) and "MCP 2026-07-28" in repr(failure.value)
