"""The pytest11 entry point: the ``gong_mock`` fixture.

A test gets a fresh server on an ephemeral port, seeded with ``gong_mock_seed`` (override the
fixture, or mark the test ``@pytest.mark.gong_mock(seed={...}, args=[...])``). When the test
fails, the server's request journal (HAR) is written next to the test report.
"""
import pathlib
import re

import pytest

from .server import OPTION, GongMock, find_binary


def pytest_addoption(parser):
    group = parser.getgroup("gong-mock")
    group.addoption(OPTION, action="store", default=None, metavar="PATH",
                    help="the gong-mock binary (else $GONG_MOCK_BIN, else gong-mock on PATH)")
    group.addoption("--gong-mock-journal-dir", action="store", default=None, metavar="DIR",
                    help="where failing tests' HAR journals go (default: beside --junitxml, else ./gong-mock-journal)")


def pytest_configure(config):
    config.addinivalue_line("markers", "gong_mock(seed=None, args=()): seed and extra serve arguments for the gong_mock fixture")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"_gong_mock_report_{report.when}", report)


@pytest.fixture(scope="session")
def gong_mock_binary(request):
    return find_binary(request.config.getoption(OPTION))


@pytest.fixture
def gong_mock_seed():
    """The seed for ``gong_mock`` (a dict in the seed schema); override it in a conftest."""
    return None


@pytest.fixture
def gong_mock_args():
    """Extra ``gong-mock serve`` arguments; override it in a conftest."""
    return []


def journal_directory(config):
    chosen = config.getoption("--gong-mock-journal-dir")
    if chosen:
        return pathlib.Path(chosen)
    junit = config.getoption("xmlpath", None)
    if junit:
        return pathlib.Path(junit).resolve().parent
    return pathlib.Path(config.rootpath) / "gong-mock-journal"


@pytest.fixture
def gong_mock(request, gong_mock_binary, gong_mock_seed, gong_mock_args):
    marker = request.node.get_closest_marker("gong_mock")
    seed = marker.kwargs.get("seed", gong_mock_seed) if marker else gong_mock_seed
    args = list(marker.kwargs.get("args", gong_mock_args)) if marker else list(gong_mock_args)
    server = GongMock(gong_mock_binary, seed=seed, args=args)
    try:
        yield server
    finally:
        report = getattr(request.node, "_gong_mock_report_call", None)
        if report is not None and report.failed:
            write_journal(request, server)
        server.stop()


def write_journal(request, server):
    har = server.admin.journal_har()
    directory = journal_directory(request.config)
    directory.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid).strip("_")
    if har is not None:
        path = directory / f"{name}.har"
        path.write_bytes(har)
    else:
        path = directory / f"{name}.server.log"
        path.write_text(server.log)
    request.node.add_report_section("teardown", "gong-mock", f"journal written to {path}")
