"""The release archive, as a CI job without Swift meets it: unpacked into an empty folder by the
README's own download-and-run block, checked (SHA256SUMS, ldd against the README's list), then
the README's smoke block (discovery, OAuth with auto-approve, tools/call) against it. Prints the
archive's size and start-to-first-200 of the unpacked binary.

Not on the gong_mock pytest plugin, on purpose: what is under test is the README's own shell
blocks starting the unpacked archive's binary, and a bare spawn-to-first-200 measurement (no
ready file, as the bench does it); the plugin would replace exactly the part being tested."""
import hashlib
import json
import os
import pathlib
import signal
import socket
import statistics
import subprocess
import tarfile
import time

import pytest

from archive_support import allowed_libraries, make_archive, readme_block

VERSION = (pathlib.Path(__file__).resolve().parents[2] / "VERSION").read_text().strip()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return make_archive(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def unpacked(archive, tmp_path_factory):
    path, _ = archive
    target = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(path) as tar:
        tar.extractall(target, filter="data")
    return target / path.name.removesuffix(".tar.gz")


def test_archive_holds_one_folder_with_checksums(archive, unpacked):
    path, _ = archive
    assert path.name == f"gong-mock-{VERSION}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(path) as tar:
        assert {name.split("/")[0] for name in tar.getnames()} == {unpacked.name}
    for name in ("gong-mock", "README.md", "LICENSE", "CHANGELOG.md", "VERSION", "SHA256SUMS",
                 "Fixtures/seed-example.json", "Fixtures/company/company.json"):
        assert (unpacked / name).is_file(), name
    assert os.access(unpacked / "gong-mock", os.X_OK)
    listed = {}
    for line in (unpacked / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {str(p.relative_to(unpacked)) for p in unpacked.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((unpacked / name).read_bytes()).hexdigest() == digest, name
    beside = (path.parent / (path.name + ".sha256")).read_text().split()
    assert beside == [hashlib.sha256(path.read_bytes()).hexdigest(), path.name]


def test_binary_needs_only_the_documented_libraries(archive, unpacked):
    _, release = archive
    if not release:
        pytest.skip("archive of the debug build (linked dynamically): the ldd check runs on the release "
                    "archive, by hand: ./scripts/check-archive")
    output = subprocess.run(["ldd", str(unpacked / "gong-mock")], capture_output=True, text=True, check=True).stdout
    needed = {line.split()[0].rsplit("/", 1)[-1] for line in output.splitlines() if line.strip()}
    print(f"\nldd gong-mock:\n{output}", end="")
    assert needed <= allowed_libraries(), f"not in README's list: {needed - allowed_libraries()}"


def test_readme_download_and_run_then_smoke_flow(archive, tmp_path):
    path, _ = archive
    work = tmp_path / "empty"
    work.mkdir()
    script = "set -euo pipefail\n" + readme_block("snippet: download-and-run") + readme_block("snippet: smoke")
    env = {"PATH": os.environ["PATH"], "HOME": str(work), "GONG_MOCK_DOWNLOAD": path.parent.as_uri()}
    try:
        result = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    finally:
        ready = work / "ready.json"
        if ready.exists():  # the smoke block ends the server; if it failed early, end it here
            try:
                os.kill(json.loads(ready.read_text())["pid"], signal.SIGTERM)
            except ProcessLookupError:
                pass
    log = (work / "gong-mock.log").read_text() if (work / "gong-mock.log").exists() else ""
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}\n{log}"
    out = result.stdout
    assert f"gong-mock {VERSION}\n" in out and "openssl: OpenSSL 3" in out and "sqlite:  3." in out
    assert "gong-mock is ready at http://127.0.0.1:" in out
    assert '401 {"authorization_servers":["http://127.0.0.1:' in out
    answer = json.loads(out.strip().splitlines()[-1])
    assert answer["id"] == 2 and answer["result"]["isError"] is False, answer
    assert "answer" in answer["result"]["structuredContent"]
    assert "tool call charged" in log


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def first_200_ms(binary):
    """Spawn to the first 200 from GET /healthz (the bench's method), in milliseconds."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen([str(binary), "serve", "--port", str(port), "--log-level", "error"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < 10:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                    connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    if connection.recv(64).startswith(b"HTTP/1.1 200"):
                        return (time.perf_counter() - started) * 1000
            except OSError:
                pass
            time.sleep(0.0002)
        pytest.fail("no 200 from /healthz within 10 s")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_prints_size_and_start_to_first_200(archive, unpacked, capsys):
    path, release = archive
    samples = [first_200_ms(unpacked / "gong-mock") for _ in range(5)]
    with capsys.disabled():
        kind = "release" if release else "debug build"
        print(f"\n[archive] {path.name} ({kind}): {path.stat().st_size / 1e6:.1f} MB, "
              f"binary {(unpacked / 'gong-mock').stat().st_size / 1e6:.1f} MB; "
              f"start to first 200 from the unpacked archive: median {statistics.median(samples):.1f} ms "
              f"(min {min(samples):.1f}, 5 starts)")
