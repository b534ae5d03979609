"""local_url reads the --host the server was started with, in either spelling the CLI accepts."""
from gong_mock_pytest.server import _host_argument


def test_host_argument_reads_both_spellings_and_the_last_wins():
    assert _host_argument(["serve", "--port", "0"]) is None
    assert _host_argument(["serve", "--host", "::1"]) == "::1"
    assert _host_argument(["serve", "--host=127.0.0.2"]) == "127.0.0.2"
    assert _host_argument(["serve", "--host", "0.0.0.0", "--host=::1"]) == "::1"
    assert _host_argument(["serve", "--host"]) is None
