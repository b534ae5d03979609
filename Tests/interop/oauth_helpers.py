"""A minimal, explicit OAuth 2.1 client for the tests: PKCE S256, authorize without following
redirects, token exchange. Written out so a failing step says exactly which one failed."""
import base64
import hashlib
import secrets
import urllib.parse

import requests


def pkce_pair():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    return verifier, challenge


def authorize(server, client_id, redirect_uri, challenge, scope=None, state="st-123", resource=None, extra=None):
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": state,
    }
    if scope is not None:
        params["scope"] = scope
    if resource is not None:
        params["resource"] = resource
    params.update(extra or {})
    return requests.get(f"{server.base_url}/oauth2/authorize", params=params, allow_redirects=False, timeout=10)


def redirect_params(response):
    location = response.headers["Location"]
    query = urllib.parse.urlparse(location).query
    return location, urllib.parse.parse_qs(query)


def token(server, form, basic=None, path="/oauth2/generate-mcp-token"):
    auth = None
    if basic is not None:
        auth = requests.auth.HTTPBasicAuth(*basic)
    return requests.post(f"{server.base_url}{path}", data=form, auth=auth, timeout=10)
