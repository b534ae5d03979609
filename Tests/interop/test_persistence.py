"""--state-dir: nothing acknowledged is lost when the process is killed with SIGKILL (no chance to
flush), and a restart serves the same integrations, credits, usage rows and OAuth grants.
The plugin's launcher keeps the state directory across kill() and restart()."""
import requests

from conftest import AUTO_APPROVE, CI_CLIENT_ID, CI_CLIENT_SECRET, CI_REDIRECT, SEED
from oauth_helpers import authorize, pkce_pair, redirect_params, token


def mcp_call(server, access_token, method, params, request_id=1):
    return requests.post(server.mcp_url, json={"jsonrpc": "2.0", "id": request_id, "method": method, "params": params},
                         headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json, text/event-stream",
                                  "MCP-Protocol-Version": "2025-06-18"}, timeout=10)


def test_state_survives_kill_9(gong_mock_launcher):
    with gong_mock_launcher(seed=SEED, state_dir=True, args=["--auto-approve", AUTO_APPROVE, "--stateless"]) as server:
        first = server
        created = requests.post(f"{first.base_url}/admin/api/integrations", headers=first.admin_headers(), timeout=10,
                                json={"name": "Survivor", "redirectURIs": ["https://survivor.example.com/cb"]}).json()
        verifier, challenge = pkce_pair()
        _, params = redirect_params(authorize(first, CI_CLIENT_ID, CI_REDIRECT, challenge))
        tokens = token(first, {"grant_type": "authorization_code", "code": params["code"][0], "redirect_uri": CI_REDIRECT,
                               "code_verifier": verifier}, basic=(CI_CLIENT_ID, CI_CLIENT_SECRET)).json()
        accounts = requests.get(f"{first.base_url}/admin/api/accounts", headers=first.admin_headers(), timeout=10).json()
        answer = mcp_call(first, tokens["access_token"], "tools/call", {"name": "ask_account", "arguments": {
            "accountId": accounts[0]["id"], "question": "pricing objections?", "timePeriod": "ALL_CONVERSATIONS"}})
        assert answer.status_code == 200, answer.text
        assert not answer.json()["result"].get("isError")
        credits = requests.get(f"{first.base_url}/admin/api/credits", headers=first.admin_headers(), timeout=10).json()

        # SIGKILL, then the same seed and state directory without the other flags; the with
        # block's end asserts the second process stops cleanly.
        second = server.restart(kill=True, args=[])
        assert server.killed is False and "--state-dir" in second.command()
        again = requests.get(f"{second.base_url}/admin/api/integrations/{created['id']}", headers=second.admin_headers(), timeout=10)
        assert again.status_code == 200 and again.json()["name"] == "Survivor"
        assert requests.get(f"{second.base_url}/admin/api/credits", headers=second.admin_headers(), timeout=10).json() == credits
        usage = requests.get(f"{second.base_url}/admin/api/credits/usage", headers=second.admin_headers(), timeout=10).json()
        assert len(usage) == 1
        refreshed = token(second, {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
                          basic=(CI_CLIENT_ID, CI_CLIENT_SECRET))
        assert refreshed.status_code == 200, refreshed.text


def test_corrupt_state_refuses_to_start(gong_mock_launcher, tmp_path):
    state_dir = tmp_path / "state"
    state_dir.mkdir()
    with open(f"{state_dir}/gong-mock-state.sqlite", "wb") as handle:
        handle.write(b"definitely not an SQLite database, but long enough to have a header" * 4)
    try:
        started = gong_mock_launcher(seed=SEED, state_dir=state_dir, timeout=15)
    except RuntimeError as error:  # gong_mock_pytest.GongMockExited
        assert "exited with 2" in str(error)
        assert "Refusing to start" in str(error)
        assert error.returncode == 2
    else:
        started.stop()
        raise AssertionError("the server started on a corrupt state file")
