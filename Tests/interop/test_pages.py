"""Every HTML page a person meets, at a desktop and a phone viewport (issue #19): the admin
center, sign-in and consent, refusal and error pages, signed-out and the admin 404. The rules
are in page_checks.py; the screenshots land in .artifacts/pages/ (GONG_MOCK_ARTIFACTS). A new page
is one more `Page` in `PAGES`: a name, the purpose its title and heading name, how to open it."""
import urllib.parse
from dataclasses import dataclass
from typing import Callable

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import make_driver
from conftest import CI_CLIENT_ID, CI_REDIRECT
from conftest import SEED as BASE_SEED
from oauth_helpers import pkce_pair
from page_checks import VIEWPORTS, check_page, set_viewport

CLAUDE_AI_CALLBACK = "https://claude.ai/api/mcp/auth_callback"
CLAUDE_COM_CALLBACK = "https://claude.com/api/mcp/auth_callback"

# The interop seed's CI pipeline, plus an integration that registered only one of Claude's two
# callbacks (the refusal page's example).
SEED = {**BASE_SEED, "integrations": [BASE_SEED["integrations"][0], {
    "name": "Claude for the sales team", "authorizationContext": "PERSONAL", "registrationType": "MANUAL",
    "clientId": "claude-ai-only", "redirectURIs": [CLAUDE_AI_CALLBACK]}]}


@dataclass
class Page:
    name: str
    purpose: str  # what the title and the main heading must both say
    open: Callable  # (server, driver) -> None: navigates the driver to the page


def authorize_url(server, client_id=CI_CLIENT_ID, redirect_uri=CI_REDIRECT):
    _, challenge = pkce_pair()
    query = urllib.parse.urlencode({
        "response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri,
        "code_challenge": challenge, "code_challenge_method": "S256", "state": "pages", "resource": server.mcp_url})
    return f"{server.base_url}/oauth2/authorize?{query}"


def integration_path(server, suffix):
    listed = requests.get(f"{server.base_url}/admin/api/integrations", headers=server.admin_headers(), timeout=10).json()
    ci = next(item for item in listed if item["clientId"] == CI_CLIENT_ID)
    return f"{server.base_url}/admin/settings/ecosystem/mcp/{ci['id']}/{suffix}"


def without_session(open_page):
    """Opens a page as a browser without the admin session would, then restores the session."""
    def run(server, driver):
        saved = driver.get_cookies()
        driver.delete_all_cookies()
        try:
            open_page(server, driver)
        finally:
            for cookie in saved:
                driver.add_cookie(cookie)
    return run


def consent_with_error(server, driver):
    driver.get(authorize_url(server))
    driver.find_element(By.ID, "approve").click()
    WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.ID, "consent-error"))


PAGES = [
    Page("admin-home", "Admin center", lambda s, d: d.get(f"{s.base_url}/admin")),
    Page("admin-integrations", "MCP", lambda s, d: d.get(f"{s.base_url}/admin/settings/ecosystem/mcp")),
    Page("admin-create-integration", "Create integration", lambda s, d: d.get(f"{s.base_url}/admin/settings/ecosystem/mcp/new")),
    Page("admin-new-mcp-integration", "New MCP server integration", lambda s, d: d.get(f"{s.base_url}/admin/settings/ecosystem/mcp/new/mcp")),
    Page("admin-credentials", "Credentials", lambda s, d: d.get(integration_path(s, "credentials"))),
    Page("admin-edit-integration", "Edit MCP integration", lambda s, d: d.get(integration_path(s, "edit"))),
    Page("admin-delete-integration", "Delete integration", lambda s, d: d.get(integration_path(s, "delete"))),
    Page("admin-users", "Users", lambda s, d: d.get(f"{s.base_url}/admin/users")),
    Page("admin-credits", "Gong credits", lambda s, d: d.get(f"{s.base_url}/admin/settings/credits")),
    Page("admin-not-found", "Page not found", lambda s, d: d.get(f"{s.base_url}/admin/no-such-page")),
    Page("admin-signed-out", "Signed out", lambda s, d: d.get(f"{s.base_url}/admin/signed-out")),
    Page("admin-sign-in-required", "Sign in required", without_session(lambda s, d: d.get(f"{s.base_url}/admin/users"))),
    Page("admin-login-link-refused", "login link", without_session(lambda s, d: d.get(f"{s.base_url}/admin/login?token=spent"))),
    Page("oauth-consent", "Connect CI pipeline", lambda s, d: d.get(authorize_url(s))),
    Page("oauth-consent-error", "Connect CI pipeline", consent_with_error),
    Page("oauth-refused-redirect-uri", "Authorization request refused",
         lambda s, d: d.get(authorize_url(s, client_id="claude-ai-only", redirect_uri=CLAUDE_COM_CALLBACK))),
    Page("oauth-refused-unknown-client", "Authorization request refused",
         lambda s, d: d.get(authorize_url(s, client_id="no-such-client"))),
]


@pytest.fixture(scope="module")
def pages_server(gong_mock_launcher):
    # One server for the module: the signed-in browser below holds its admin session.
    with gong_mock_launcher(seed=SEED) as running:
        yield running


@pytest.fixture(scope="module")
def signed_in(pages_server):
    driver = make_driver()
    driver.get(pages_server.ready["adminLoginURL"])
    yield driver
    driver.quit()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page(pages_server, signed_in, page, viewport):
    set_viewport(signed_in, viewport)
    page.open(pages_server, signed_in)
    problems = check_page(signed_in, page.name, viewport, page.purpose)
    assert not problems, "\n".join(problems)


def test_admin_aliases_redirect_and_unknown_admin_paths_are_404_pages(pages_server, signed_in):
    signed_in.get(f"{pages_server.base_url}/admin/credits")
    assert signed_in.current_url == f"{pages_server.base_url}/admin/settings/credits"
    assert signed_in.find_element(By.TAG_NAME, "h1").text == "Gong credits"
    missing = requests.get(f"{pages_server.base_url}/admin/no-such-page", timeout=10)
    assert missing.status_code == 404 and missing.headers["Content-Type"].startswith("text/html")
    assert "Back to the admin center" in missing.text
    elsewhere = requests.get(f"{pages_server.base_url}/no-such-page", timeout=10)
    assert elsewhere.status_code == 404 and elsewhere.headers["Content-Type"].startswith("text/plain")
