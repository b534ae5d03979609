"""The admin center and the consent page in a real browser (headless Chromium via selenium):
log in with the banner's one-time link, create an MCP integration through Gong's form, read
its credentials, edit its redirect URIs; approve and deny on the consent page."""
import urllib.parse

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser import make_driver
from conftest import CI_CLIENT_ID, CI_REDIRECT
from oauth_helpers import pkce_pair


def wait_for_url(driver, fragment):
    """Waits (bounded) until a click's navigation has landed: clicks return before it does."""
    WebDriverWait(driver, 15).until(expected_conditions.url_contains(fragment))


@pytest.fixture()
def driver():
    browser = make_driver()
    yield browser
    browser.quit()


def test_admin_creates_reads_and_edits_an_integration(server, driver):
    driver.get(server.ready["adminLoginURL"])
    wait_for_url(driver, "/admin")
    assert "token=" not in driver.current_url
    # The one-time link is spent.
    again = requests.get(server.ready["adminLoginURL"], allow_redirects=False, timeout=10)
    assert again.status_code in (400, 401, 403)

    # The old address answers 301 to Gong's late-2026 place: Ecosystem > MCP > "MCP servers".
    driver.get(f"{server.base_url}/admin/settings/api/integrations")
    wait_for_url(driver, "/admin/settings/ecosystem/mcp")
    driver.find_element(By.LINK_TEXT, "New MCP server integration").click()
    wait_for_url(driver, "/new/mcp")
    driver.find_element(By.ID, "name").send_keys("Browser-made integration")
    driver.find_element(By.ID, "ctx-SHARED").click()
    driver.find_element(By.ID, "redirectURIs").send_keys("https://agent.example.com/oauth/callback\n\nhttp://127.0.0.1:8123/cb\n")
    driver.find_element(By.CSS_SELECTOR, "button[name='save']").click()
    wait_for_url(driver, "/credentials")
    client_id = driver.find_element(By.ID, "client-id").text
    client_secret = driver.find_element(By.ID, "client-secret").text
    assert client_id and len(client_secret) >= 32

    listed = requests.get(f"{server.base_url}/admin/api/integrations", headers=server.admin_headers(), timeout=10).json()
    created = next(item for item in listed if item["clientId"] == client_id)
    assert created["authorizationContext"] == "SHARED"
    assert created["redirectURIs"] == ["https://agent.example.com/oauth/callback", "http://127.0.0.1:8123/cb"]
    assert client_secret not in str(created)  # masked outside "view credentials"

    driver.get(f"{server.base_url}/admin/settings/ecosystem/mcp/{created['id']}/edit")
    area = driver.find_element(By.ID, "redirectURIs")
    area.clear()
    area.send_keys("https://agent.example.com/oauth/callback-v2")
    # Context is fixed forever: the radio is disabled on the edit form.
    assert not driver.find_element(By.ID, "ctx-SHARED").is_enabled()
    driver.find_element(By.CSS_SELECTOR, "button[name='save']").click()
    wait_for_url(driver, "notice=updated")
    edited = requests.get(f"{server.base_url}/admin/api/integrations/{created['id']}", headers=server.admin_headers(), timeout=10).json()
    assert edited["redirectURIs"] == ["https://agent.example.com/oauth/callback-v2"]


def test_admin_pages_refuse_without_session_or_csrf(server):
    anonymous = requests.get(f"{server.base_url}/admin/settings/ecosystem/mcp", allow_redirects=False, timeout=10)
    assert anonymous.status_code in (303, 401, 403)
    forged = requests.post(f"{server.base_url}/admin/settings/ecosystem/mcp",
                           data={"name": "forged", "redirectURIs": "https://x.example.com/cb", "save": "1"},
                           allow_redirects=False, timeout=10)
    assert forged.status_code in (303, 401, 403)
    listed = requests.get(f"{server.base_url}/admin/api/integrations", headers=server.admin_headers(), timeout=10).json()
    assert all(item["name"] != "forged" for item in listed)


def open_consent(server, driver):
    _, challenge = pkce_pair()
    query = urllib.parse.urlencode({
        "response_type": "code", "client_id": CI_CLIENT_ID, "redirect_uri": CI_REDIRECT,
        "code_challenge": challenge, "code_challenge_method": "S256", "state": "browser-state",
        "scope": "mcp:ai-ask:read mcp:ai-briefer:read"})
    driver.get(f"{server.base_url}/oauth2/authorize?{query}")
    page = driver.page_source
    assert "CI pipeline" in page
    assert "Shared access" in page
    assert "mcp:ai-ask:read" in page
    assert "127.0.0.1:9" in page


def redirected_query(driver):
    # The callback host does not exist; the browser's URL still shows where we were sent.
    return urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)


def test_consent_approve_redirects_with_code(consent_server, driver):
    open_consent(consent_server, driver)
    Select(driver.find_element(By.ID, "subject")).select_by_visible_text(
        next(option.text for option in Select(driver.find_element(By.ID, "subject")).options if "Maya" in option.text))
    driver.find_element(By.ID, "approve").click()
    wait_for_url(driver, "code=")
    query = redirected_query(driver)
    assert driver.current_url.startswith(CI_REDIRECT)
    assert query["state"] == ["browser-state"]
    assert query["code"][0]


def test_consent_deny_redirects_with_access_denied(consent_server, driver):
    open_consent(consent_server, driver)
    driver.find_element(By.ID, "deny").click()
    wait_for_url(driver, "error=")
    query = redirected_query(driver)
    assert query["error"] == ["access_denied"]
    assert query["state"] == ["browser-state"]


def test_collaborator_cannot_connect(consent_server, driver):
    open_consent(consent_server, driver)
    driver.find_element(By.ID, "email").send_keys("chloe.martin@northwind-analytics.com")
    driver.find_element(By.ID, "approve").click()
    WebDriverWait(driver, 15).until(lambda d: d.current_url.startswith(CI_REDIRECT) or "Collaborator" in d.page_source)
    if driver.current_url.startswith(CI_REDIRECT):
        assert redirected_query(driver)["error"] == ["access_denied"]
    else:
        assert "Collaborator" in driver.page_source
