"""The plugin's own tests, run through pytester: each writes a small test suite that uses the
``gong_mock`` fixture and checks how pytest ran it."""

import pytest

from gong_mock_pytest import BinaryNotFound, find_binary


def test_missing_binary_names_all_three_ways(pytester, monkeypatch, tmp_path):
    monkeypatch.delenv("GONG_MOCK_BIN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BinaryNotFound) as caught:
        find_binary(None)
    message = str(caught.value)
    assert "--gong-mock-bin" in message and "GONG_MOCK_BIN" in message and "PATH" in message
    pytester.makepyfile("def test_uses(gong_mock):\n    pass\n")
    result = pytester.runpytest_inprocess()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*gong-mock binary not found*--gong-mock-bin*GONG_MOCK_BIN*PATH*"])


def test_option_wins_over_environment(monkeypatch, binary):
    monkeypatch.setenv("GONG_MOCK_BIN", "/nonexistent/gong-mock")
    assert find_binary(binary) == binary
    with pytest.raises(BinaryNotFound, match="GONG_MOCK_BIN=/nonexistent/gong-mock"):
        monkeypatch.setenv("PATH", "/nonexistent")
        find_binary(None)


def test_fixture_serves_and_controls(pytester, binary):
    pytester.makepyfile(
        """
        import json, urllib.request
        import pytest

        SEED = {"adminToken": "pytester-admin-token-01",
                "integrations": [{"name": "CI", "clientId": "ci-client-01", "clientSecret": "ci-secret-0123456789",
                                  "redirectURIs": ["http://127.0.0.1/cb"]}]}

        @pytest.mark.gong_mock(seed=SEED)
        def test_controls(gong_mock):
            assert gong_mock.mcp_url == gong_mock.base_url + "/mcp"
            assert gong_mock.admin_token == "pytester-admin-token-01"
            with urllib.request.urlopen(gong_mock.base_url + "/healthz") as answer:
                assert json.load(answer) == {"status": "ok"}
            admin = gong_mock.admin
            assert [i["clientId"] for i in admin.integrations()] == ["ci-client-01"]
            fault = admin.add_fault("register-404", times=1)
            assert admin.faults()[0]["id"] == fault
            assert any(kind["kind"] == "token-error" for kind in admin.fault_kinds())
            before = admin.clock()["offsetSeconds"]
            assert admin.advance_clock("2h")["offsetSeconds"] >= before + 7199
            admin.create_integration("Extra", ["https://example.com/cb"])
            snapshot = admin.snapshot()
            admin.reset()
            assert len(admin.integrations()) == 1 and admin.faults() == []
            admin.restore(snapshot)
            assert len(admin.integrations()) == 2
            assert admin.state()["integrations"][0]["clientSecret"] == "ci-secret-0123456789"

        def test_fresh_server_per_test(gong_mock):
            assert gong_mock.admin.integrations() == []
        """
    )
    result = pytester.runpytest_inprocess(f"--gong-mock-bin={binary}")
    result.assert_outcomes(passed=2)


def test_bad_seed_fails_with_the_json_path(pytester, binary):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.gong_mock(seed={"integrations": [{"name": "x", "redirectURIs": ["ftp://x"]}]})
        def test_never_runs(gong_mock):
            pass
        """
    )
    result = pytester.runpytest_inprocess(f"--gong-mock-bin={binary}")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(['*integrations[[]0[]].redirectURIs[[]0[]]*"ftp://x" is not an http(s) URL*'])


def test_failing_test_leaves_its_journal(pytester, binary):
    pytester.makepyfile(
        """
        def test_fails(gong_mock):
            gong_mock.admin.add_fault("latency", ms=1)
            assert False, "on purpose"

        def test_passes(gong_mock):
            pass
        """
    )
    journal_dir = pytester.path / "journals"
    result = pytester.runpytest_inprocess(f"--gong-mock-bin={binary}", f"--gong-mock-journal-dir={journal_dir}")
    result.assert_outcomes(passed=1, failed=1)
    written = sorted(path.name for path in journal_dir.iterdir())
    assert len(written) == 1 and written[0].startswith("test_failing_test_leaves_its_journal.py_test_fails")
    assert written[0].endswith(".har") or written[0].endswith(".server.log")
