"""The test controls seen through a real client, the official MCP Python SDK, on the pytest
plugin's ``gong_mock`` fixture (a fresh server per test): refresh after a forced expiry, step-up
after a forced 403, credit exhaustion in each of the four modes, a DCR client of an AUTOMATIC
integration, and reset between tests."""
import urllib.parse

import anyio
import httpx2
import pytest
from mcp.client.auth import OAuthClientProvider
from mcp.client.session import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientMetadata

from conftest import AUTO_APPROVE, CI_CLIENT_ID, SEED
from test_mcp_sdk import MemoryStorage, make_auth

SEEDED = {**SEED, "autoApprove": AUTO_APPROVE}
ACCOUNT = "001Hs0000lQ0wXVAAS"
ASK = {"accountId": ACCOUNT, "question": "What did they say about pricing?", "timePeriod": "ALL_CONVERSATIONS"}
BRIEF = {"briefName": "Account overview", "entityType": "ACCOUNT", "entityId": ACCOUNT, "timePeriod": "ALL_CONVERSATIONS"}


def in_session(auth, mcp_url, body):
    async def main():
        async with httpx2.AsyncClient(auth=auth, timeout=30) as http:
            async with streamable_http_client(mcp_url, http_client=http) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    return await body(session)

    return anyio.run(main)


@pytest.mark.gong_mock(seed=SEEDED)
def test_refresh_after_a_forced_expiry(gong_mock):
    auth = make_auth(gong_mock)

    async def body(session):
        first = await session.call_tool("ask_account", ASK)
        fault = gong_mock.admin.add_fault("access-token-expire", when="now", clientId=CI_CLIENT_ID)
        second = await session.call_tool("ask_account", ASK)
        return first, second, fault

    first, second, fault = in_session(auth, gong_mock.mcp_url, body)
    assert not first.is_error
    assert not second.is_error, second
    assert gong_mock.admin.fault(fault)["fired"] >= 1


@pytest.mark.gong_mock(seed=SEEDED)
def test_step_up_after_a_forced_403(gong_mock):
    auth = make_auth(gong_mock)
    fault = gong_mock.admin.add_fault("insufficient-scope", tool="generate_brief", times=1)

    async def body(session):
        return await session.call_tool("generate_brief", BRIEF)

    result = in_session(auth, gong_mock.mcp_url, body)
    assert not result.is_error, result
    assert gong_mock.admin.fault(fault)["fired"] == 1


@pytest.mark.parametrize("mode", ["tool-error", "jsonrpc-error", "http-402", "http-429"])
def test_credit_exhaustion_reaches_the_caller(gong_mock_launcher, mode):
    with gong_mock_launcher(seed=SEEDED, args=["--credits-exhausted", mode]) as mock:
        balance = mock.admin.credits()["balance"]
        mock.admin.add_fault("credits-exhaust", atCall=1)
        auth = make_auth(mock)

        async def body(session):
            return await session.call_tool("ask_account", ASK)

        if mode == "tool-error":
            result = in_session(auth, mock.mcp_url, body)
            assert result.is_error
            assert "Insufficient Gong credits" in result.content[0].text
        else:
            with pytest.raises(BaseException) as raised:
                in_session(auth, mock.mcp_url, body)
            text = repr(raised.value)
            if mode == "jsonrpc-error":
                assert "Insufficient Gong credits" in text, text
            else:
                # The SDK turns an HTTP error status into an MCP error; the wire status is in the journal.
                assert "Server returned an error response" in text, text
                journal = mock.admin.request("GET", "/_mock/journal", raw=True).decode()
                assert f'"status":{mode[-3:]}' in journal
        assert mock.admin.credits()["balance"] == balance


def headless_provider(mcp_url, metadata, storage, **options):
    """An SDK OAuthClientProvider that follows the auto-approved authorize redirect itself."""
    captured = {}

    async def redirect_handler(url):
        captured["client_id"] = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)["client_id"][0]
        async with httpx2.AsyncClient() as http:
            response = await http.get(url, follow_redirects=False)
        assert response.status_code == 302, response.text
        query = urllib.parse.parse_qs(urllib.parse.urlparse(response.headers["location"]).query)
        captured["code"], captured["state"] = query["code"][0], query.get("state", [None])[0]

    async def callback_handler():
        return AuthorizationCodeResult(code=captured["code"], state=captured["state"])

    provider = OAuthClientProvider(server_url=mcp_url, client_metadata=metadata, storage=storage,
                                   redirect_handler=redirect_handler, callback_handler=callback_handler, **options)
    return provider, captured


@pytest.mark.gong_mock(seed=SEEDED)
def test_dcr_client_of_an_automatic_integration(gong_mock):
    metadata = OAuthClientMetadata(client_name="dcr-sdk", redirect_uris=["http://localhost/callback"],
                                   grant_types=["authorization_code", "refresh_token"], response_types=["code"],
                                   token_endpoint_auth_method="client_secret_post")
    storage = MemoryStorage(None)
    auth, _ = headless_provider(gong_mock.mcp_url, metadata, storage)

    async def body(session):
        return await session.call_tool("ask_account", ASK)

    result = in_session(auth, gong_mock.mcp_url, body)
    assert not result.is_error, result
    assert storage.client_info is not None and storage.client_info.client_id
    claude = next(i for i in gong_mock.admin.integrations() if i["name"] == "Claude")
    clients = gong_mock.admin.request("GET", f"/admin/api/integrations/{claude['id']}/clients")
    assert any(c["clientId"] == storage.client_info.client_id for c in clients)


@pytest.mark.gong_mock(seed=SEEDED)
def test_reset_between_tests(gong_mock):
    seeded = gong_mock.admin.credits()["balance"]

    async def body(session):
        return await session.call_tool("ask_account", ASK)

    assert not in_session(make_auth(gong_mock), gong_mock.mcp_url, body).is_error
    gong_mock.admin.add_fault("latency", ms=1)
    assert gong_mock.admin.credits()["balance"] < seeded
    gong_mock.admin.reset()
    assert gong_mock.admin.credits()["balance"] == seeded
    assert gong_mock.admin.faults() == []
    assert not in_session(make_auth(gong_mock), gong_mock.mcp_url, body).is_error
