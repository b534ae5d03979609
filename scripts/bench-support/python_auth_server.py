"""The MCP Python SDK's own authorization server, for `scripts/bench oauth`.

The SDK's `mcp.server.auth` routes (`create_auth_routes`: metadata, /authorize, /token,
/register, /revoke) mounted in a minimal Starlette app with an in-memory
`OAuthAuthorizationServerProvider`, as the SDK's `examples/servers/simple-auth` does, but without
its login page: /authorize approves at once (gong-mock runs with --auto-approve), so the bench can
mint codes headlessly. Tokens are opaque random strings kept in dicts, as in the example; the
refresh grant rotates (the old refresh token and its access token are dropped), so a replayed
refresh token is refused with invalid_grant.

One confidential client is pre-registered with the credentials the bench uses for gong-mock
(client_secret_basic, PKCE S256, redirect http://127.0.0.1:9/callback).

    uvicorn --app-dir scripts/bench-support python_auth_server:app --workers 1
"""
import secrets
import time

from mcp.server.auth.provider import (
    AccessToken,
    AuthorizationCode,
    AuthorizationParams,
    RefreshToken,
    construct_redirect_uri,
)
from mcp.server.auth.routes import create_auth_routes
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken
from pydantic import AnyHttpUrl
from starlette.applications import Starlette

CLIENT_ID = "bench-client-0001"
CLIENT_SECRET = "bench-secret-0001-loopback-only"
REDIRECT = "http://127.0.0.1:9/callback"
SCOPES = ["mcp:ai-ask:read", "mcp:ai-briefer:read"]
ACCESS_TTL = 3600
CODE_TTL = 300


class InMemoryProvider:
    """`OAuthAuthorizationServerProvider` with everything in dicts (the simple-auth example's shape)."""

    def __init__(self):
        self.clients = {
            CLIENT_ID: OAuthClientInformationFull(
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                redirect_uris=[REDIRECT],
                grant_types=["authorization_code", "refresh_token"],
                response_types=["code"],
                token_endpoint_auth_method="client_secret_basic",
                scope=" ".join(SCOPES),
            )
        }
        self.codes: dict[str, AuthorizationCode] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}

    async def get_client(self, client_id):
        return self.clients.get(client_id)

    async def register_client(self, client_info):
        self.clients[client_info.client_id] = client_info

    async def authorize(self, client, params: AuthorizationParams):
        code = AuthorizationCode(
            code=f"mcp_{secrets.token_hex(16)}",
            scopes=params.scopes or SCOPES,
            expires_at=time.time() + CODE_TTL,
            client_id=client.client_id,
            code_challenge=params.code_challenge,
            redirect_uri=params.redirect_uri,
            redirect_uri_provided_explicitly=params.redirect_uri_provided_explicitly,
            resource=params.resource,
            subject="bench-user",
        )
        self.codes[code.code] = code
        return construct_redirect_uri(str(params.redirect_uri), code=code.code, state=params.state)

    async def load_authorization_code(self, client, authorization_code):
        return self.codes.get(authorization_code)

    def _issue(self, client_id, scopes, resource, subject):
        now = int(time.time())
        access = f"mcp_{secrets.token_hex(32)}"
        refresh = f"mcp_{secrets.token_hex(32)}"
        self.access_tokens[access] = AccessToken(
            token=access, client_id=client_id, scopes=scopes, expires_at=now + ACCESS_TTL, resource=resource, subject=subject)
        self.refresh_tokens[refresh] = RefreshToken(
            token=refresh, client_id=client_id, scopes=scopes, resource=resource, subject=subject)
        return OAuthToken(access_token=access, token_type="Bearer", expires_in=ACCESS_TTL,
                          scope=" ".join(scopes), refresh_token=refresh)

    async def exchange_authorization_code(self, client, authorization_code):
        # Single use: the code is gone once redeemed.
        self.codes.pop(authorization_code.code, None)
        return self._issue(client.client_id, authorization_code.scopes, authorization_code.resource, authorization_code.subject)

    async def load_refresh_token(self, client, refresh_token):
        return self.refresh_tokens.get(refresh_token)

    async def exchange_refresh_token(self, client, refresh_token, scopes):
        # Rotation: the presented refresh token is consumed.
        self.refresh_tokens.pop(refresh_token.token, None)
        return self._issue(client.client_id, scopes, refresh_token.resource, refresh_token.subject)

    async def load_access_token(self, token):
        found = self.access_tokens.get(token)
        if found and found.expires_at and found.expires_at < time.time():
            self.access_tokens.pop(token, None)
            return None
        return found

    async def revoke_token(self, token):
        self.access_tokens.pop(token.token, None)
        self.refresh_tokens.pop(token.token, None)


provider = InMemoryProvider()
app = Starlette(routes=create_auth_routes(provider, issuer_url=AnyHttpUrl("http://127.0.0.1")))
