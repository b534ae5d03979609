"""A CIMD client (--cimd --public-clients): the MCP Python SDK presents Claude Code's client metadata document URL
as its client_id, the mock resolves it from its offline catalogue, and the AUTOMATIC integration
admits its redirect URI."""
import anyio
import httpx2
import pytest
from mcp.client.session import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import OAuthClientMetadata

from conftest import AUTO_APPROVE, SEED
from test_controls_sdk import headless_provider
from test_mcp_sdk import MemoryStorage

CLAUDE_CODE = "https://claude.ai/oauth/claude-code-client-metadata"


CLAUDE_CODE_INTEGRATION = {"name": "Claude Code", "registrationType": "AUTOMATIC",
                           "redirectURIs": ["http://localhost/callback", "http://127.0.0.1/callback"]}


@pytest.mark.gong_mock(seed={**SEED, "autoApprove": AUTO_APPROVE, "integrations": SEED["integrations"] + [CLAUDE_CODE_INTEGRATION]},
                       args=["--cimd", "--public-clients"])
def test_cimd_client_connects(gong_mock):
    metadata = OAuthClientMetadata(client_name="Claude Code", redirect_uris=["http://localhost/callback"],
                                   grant_types=["authorization_code", "refresh_token"], response_types=["code"],
                                   token_endpoint_auth_method="none")
    auth, captured = headless_provider(gong_mock.mcp_url, metadata, MemoryStorage(None), client_metadata_url=CLAUDE_CODE)

    async def main():
        async with httpx2.AsyncClient(auth=auth, timeout=30) as http:
            async with streamable_http_client(gong_mock.mcp_url, http_client=http) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    return await session.list_tools()

    listed = anyio.run(main)
    assert captured["client_id"] == CLAUDE_CODE
    assert sorted(tool.name for tool in listed.tools) == ["ask_account", "ask_deal", "generate_brief"]
