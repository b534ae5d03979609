"""Prepares `scripts/bench oauth`, with the Python standard library only. The client is the one
mcp_setup.py seeds into gong-mock and python_auth_server.py pre-registers (client_secret_basic).

  oauth_setup.py basic
      prints the HTTP Basic credentials (base64 of client_id:client_secret).
  oauth_setup.py verifier
      prints the PKCE code verifier every minted code is bound to (S256).
  oauth_setup.py authorize-path AUTHORIZE_PATH RESOURCE
      prints the authorization request path (response_type=code, PKCE S256) the mint run repeats.
  oauth_setup.py chains PORT AUTHORIZE_PATH TOKEN_PATH RESOURCE N OUT
      starts N refresh-token chains: N auto-approved authorizations, each code redeemed once;
      writes the N refresh tokens to OUT, one a line.
  oauth_setup.py rotate-check PORT TOKEN_PATH RESOURCE REFRESH_TOKEN
      refreshes once (200 with a different refresh token), then presents the old token again and
      expects 400 invalid_grant: the server rotates and refuses reuse.
"""
import base64
import hashlib
import http.client
import json
import sys
import urllib.parse

from mcp_setup import CLIENT_ID, CLIENT_SECRET, REDIRECT, SCOPES

# One verifier for every code: each code is still redeemed once, and S256 is checked on each.
VERIFIER = "bench-pkce-verifier-0001-loopback-only-abcdefghijklmnopqrstuvwxyz"


def basic():
    return base64.b64encode(("%s:%s" % (CLIENT_ID, CLIENT_SECRET)).encode()).decode()


def authorize_path(path, resource):
    challenge = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).decode().rstrip("=")
    query = {
        "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT,
        "code_challenge": challenge, "code_challenge_method": "S256", "state": "bench", "scope": SCOPES,
    }
    if resource:
        query["resource"] = resource
    return path + "?" + urllib.parse.urlencode(query)


def chains(port, authorize, token_path, resource, count):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    tokens = []
    try:
        for _ in range(count):
            conn.request("GET", authorize_path(authorize, resource))
            response = conn.getresponse()
            body = response.read()
            location = response.getheader("Location", "")
            code = urllib.parse.parse_qs(urllib.parse.urlparse(location).query).get("code", [None])[0]
            if response.status != 302 or not code:
                sys.exit("authorize: expected 302 with a code, got %d %s %s" % (response.status, location, body[:300]))
            form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                    "code_verifier": VERIFIER, "client_id": CLIENT_ID}
            if resource:
                form["resource"] = resource
            conn.request("POST", token_path, urllib.parse.urlencode(form), {
                "Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic()})
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                sys.exit("token: expected 200, got %d %s" % (response.status, body[:300]))
            refresh = json.loads(body).get("refresh_token")
            if not refresh:
                sys.exit("token: no refresh_token in %s" % body[:300])
            tokens.append(refresh)
    finally:
        conn.close()
    return tokens


def post_refresh(conn, token_path, resource, refresh):
    form = {"grant_type": "refresh_token", "refresh_token": refresh, "client_id": CLIENT_ID}
    if resource:
        form["resource"] = resource
    conn.request("POST", token_path, urllib.parse.urlencode(form), {
        "Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic()})
    response = conn.getresponse()
    return response.status, response.read()


def rotate_check(port, token_path, resource, refresh):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        status, body = post_refresh(conn, token_path, resource, refresh)
        fresh = json.loads(body).get("refresh_token") if status == 200 else None
        if not fresh or fresh == refresh:
            sys.exit("refresh: expected 200 with a new refresh token, got %d %s" % (status, body[:300]))
        status, body = post_refresh(conn, token_path, resource, refresh)
        if status != 400 or json.loads(body).get("error") != "invalid_grant":
            sys.exit("reused refresh token: expected 400 invalid_grant, got %d %s" % (status, body[:300]))
        print("port %d: refresh rotates; the rotated token is refused: %s" % (port, body[:160].decode(errors="replace")))
    finally:
        conn.close()


def main():
    cmd = sys.argv[1]
    if cmd == "basic":
        print(basic())
    elif cmd == "verifier":
        print(VERIFIER)
    elif cmd == "authorize-path":
        print(authorize_path(sys.argv[2], sys.argv[3]))
    elif cmd == "chains":
        port, authorize, token_path, resource, count, out = sys.argv[2:8]
        with open(out, "w") as f:
            for token in chains(int(port), authorize, token_path, resource, int(count)):
                f.write(token + "\n")
    elif cmd == "rotate-check":
        rotate_check(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        sys.exit("unknown command %r" % cmd)


if __name__ == "__main__":
    main()
