"""Behind a proxy or a port mapping: every URL the server prints or serves follows --public-url
(ready file, banner, discovery, the 401 challenge, the admin pages), whatever Host and
X-Forwarded-* a request carries; X-Forwarded-Proto/Host/For are believed only with --trust-proxy
(Secure cookie, the /mcp Host check). The real binary, spoken to over loopback."""
import re

import pytest
import requests

from conftest import ADMIN_TOKEN, AUTO_APPROVE, SEED

PUBLIC = "https://mock.example.test"
# What a hostile client (or a proxy that passes headers through) might send.
SPOOFED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http"}


@pytest.fixture(scope="module", params=[False, True], ids=["plain", "trust-proxy"])
def proxied(request, gong_mock_launcher):
    # public_url is the plugin's --public-url; its local_url is the socket's own address.
    args = ["--auto-approve", AUTO_APPROVE]
    if request.param:
        args.append("--trust-proxy")
    with gong_mock_launcher(seed=SEED, public_url=PUBLIC + "/", args=args) as running:
        running.socket = running.local_url
        running.trusting = request.param
        yield running


def urls_in(text):
    return re.findall(r"https?://[^\s\"'<>,]+", text)


def assert_public(urls):
    assert urls, "no URL found"
    for url in urls:
        assert url.startswith(PUBLIC + "/") or url == PUBLIC, url


def test_ready_file_and_banner_follow_public_url(proxied):
    ready = proxied.ready
    assert ready["baseURL"] == PUBLIC
    assert ready["mcpURL"] == PUBLIC + "/mcp"
    assert ready["adminLoginURL"].startswith(PUBLIC + "/admin/login?token=")
    banner = proxied.log
    assert_public([url for url in urls_in(banner) if "/admin/login" not in url])


def test_discovery_and_challenge_follow_public_url_whatever_the_request_claims(proxied):
    # The spoofed Host is not a loopback or public host, so only the discovery routes see it;
    # /mcp is asked with the socket's own Host and the forwarded headers of a proxy.
    for path in ("/.well-known/oauth-authorization-server", "/.well-known/oauth-protected-resource/mcp"):
        for headers in ({}, SPOOFED):
            response = requests.get(proxied.socket + path, headers=headers, timeout=10)
            assert response.status_code == 200
            assert_public(urls_in(response.text))
    metadata = requests.get(proxied.socket + "/.well-known/oauth-authorization-server", timeout=10).json()
    assert metadata["issuer"] == PUBLIC
    assert metadata["token_endpoint"] == PUBLIC + "/oauth2/generate-mcp-token"

    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
               "X-Forwarded-Host": "mock.example.test", "X-Forwarded-Proto": "https"}
    response = requests.post(proxied.socket + "/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                             headers=headers, timeout=10)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == \
        f'Bearer realm="mcp", resource_metadata={PUBLIC}/.well-known/oauth-protected-resource/mcp'


def test_admin_pages_follow_public_url_and_cookie_security_follows_trust(proxied):
    created = requests.post(proxied.socket + "/admin/api/integrations", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
                            json={"name": "Proxy check", "authorizationContext": "SHARED",
                                  "redirectURIs": ["http://127.0.0.1:9/cb"]}, timeout=10)
    assert created.status_code == 201, created.text
    # The proxy says the browser came over HTTPS: the session cookie is Secure only if believed.
    login = requests.get(proxied.ready["adminLoginURL"].replace(PUBLIC, proxied.socket),
                         headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "mock.example.test"},
                         allow_redirects=False, timeout=10)
    assert login.status_code == 303 and login.headers["Location"] == "/admin"
    cookie = login.headers["Set-Cookie"]
    assert ("; Secure" in cookie) == proxied.trusting, cookie
    session = cookie.split(";")[0]
    page = requests.get(f"{proxied.socket}/admin/settings/ecosystem/mcp/{created.json()['id']}/credentials",
                        headers={"Cookie": session, "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http"},
                        timeout=10)
    assert page.status_code == 200
    assert f"{PUBLIC}/mcp" in page.text
    assert "evil.example" not in page.text and "127.0.0.1:" + str(proxied.ready["port"]) not in page.text


def test_forwarded_host_and_proto_are_believed_only_with_trust_proxy(proxied):
    # Host: the /mcp DNS-rebinding check judges the forwarded host when the proxy is trusted.
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
               "X-Forwarded-Host": "evil.example"}
    mcp = requests.post(proxied.socket + "/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                        headers=headers, timeout=10)
    bad = requests.get(proxied.socket + "/healthz", headers={"X-Forwarded-Proto": "gopher"}, timeout=10)
    if proxied.trusting:
        assert mcp.status_code == 421, mcp.text
        assert bad.status_code == 400 and "X-Forwarded-Proto must be http or https" in bad.text
    else:
        assert mcp.status_code == 401
        assert bad.status_code == 200
