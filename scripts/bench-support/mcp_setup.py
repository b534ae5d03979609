"""Prepares scripts/bench's MCP section, with the Python standard library only.

  mcp_setup.py seed FILE
      writes the bench seed: a SHARED MANUAL integration with fixed credentials and a credit pool
      big enough that the bench never drains it.
  mcp_setup.py token READY_JSON
      headless OAuth against the running gong-mock (authorize with PKCE S256, auto-approved as the
      --auto-approve user, 302 with the code, then POST /oauth2/generate-mcp-token with HTTP Basic
      client authentication); prints the access token.
  mcp_setup.py account READY_JSON
      prints the id of the first account the admin API lists.
  mcp_setup.py credits READY_JSON
      prints the pool's balance.
  mcp_setup.py body KIND [ACCOUNT_ID]
      prints a JSON-RPC request body: tools-list, ask-account, echo.
  mcp_setup.py check FILE KIND
      exits non-zero unless FILE holds a JSON-RPC success of KIND (tools list with tools, a tool
      result that is not isError); prints a one-line summary.
"""
import base64
import hashlib
import http.client
import json
import secrets
import sys
import urllib.parse

CLIENT_ID = "bench-client-0001"
CLIENT_SECRET = "bench-secret-0001-loopback-only"
REDIRECT = "http://127.0.0.1:9/callback"
ADMIN_TOKEN = "bench-admin-token-0001"
SCOPES = "mcp:ai-ask:read mcp:ai-briefer:read"
# ask_account costs at most 60 calls x 1 + 500 emails x 0.1 = 110 credits; 1e10 covers ~9e7 calls.
CREDITS = 10_000_000_000


def seed():
    return {
        "adminToken": ADMIN_TOKEN,
        "credits": {"balance": CREDITS, "total": CREDITS},
        "integrations": [{
            "name": "Bench",
            "authorizationContext": "SHARED",
            "registrationType": "MANUAL",
            "clientId": CLIENT_ID,
            "clientSecret": CLIENT_SECRET,
            "redirectURIs": [REDIRECT],
            "scopes": SCOPES.split(),
        }],
    }


def connection(ready):
    return http.client.HTTPConnection("127.0.0.1", ready["port"], timeout=10)


def request(ready, method, path, body=None, headers=None):
    conn = connection(ready)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def token(ready):
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    query = urllib.parse.urlencode({
        "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT,
        "code_challenge": challenge, "code_challenge_method": "S256", "state": "bench",
        "scope": SCOPES, "resource": ready["mcpURL"],
    })
    status, headers, body = request(ready, "GET", "/oauth2/authorize?" + query)
    location = {k.lower(): v for k, v in headers.items()}.get("location", "")
    if status != 302 or not location.startswith(REDIRECT):
        sys.exit("authorize: expected 302 to %s, got %d %s %s" % (REDIRECT, status, location, body[:300]))
    code = urllib.parse.parse_qs(urllib.parse.urlparse(location).query).get("code", [None])[0]
    if not code:
        sys.exit("authorize: no code in %s" % location)
    form = urllib.parse.urlencode({
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
        "code_verifier": verifier, "resource": ready["mcpURL"],
    })
    basic = base64.b64encode(("%s:%s" % (CLIENT_ID, CLIENT_SECRET)).encode()).decode()
    status, _, body = request(ready, "POST", "/oauth2/generate-mcp-token", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic})
    if status != 200:
        sys.exit("token: expected 200, got %d %s" % (status, body[:300]))
    return json.loads(body)["access_token"]


def admin_get(ready, path):
    status, _, body = request(ready, "GET", path, headers={"Authorization": "Bearer " + ready["adminToken"]})
    if status != 200:
        sys.exit("%s: expected 200, got %d %s" % (path, status, body[:300]))
    return json.loads(body)


def rpc_body(kind, account=None):
    if kind == "tools-list":
        message = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    elif kind == "ask-account":
        message = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "ask_account", "arguments": {
            "accountId": account, "question": "What did they say about pricing?", "timePeriod": "LAST_90DAYS"}}}
    elif kind == "echo":
        message = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "echo", "arguments": {
            "text": "What did they say about pricing?"}}}
    else:
        sys.exit("unknown body kind %r" % kind)
    return json.dumps(message, separators=(",", ":"))


def check(path, kind):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        message = json.loads(raw)
    except ValueError:
        sys.exit("not JSON (%d bytes): %r" % (len(raw), raw[:200]))
    if "error" in message or "result" not in message:
        sys.exit("not a JSON-RPC success: %s" % raw[:300].decode(errors="replace"))
    result = message["result"]
    if kind == "tools-list":
        names = [tool["name"] for tool in result.get("tools", [])]
        if not names:
            sys.exit("tools/list without tools: %s" % raw[:300])
        return "%d bytes, tools: %s" % (len(raw), ", ".join(names))
    if result.get("isError"):
        sys.exit("tool result isError: %s" % raw[:400].decode(errors="replace"))
    structured = result.get("structuredContent") or {}
    if kind == "ask-account":
        answers = structured.get("answer") or []
        return "%d bytes, %s calls and %s emails searched, %d answer item(s)" % (
            len(raw), structured.get("numOfCallsSearched"), structured.get("numOfEmailsSearched"), len(answers))
    return "%d bytes, structuredContent %s" % (len(raw), json.dumps(structured))


def main():
    cmd = sys.argv[1]
    if cmd == "seed":
        with open(sys.argv[2], "w") as f:
            json.dump(seed(), f)
        return
    if cmd == "body":
        print(rpc_body(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None), end="")
        return
    if cmd == "check":
        print(check(sys.argv[2], sys.argv[3]))
        return
    with open(sys.argv[2]) as f:
        ready = json.load(f)
    if cmd == "token":
        print(token(ready))
    elif cmd == "account":
        accounts = admin_get(ready, "/admin/api/accounts")
        print(accounts[0]["id"])
    elif cmd == "credits":
        print(admin_get(ready, "/admin/api/credits")["balance"])
    else:
        sys.exit("unknown command %r" % cmd)


if __name__ == "__main__":
    main()
