"""The journal, client verdicts and flow inspector against the real binary: a flow by the
official MCP Python SDK shows every verdict passing (or not-seen where the flow never exercised
it), the journal and its HAR carry no secret in full, and the /admin/flows page shows the flow
in headless Chromium."""
import json

import anyio
import httpx2
import pytest
import requests
from mcp.client.session import ClientSession
from mcp.client.streamable_http import streamable_http_client
from selenium.webdriver.common.by import By

from browser import make_driver
from conftest import AUTO_APPROVE, CI_CLIENT_ID, CI_CLIENT_SECRET, SEED
from page_checks import ARTIFACTS
from test_mcp_sdk import make_auth

# A fresh server per test (the plugin's gong_mock fixture), so each test's journal holds its flow only.
pytestmark = pytest.mark.gong_mock(seed=SEED, args=["--auto-approve", AUTO_APPROVE])


def run_sdk_flow(server):
    """An SDK session (discovery from the 401, authorize, token, initialize, tools/list, one
    call); returns the OAuth tokens the SDK holds, to search the outputs for."""
    auth = make_auth(server)

    async def main():
        async with httpx2.AsyncClient(auth=auth, timeout=30) as http:
            async with streamable_http_client(server.mcp_url, http_client=http) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    await session.list_tools()
                    await session.call_tool("ask_account", {"accountId": "001Hs0000lQ0wXVAAS", "question": "Risks?",
                                                            "timePeriod": "ALL_CONVERSATIONS"})

    anyio.run(main)
    tokens = auth.context.storage.tokens
    return [tokens.access_token, tokens.refresh_token, CI_CLIENT_SECRET, server.admin_token]


def test_sdk_flow_passes_every_verdict_and_secrets_stay_redacted(gong_mock):
    server = gong_mock
    secrets = run_sdk_flow(server)
    assert all(secrets)
    report = requests.get(f"{server.base_url}/_mock/verdicts", params={"client": CI_CLIENT_ID},
                          headers=server.admin_headers(), timeout=10).json()
    (client,) = report["clients"]
    assert client["integration"]["name"] == "CI pipeline"
    verdicts = {verdict["id"]: verdict for verdict in client["verdicts"]}
    assert len(verdicts) == 15
    failed = {key: value["reason"] for key, value in verdicts.items() if value["status"] == "fail"}
    assert failed == {}
    for key in ("prm-discovery", "resource-indicator", "pkce-s256", "state", "redirect-uri", "token-endpoint-auth",
                "protocol-version-header", "session-header", "token-in-query", "code-reuse"):
        assert verdicts[key]["status"] == "pass", (key, verdicts[key]["reason"])
    stages = client["flows"][0]["stages"]
    assert stages[0].startswith("discovery") and "authorize" in stages and "token" in stages and "tool call" in stages

    assert requests.get(f"{server.base_url}/_mock/journal", timeout=10).status_code == 401
    jsonl = requests.get(f"{server.base_url}/_mock/journal", headers=server.admin_headers(), timeout=10).text
    har = requests.get(f"{server.base_url}/_mock/journal", params={"format": "har"}, headers=server.admin_headers(), timeout=10).text
    entries = [json.loads(line) for line in jsonl.splitlines()]
    assert any(entry["tool"] == "ask_account" and entry["credits"] for entry in entries)
    assert json.loads(har)["log"]["version"] == "1.2"
    log = server.log
    for secret in secrets:
        for output in (jsonl, har, log):
            assert secret not in output


def test_flow_page_and_har_in_chromium(gong_mock):
    server = gong_mock
    secrets = run_sdk_flow(server)
    driver = make_driver()
    try:
        driver.get(server.ready["adminLoginURL"])
        driver.get(f"{server.base_url}/admin/flows")
        heading = driver.find_element(By.TAG_NAME, "h1").text
        assert heading == "Client flows"
        section = driver.find_element(By.ID, f"client-{CI_CLIENT_ID}")
        assert "CI pipeline" in section.text
        assert "pkce-s256" in section.text
        assert not driver.find_elements(By.CSS_SELECTOR, f"#client-{CI_CLIENT_ID} tr.verdict-fail")
        assert len(driver.find_elements(By.CSS_SELECTOR, f"#client-{CI_CLIENT_ID} tr.verdict-pass")) >= 9
        page = driver.page_source
        for secret in secrets:
            assert secret not in page
        (ARTIFACTS.parent / "flows").mkdir(parents=True, exist_ok=True)
        for width, height, name in ((1280, 800, "wide"), (390, 844, "narrow")):
            driver.set_window_size(width, height)
            driver.save_screenshot(str(ARTIFACTS.parent / "flows" / f"flows-{name}.png"))
        # The HAR download parses as HAR 1.2 in the browser's own fetch (same session cookie).
        har_link = section.find_element(By.PARTIAL_LINK_TEXT, "Download HAR").get_attribute("href")
        driver.get(har_link.replace("/har?", "/journal?"))
        assert CI_CLIENT_ID in driver.page_source
        cookies = {cookie["name"]: cookie["value"] for cookie in driver.get_cookies()}
        har = requests.get(har_link, cookies=cookies, timeout=10).json()
        assert har["log"]["version"] == "1.2" and har["log"]["entries"]
    finally:
        driver.quit()
