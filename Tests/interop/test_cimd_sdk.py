"""A CIMD client (--cimd --public-clients): the MCP Python SDK presents Claude Code's client metadata document URL
as its client_id, the mock resolves it from its offline catalogue, and the AUTOMATIC integration
admits its redirect URI."""
import urllib.parse

import anyio
import httpx2
import pytest
from mcp.client.auth import OAuthClientProvider
from mcp.client.session import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientMetadata

from conftest import AUTO_APPROVE, SEED
from test_mcp_sdk import MemoryStorage

CLAUDE_CODE = "https://claude.ai/oauth/claude-code-client-metadata"


CLAUDE_CODE_INTEGRATION = {"name": "Claude Code", "registrationType": "AUTOMATIC",
                           "redirectURIs": ["http://localhost/callback", "http://127.0.0.1/callback"]}


@pytest.mark.gong_mock(seed={**SEED, "autoApprove": AUTO_APPROVE, "integrations": SEED["integrations"] + [CLAUDE_CODE_INTEGRATION]},
                       args=["--cimd", "--public-clients"])
def test_cimd_client_connects(gong_mock):
    captured = {}

    async def redirect_handler(url):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)
        assert query["client_id"] == [CLAUDE_CODE]
        async with httpx2.AsyncClient() as http:
            response = await http.get(url, follow_redirects=False)
        assert response.status_code == 302, response.text
        answer = urllib.parse.parse_qs(urllib.parse.urlparse(response.headers["location"]).query)
        captured["code"], captured["state"] = answer["code"][0], answer.get("state", [None])[0]

    async def callback_handler():
        return AuthorizationCodeResult(code=captured["code"], state=captured["state"])

    metadata = OAuthClientMetadata(client_name="Claude Code", redirect_uris=["http://localhost/callback"],
                                   grant_types=["authorization_code", "refresh_token"], response_types=["code"],
                                   token_endpoint_auth_method="none")
    auth = OAuthClientProvider(server_url=gong_mock.mcp_url, client_metadata=metadata, storage=MemoryStorage(None),
                               redirect_handler=redirect_handler, callback_handler=callback_handler,
                               client_metadata_url=CLAUDE_CODE)

    async def main():
        async with httpx2.AsyncClient(auth=auth, timeout=30) as http:
            async with streamable_http_client(gong_mock.mcp_url, http_client=http) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    return await session.list_tools()

    listed = anyio.run(main)
    assert sorted(tool.name for tool in listed.tools) == ["ask_account", "ask_deal", "generate_brief"]
