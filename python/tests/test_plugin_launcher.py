"""The plugin's launcher and server options, through pytester: a server shared by a module,
journals of every scope on failure, --state-dir kept across kill and restart, TLS, --public-url,
the server's log, and the clean-exit check (with a stand-in binary that exits 3 on SIGTERM)."""
import stat

import pytest


def test_module_server_is_shared_and_failures_leave_journals(pytester, binary):
    pytester.makepyfile(
        """
        import pytest

        @pytest.fixture(scope="module")
        def shared(gong_mock_launcher):
            with gong_mock_launcher(seed={"adminToken": "pytester-admin-token-02"}) as running:
                yield running

        def test_first_writes(shared):
            shared.admin.create_integration("Made by the first test", ["https://example.com/cb"])

        def test_second_sees_it_and_fails(shared):
            assert [i["name"] for i in shared.admin.integrations()] == ["Made by the first test"]
            assert False, "on purpose"

        def test_dead_server_leaves_its_log(gong_mock):
            gong_mock.kill()
            assert False, "after the kill"

        def test_block_in_the_test_fails(gong_mock_launcher):
            with gong_mock_launcher() as own:
                own.admin.credits()
                assert False, "inside the with block"
        """
    )
    journal_dir = pytester.path / "journals"
    result = pytester.runpytest_inprocess(f"--gong-mock-bin={binary}", f"--gong-mock-journal-dir={journal_dir}")
    result.assert_outcomes(passed=1, failed=3)
    written = sorted(path.name for path in journal_dir.iterdir())
    prefix = "test_module_server_is_shared_and_failures_leave_journals.py_"
    assert written == [prefix + "test_block_in_the_test_fails.har", prefix + "test_dead_server_leaves_its_log.server.log",
                       prefix + "test_second_sees_it_and_fails.har"]
    assert b'"version":"1.2"' in (journal_dir / written[2]).read_bytes().replace(b" ", b"")
    assert "MCP server URL:" in (journal_dir / written[1]).read_text()
    # The failing test's report names the journal and shows the server's log.
    result.stdout.fnmatch_lines(["*gong-mock http://127.0.0.1:*: journal and log*", "journal written to *second_sees_it*.har",
                                 "last * lines of the server's log:", "*Admin center:*/admin/login?token=<redacted>*"])


def test_state_dir_survives_kill_and_restart(pytester, binary):
    pytester.makepyfile(
        """
        import pathlib
        import pytest

        @pytest.mark.gong_mock(state_dir=True, args=["--log-level", "notice"])
        def test_restart(gong_mock):
            state_dir = gong_mock.state_dir
            created = gong_mock.admin.create_integration("Survivor", ["https://example.com/cb"])
            old_port = gong_mock.port
            gong_mock.restart(kill=True)
            assert gong_mock.running and not gong_mock.killed and gong_mock.state_dir == state_dir
            assert [i["id"] for i in gong_mock.admin.integrations()] == [created["id"]]
            gong_mock.restart(args=[])  # SIGTERM, which must be clean, then the same state
            assert "--log-level" not in gong_mock.command()
            assert len(gong_mock.admin.integrations()) == 1
            pathlib.Path("state-dir.txt").write_text(str(state_dir))

        def test_killed_server_is_no_unclean_stop(gong_mock):
            gong_mock.kill()

        def test_made_state_dir_is_removed():
            assert not pathlib.Path(pathlib.Path("state-dir.txt").read_text()).exists()

        def test_no_restart_after_stop(gong_mock):
            assert gong_mock.stop() == 0
            with pytest.raises(RuntimeError, match="stopped for good"):
                gong_mock.restart()
        """
    )
    result = pytester.runpytest_inprocess(f"--gong-mock-bin={binary}")
    result.assert_outcomes(passed=4)


def test_tls_public_url_and_log(pytester, binary):
    pytester.makepyfile(
        """
        import json, ssl, urllib.request
        import pytest

        @pytest.mark.gong_mock(tls=True)
        def test_tls(gong_mock):
            assert gong_mock.base_url.startswith("https://127.0.0.1:") and gong_mock.local_url == gong_mock.base_url
            assert gong_mock.ca_file.read_text().startswith("-----BEGIN CERTIFICATE-----")
            with urllib.request.urlopen(gong_mock.base_url + "/healthz", context=gong_mock.ssl_context()) as answer:
                assert json.load(answer) == {"status": "ok"}
            with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
                urllib.request.urlopen(gong_mock.base_url + "/healthz", context=ssl.create_default_context())
            assert gong_mock.admin.credits()["balance"] >= 0

        @pytest.mark.gong_mock(public_url="https://mock.example.test")
        def test_public_url(gong_mock):
            assert gong_mock.base_url == "https://mock.example.test"
            assert gong_mock.mcp_url == "https://mock.example.test/mcp"
            assert gong_mock.local_url == f"http://127.0.0.1:{gong_mock.port}"
            assert gong_mock.admin.integrations() == []
            assert "https://mock.example.test/mcp" in gong_mock.log
            assert gong_mock.admin_headers() == {"Authorization": f"Bearer {gong_mock.admin_token}"}

        @pytest.mark.gong_mock(colour="blue")
        def test_unknown_marker_argument(gong_mock):
            pass
        """
    )
    result = pytester.runpytest_inprocess(f"--gong-mock-bin={binary}")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*unknown gong_mock marker argument(s) *'colour'*known: seed, args, state_dir*"])


def test_refused_start_and_unclean_stop(pytester, binary):
    stand_in = pytester.path / "exits-3-on-term"
    stand_in.write_text(
        "#!/bin/bash\n"
        "while [ $# -gt 0 ]; do [ \"$1\" = --ready-file ] && ready=$2; shift; done\n"
        "echo 'Admin center: http://127.0.0.1:9/admin/login?token=one-time-secret-01'\n"
        "trap 'echo stopping badly; exit 3' TERM\n"
        "echo '{\"baseURL\":\"http://127.0.0.1:9\",\"mcpURL\":\"http://127.0.0.1:9/mcp\",\"adminToken\":\"t\","
        "\"adminLoginURL\":\"x\",\"port\":9}' > \"$ready\"\n"
        "while :; do sleep 1 & wait $!; done\n")
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IXUSR)
    pytester.makepyfile(
        """
        import pytest
        from gong_mock_pytest import GongMockExited

        def test_with_block_raises(gong_mock_launcher):
            with pytest.raises(GongMockExited, match="exited with 3 on SIGTERM") as unclean:
                with gong_mock_launcher():
                    pass
            assert "stopping badly" in unclean.value.log and unclean.value.returncode == 3
            assert "/admin/login?token=<redacted>" in unclean.value.log

        def test_fixture_teardown_errors(gong_mock):
            assert gong_mock.port == 9
        """
    )
    result = pytester.runpytest_inprocess(f"--gong-mock-bin={stand_in}")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_fixture_teardown_errors*",
                                 "*gong-mock exited with 3 on SIGTERM (a clean stop is 0)*", "stopping badly"])
    assert "one-time-secret-01" not in result.stdout.str()
    pytester.makepyfile(
        """
        import pytest
        from gong_mock_pytest import GongMockExited

        def test_refused_start(gong_mock_launcher):
            with pytest.raises(GongMockExited) as refused:
                gong_mock_launcher(args=["--port-typo", "1"])
            assert refused.value.returncode not in (0, None)
            assert "--port-typo" in refused.value.log and "exited with" in str(refused.value)
        """
    )
    result = pytester.runpytest_inprocess(f"--gong-mock-bin={binary}")
    result.assert_outcomes(passed=1)
