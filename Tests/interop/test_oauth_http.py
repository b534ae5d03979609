"""End-to-end OAuth over real HTTP against the running binary: discovery as mcp.gong.io serves it,
authorize (auto-approve) → token → refresh with rotation, client auth basic and post, DCR."""
import requests

from conftest import CI_CLIENT_ID, CI_CLIENT_SECRET, CI_REDIRECT
from oauth_helpers import authorize, pkce_pair, redirect_params, token

GONG_SCOPES = ["mcp:ai-ask:read", "mcp:ai-briefer:read", "mcp:ai-assistant:read"]


def test_authorization_server_metadata_matches_gong(server):
    response = requests.get(f"{server.base_url}/.well-known/oauth-authorization-server", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    doc = response.json()
    assert doc["issuer"] == server.base_url
    assert doc["authorization_endpoint"] == f"{server.base_url}/oauth2/authorize"
    assert doc["token_endpoint"] == f"{server.base_url}/oauth2/generate-mcp-token"
    assert doc["grant_types_supported"] == ["authorization_code", "refresh_token"]
    assert doc["response_types_supported"] == ["code"]
    assert doc["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post"]
    assert doc["scopes_supported"] == GONG_SCOPES
    assert doc["code_challenge_methods_supported"] == ["S256"]


def test_protected_resource_metadata_matches_gong(server):
    doc = requests.get(f"{server.base_url}/.well-known/oauth-protected-resource/mcp", timeout=10).json()
    assert doc["resource"] == f"{server.base_url}/mcp"
    assert doc["authorization_servers"] == [server.base_url]
    assert doc["scopes_supported"] == GONG_SCOPES
    # Gong answers 401 on the root PRM path.
    assert requests.get(f"{server.base_url}/.well-known/oauth-protected-resource", timeout=10).status_code == 401


def test_unauthenticated_mcp_gets_gongs_challenge(server):
    response = requests.post(
        server.mcp_url,
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
        headers={"Accept": "application/json, text/event-stream"},
        timeout=10,
    )
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == (
        f'Bearer realm="mcp", resource_metadata={server.base_url}/.well-known/oauth-protected-resource/mcp'
    )


def full_code_flow(server, basic=True):
    verifier, challenge = pkce_pair()
    response = authorize(server, CI_CLIENT_ID, CI_REDIRECT, challenge, resource=server.mcp_url)
    assert response.status_code == 302, response.text
    location, params = redirect_params(response)
    assert location.startswith(CI_REDIRECT + "?")
    assert params["state"] == ["st-123"]
    assert params["iss"] == [server.base_url]
    form = {"grant_type": "authorization_code", "code": params["code"][0], "redirect_uri": CI_REDIRECT,
            "code_verifier": verifier, "resource": server.mcp_url}
    if basic:
        result = token(server, form, basic=(CI_CLIENT_ID, CI_CLIENT_SECRET))
    else:
        result = token(server, {**form, "client_id": CI_CLIENT_ID, "client_secret": CI_CLIENT_SECRET})
    assert result.status_code == 200, result.text
    assert result.headers["Cache-Control"] == "no-store"
    assert result.headers["Pragma"] == "no-cache"
    body = result.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert set(body["scope"].split()) == set(GONG_SCOPES)
    return params["code"][0], verifier, body


def test_code_flow_with_basic_then_refresh_rotation_and_reuse(server):
    code, verifier, body = full_code_flow(server, basic=True)
    refreshed = token(server, {"grant_type": "refresh_token", "refresh_token": body["refresh_token"]},
                      basic=(CI_CLIENT_ID, CI_CLIENT_SECRET))
    assert refreshed.status_code == 200, refreshed.text
    assert refreshed.json()["refresh_token"] != body["refresh_token"]
    reused = token(server, {"grant_type": "refresh_token", "refresh_token": body["refresh_token"]},
                   basic=(CI_CLIENT_ID, CI_CLIENT_SECRET))
    assert reused.status_code == 400
    assert reused.json()["error"] == "invalid_grant"
    # The whole grant is revoked: the rotated token is dead too.
    after = token(server, {"grant_type": "refresh_token", "refresh_token": refreshed.json()["refresh_token"]},
                  basic=(CI_CLIENT_ID, CI_CLIENT_SECRET))
    assert after.status_code == 400


def test_code_flow_with_post_and_code_replay(server):
    code, verifier, _ = full_code_flow(server, basic=False)
    replay = token(server, {"grant_type": "authorization_code", "code": code, "redirect_uri": CI_REDIRECT,
                            "code_verifier": verifier, "client_id": CI_CLIENT_ID, "client_secret": CI_CLIENT_SECRET})
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"


def test_wrong_secret_with_basic_is_401_with_challenge(server):
    result = token(server, {"grant_type": "refresh_token", "refresh_token": "x"}, basic=(CI_CLIENT_ID, "wrong"))
    assert result.status_code == 401
    assert result.json()["error"] == "invalid_client"
    assert result.headers["WWW-Authenticate"].startswith("Basic")


def test_unregistered_redirect_shows_error_page_without_redirect(server):
    _, challenge = pkce_pair()
    response = authorize(server, CI_CLIENT_ID, "http://127.0.0.1:9/other", challenge)
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert "not registered" in response.text


def test_missing_pkce_redirects_with_invalid_request(server):
    response = requests.get(f"{server.base_url}/oauth2/authorize", params={
        "response_type": "code", "client_id": CI_CLIENT_ID, "redirect_uri": CI_REDIRECT, "state": "s"},
        allow_redirects=False, timeout=10)
    assert response.status_code == 302
    _, params = redirect_params(response)
    assert params["error"] == ["invalid_request"]
    assert params["state"] == ["s"]


def test_dynamic_registration_under_automatic_integration(server):
    metadata = requests.get(f"{server.base_url}/.well-known/oauth-authorization-server", timeout=10).json()
    assert "registration_endpoint" in metadata  # an AUTOMATIC integration exists in the seed
    registered = requests.post(metadata["registration_endpoint"], json={
        "client_name": "Claude", "redirect_uris": ["https://claude.ai/api/mcp/auth_callback"],
        "token_endpoint_auth_method": "client_secret_post",
        "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"]}, timeout=10)
    assert registered.status_code == 201, registered.text
    client = registered.json()
    assert client["redirect_uris"] == ["https://claude.ai/api/mcp/auth_callback"]
    assert client["token_endpoint_auth_method"] == "client_secret_post"
    assert client["client_secret"]
    refused = requests.post(metadata["registration_endpoint"], json={
        "client_name": "Evil", "redirect_uris": ["https://evil.example.com/cb"]}, timeout=10)
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_redirect_uri"


def test_dcr_client_completes_the_flow_with_post_auth(server):
    """A client registers itself under the AUTOMATIC integration (loopback redirect: any port),
    then runs authorize → token → refresh with client_secret_post, as Claude does."""
    metadata = requests.get(f"{server.base_url}/.well-known/oauth-authorization-server", timeout=10).json()
    redirect = "http://localhost:53682/callback"
    client = requests.post(metadata["registration_endpoint"], json={
        "client_name": "DCR flow", "redirect_uris": [redirect], "token_endpoint_auth_method": "client_secret_post",
        "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"]}, timeout=10).json()
    verifier, challenge = pkce_pair()
    response = authorize(server, client["client_id"], redirect, challenge, resource=server.mcp_url)
    assert response.status_code == 302, response.text
    _, params = redirect_params(response)
    issued = token(server, {"grant_type": "authorization_code", "code": params["code"][0], "redirect_uri": redirect,
                            "code_verifier": verifier, "client_id": client["client_id"], "client_secret": client["client_secret"]})
    assert issued.status_code == 200, issued.text
    # The registered client inherits the AUTOMATIC integration's scopes (all three by default).
    assert set(issued.json()["scope"].split()) == set(GONG_SCOPES)
    refreshed = token(server, {"grant_type": "refresh_token", "refresh_token": issued.json()["refresh_token"],
                               "client_id": client["client_id"], "client_secret": client["client_secret"]})
    assert refreshed.status_code == 200, refreshed.text
    listed = requests.post(server.mcp_url, json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                           headers={"Authorization": f"Bearer {refreshed.json()['access_token']}",
                                    "Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-06-18"},
                           timeout=10)
    # Stateful server: tools/list without a session is refused with 400, after the bearer gate passed.
    assert listed.status_code == 400


def test_wrong_verifier_and_reused_code(server):
    verifier, challenge = pkce_pair()
    _, params = redirect_params(authorize(server, CI_CLIENT_ID, CI_REDIRECT, challenge))
    wrong = token(server, {"grant_type": "authorization_code", "code": params["code"][0], "redirect_uri": CI_REDIRECT,
                           "code_verifier": "x" * 50}, basic=(CI_CLIENT_ID, CI_CLIENT_SECRET))
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_grant"
    assert "code_verifier" in wrong.json()["error_description"]


def test_dns_rebinding_host_is_refused_on_loopback_binds(server):
    headers = {"Host": "evil.example.com", "Accept": "application/json, text/event-stream"}
    response = requests.post(server.mcp_url, json={"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}},
                             headers=headers, timeout=10)
    # Checked before the bearer gate: a rebinding page never learns anything else.
    assert response.status_code == 421
    origin = requests.post(server.mcp_url, json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                           headers={"Origin": "https://evil.example.com", "Accept": "application/json, text/event-stream"},
                           timeout=10)
    assert origin.status_code == 403
