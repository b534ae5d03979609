"""scripts/container-run, the Containerfile's run stage without a container engine: install
(unpack, user, state folder), start as that user with the image's flags, the HEALTHCHECK, the
state on the volume, and a clean stop. Loopback only: the image's --host 0.0.0.0 is replaced.

Not on the gong_mock pytest plugin, on purpose: the server must be started by
scripts/container-run (as its own user, with the image's flags and ready file), which is what
this test checks; the plugin starts the binary itself."""
import json
import os
import pathlib
import pwd
import shutil
import signal
import subprocess
import tempfile
import time

import pytest
import requests

from archive_support import make_archive
from conftest import ROOT

SCRIPT = str(ROOT / "scripts" / "container-run")
USER = "gong-mock"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return make_archive(tmp_path_factory.mktemp("dist"))[0]


@pytest.fixture
def root_dir():
    """A folder the server's user can reach (pytest's own tmp_path is private to root)."""
    path = pathlib.Path(tempfile.mkdtemp(prefix="gong-mock-container-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="creating the user needs root, as in an image build")
def test_install_start_healthcheck_stop(archive, root_dir):
    tmp_path = root_dir
    env = dict(os.environ, GONG_MOCK_PREFIX=str(tmp_path / "opt" / "gong-mock"),
               GONG_MOCK_STATE=str(tmp_path / "var" / "lib" / "gong-mock"), GONG_MOCK_HOST="127.0.0.1",
               GONG_MOCK_PORT="0")
    for folder in (tmp_path / "opt", tmp_path / "var", tmp_path / "var" / "lib"):
        folder.mkdir(exist_ok=True)
        folder.chmod(0o755)
    state = tmp_path / "var" / "lib" / "gong-mock"

    installed = subprocess.run([SCRIPT, "install", str(archive)], env=env, capture_output=True, text=True, timeout=60)
    assert installed.returncode == 0, installed.stderr
    user = pwd.getpwnam(USER)
    assert user.pw_shell == "/usr/sbin/nologin"
    assert os.stat(state).st_uid == user.pw_uid and (os.stat(state).st_mode & 0o777) == 0o750
    assert os.access(tmp_path / "opt" / "gong-mock" / "gong-mock", os.X_OK)

    unhealthy = subprocess.run([SCRIPT, "healthcheck"], env=env, capture_output=True, timeout=10)
    assert unhealthy.returncode != 0

    seed = str(tmp_path / "opt" / "gong-mock" / "Fixtures" / "seed-example.json")
    server = subprocess.Popen([SCRIPT, "start", "--seed", seed], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        ready_file = state / "ready.json"
        deadline = time.monotonic() + 30
        while not ready_file.exists():
            assert server.poll() is None, server.stdout.read().decode()
            assert time.monotonic() < deadline, "no ready file within 30 s"
            time.sleep(0.02)
        ready = json.loads(ready_file.read_text())
        # setpriv replaced the script: the server is the started process, running as the user.
        assert ready["pid"] == server.pid
        with open(f"/proc/{server.pid}/status") as status:
            uids = next(line for line in status if line.startswith("Uid:")).split()[1:]
        assert set(map(int, uids)) == {user.pw_uid}
        base = f"http://127.0.0.1:{ready['port']}"
        assert requests.get(base + "/healthz", timeout=10).json() == {"status": "ok"}
        assert subprocess.run([SCRIPT, "healthcheck"], env=env, timeout=10).returncode == 0
        # State lives on the volume, owned by the user.
        database = state / "gong-mock-state.sqlite"
        assert database.exists() and os.stat(database).st_uid == user.pw_uid
        assert ready["version"] and ready["openssl"].startswith("OpenSSL 3")
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=15)
    assert code == 0, server.stdout.read().decode()
    assert not (state / "ready.json").exists()
