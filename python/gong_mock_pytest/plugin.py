"""The pytest11 entry point: the ``gong_mock`` and ``gong_mock_launcher`` fixtures.

``gong_mock`` gives a test a fresh server on an ephemeral port, seeded with ``gong_mock_seed``
(override the fixture, or mark the test or module ``@pytest.mark.gong_mock(seed={...},
args=[...], state_dir=True, tls=True, public_url="https://…")``).

``gong_mock_launcher`` starts servers yourself: for a server shared by a module or class (a
fixture of that scope), several servers in one test, a per-test choice of flags
(``@pytest.mark.parametrize``), or a restart on the same ``--state-dir``::

    @pytest.fixture(scope="module")
    def server(gong_mock_launcher):
        with gong_mock_launcher(seed=SEED, args=["--auto-approve", USER]) as running:
            yield running

Every server the plugin starts is stopped with SIGTERM and must exit 0 (else the test errors
with the server's log), unless the test killed it on purpose (``kill()``). When a test fails,
the request journal (HAR) of every server it used (a fixture's value of any scope, or started
during the test) is written next to the test report and the tail of each server's log is
added to the report.
"""
import pathlib
import re

import pytest

from .server import OPTION, GongMock, GongMockExited, find_binary, redact

# How much of a server's log a failing test's report shows.
LOG_TAIL_LINES = 40


def pytest_addoption(parser):
    group = parser.getgroup("gong-mock")
    group.addoption(OPTION, action="store", default=None, metavar="PATH",
                    help="the gong-mock binary (else $GONG_MOCK_BIN, else gong-mock on PATH)")
    group.addoption("--gong-mock-journal-dir", action="store", default=None, metavar="DIR",
                    help="where failing tests' HAR journals go (default: beside --junitxml, else ./gong-mock-journal)")


# The servers the plugin started and has not stopped, in start order (a dict used as an ordered set).
live_servers_key = pytest.StashKey[dict]()
current_item_key = pytest.StashKey[object]()
journals_written_key = pytest.StashKey[int]()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "gong_mock(seed=None, args=(), state_dir=None, tls=False, public_url=None, timeout=30): how the gong_mock fixture starts its server")
    config.stash[live_servers_key] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    item.config.stash[current_item_key] = item
    yield
    item.config.stash[current_item_key] = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.when in ("setup", "call"):
        # Servers of every scope are still running here: teardown comes after the report. One
        # that died (or was killed) leaves its log instead of a journal.
        for server in servers_of(item):
            path = write_journal(item, server)
            report.sections.append((f"gong-mock {server.local_url}: journal and log", log_summary(server, path)))


def servers_of(item):
    """The live servers the test used: a fixture's value (of any scope, directly or through
    other fixtures), or started while the test ran."""
    used = {id(value) for value in getattr(item, "funcargs", {}).values()}
    return [server for server in item.config.stash[live_servers_key]
            if id(server) in used or server.started_for is item]


class Launcher:
    """Starts :class:`GongMock` servers with the session's binary; each is a context manager.

    ``launcher(seed=None, args=(), state_dir=None, tls=False, public_url=None, timeout=30)``."""

    def __init__(self, config, binary):
        self.config = config
        self.binary = binary

    def __call__(self, seed=None, args=(), **options):
        server = GongMock(self.binary, seed=seed, args=args, **options)
        live = self.config.stash[live_servers_key]
        live[server] = None
        server.started_for = self.config.stash.get(current_item_key, None)
        server.on_stop = lambda stopped: live.pop(stopped, None)
        server.on_error = self.journal_of_failed_block
        return server

    def journal_of_failed_block(self, server):
        item = self.config.stash.get(current_item_key, None)
        if item is not None:
            write_journal(item, server)


@pytest.fixture(scope="session")
def gong_mock_binary(request):
    """The binary: ``--gong-mock-bin``, then ``$GONG_MOCK_BIN``, then ``gong-mock`` on PATH."""
    return find_binary(request.config.getoption(OPTION))


@pytest.fixture(scope="session")
def gong_mock_launcher(request, gong_mock_binary):
    """A callable that starts a server: ``gong_mock_launcher(seed=…, args=[…], state_dir=…,
    tls=…, public_url=…)`` returns a running :class:`GongMock`; use it in a ``with`` block (or
    call ``stop()``). Servers started with it get the failing-test journal like ``gong_mock``."""
    return Launcher(request.config, gong_mock_binary)


@pytest.fixture
def gong_mock_seed():
    """The seed for ``gong_mock`` (a dict in the seed schema); override it in a conftest."""
    return None


@pytest.fixture
def gong_mock_args():
    """Extra ``gong-mock serve`` arguments; override it in a conftest."""
    return []


MARKER_OPTIONS = ("state_dir", "tls", "public_url", "timeout")


@pytest.fixture
def gong_mock(request, gong_mock_launcher, gong_mock_seed, gong_mock_args):
    """A fresh server for this test, configured by the closest ``gong_mock`` marker."""
    marker = request.node.get_closest_marker("gong_mock")
    kwargs = marker.kwargs if marker else {}
    unknown = set(kwargs) - {"seed", "args", *MARKER_OPTIONS}
    if unknown:
        pytest.fail(f"unknown gong_mock marker argument(s) {sorted(unknown)}; known: seed, args, {', '.join(MARKER_OPTIONS)}", pytrace=False)
    options = {name: kwargs[name] for name in MARKER_OPTIONS if name in kwargs}
    server = gong_mock_launcher(seed=kwargs.get("seed", gong_mock_seed), args=list(kwargs.get("args", gong_mock_args)), **options)
    yield server
    server.stop()
    if not server.stopped_cleanly:
        pytest.fail(str(GongMockExited(f"gong-mock exited with {server.returncode} on SIGTERM (a clean stop is 0)",
                                       server.returncode, server.log)), pytrace=False)


def journal_directory(config):
    chosen = config.getoption("--gong-mock-journal-dir")
    if chosen:
        return pathlib.Path(chosen)
    junit = config.getoption("xmlpath", None)
    if junit:
        return pathlib.Path(junit).resolve().parent
    return pathlib.Path(config.rootpath) / "gong-mock-journal"


def write_journal(item, server):
    """Writes the server's HAR journal (or, when it keeps none or has died, its log) for the
    failing test; returns the path. The second and later servers of one test get ``.2``, …"""
    directory = journal_directory(item.config)
    directory.mkdir(parents=True, exist_ok=True)
    index = item.stash.get(journals_written_key, 0)
    item.stash[journals_written_key] = index + 1
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid).strip("_") + (f".{index + 1}" if index else "")
    har = server.admin.journal_har() if server.running else None
    if har is not None:
        path = directory / f"{name}.har"
        path.write_bytes(har)
    else:
        path = directory / f"{name}.server.log"
        path.write_text(redact(server.log))
    return path


def log_summary(server, path):
    tail = redact(server.log).splitlines()[-LOG_TAIL_LINES:]
    return f"journal written to {path}\nlast {len(tail)} lines of the server's log:\n" + "\n".join(tail)
