"""Starting the gong-mock binary on an ephemeral port, restarting it, stopping it.

Only the standard library: the plugin adds nothing to a test suite's dependencies.
Readiness is the server's own signal (``--ready-file``, written atomically once the socket
accepts), waited for with a deadline; nothing sleeps to synchronise.
"""
import json
import os
import re
import pathlib
import select
import shutil
import signal
import ssl
import subprocess
import tempfile
import time

from .admin import AdminClient

ENV_VAR = "GONG_MOCK_BIN"
OPTION = "--gong-mock-bin"


def _host_argument(args):
    """The last ``--host X`` or ``--host=X`` in ``args`` (as the CLI reads them), else None."""
    host = None
    for index, arg in enumerate(args):
        if arg == "--host" and index + 1 < len(args):
            host = args[index + 1]
        elif arg.startswith("--host="):
            host = arg[len("--host="):]
    return host


# --host values that accept on every address: a client reaches them on the IPv4 loopback.
_WILDCARD_HOSTS = {"0.0.0.0": "127.0.0.1", "::": "127.0.0.1", "localhost": "127.0.0.1"}


# The banner's one-time admin login link: error messages, reports and CI artifacts outlive the test.
_LOGIN_TOKEN = re.compile(r"(/admin/login\?token=)[^\s&]+")


def redact(log):
    """The log with the one-time admin login token replaced by ``<redacted>``."""
    return _LOGIN_TOKEN.sub(r"\1<redacted>", log)


class BinaryNotFound(RuntimeError):
    pass


class GongMockExited(RuntimeError):
    """The server exited before it was ready (or never became ready), or did not stop cleanly.

    ``returncode`` is its exit status (None when it was killed for not becoming ready in time)
    and ``log`` what it wrote to stdout and stderr (login token redacted), also in the message.
    """

    def __init__(self, message, returncode, log):
        self.returncode = returncode
        self.log = redact(log)
        super().__init__(f"{message}: {self.log}")


def find_binary(option_value=None):
    """The binary from --gong-mock-bin, then $GONG_MOCK_BIN, then gong-mock on PATH."""
    tried = []
    for source, candidate in ((OPTION, option_value), (ENV_VAR, os.environ.get(ENV_VAR))):
        if candidate:
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
            tried.append(f"{source}={candidate} (not an executable file)")
    on_path = shutil.which("gong-mock")
    if on_path:
        return on_path
    tried.append("gong-mock on PATH (not found)")
    raise BinaryNotFound(
        "gong-mock binary not found. Pass --gong-mock-bin PATH, set the GONG_MOCK_BIN environment variable, "
        "or put gong-mock on PATH (build it with `swift build`; it is .build/debug/gong-mock). Tried: " + "; ".join(tried)
    )


class GongMock:
    """A running ``gong-mock serve --port 0``.

    ``base_url``, ``mcp_url``, ``admin_token``, ``admin_login_url`` and ``port`` come from its
    ready file (``ready`` holds all of it); ``admin`` is an :class:`AdminClient`.

    Options beyond ``seed`` (a dict in the seed schema, or a path to a seed file) and ``args``
    (more ``serve`` arguments):

    - ``state_dir``: ``--state-dir``; a path you own, or ``True`` for a fresh temporary one that
      is removed when the server stops for good. :meth:`restart` keeps it, so a test can kill
      the server and start it again on the same state.
    - ``tls``: ``--tls`` with a generated certificate written to ``ca_file``; ``admin`` trusts it
      and ``ssl_context()`` gives a context that does (``requests``: ``verify=server.ca_file``).
    - ``public_url``: ``--public-url``; ``base_url`` and ``mcp_url`` then show the public URL,
      while ``local_url`` (and ``admin``) reach the socket itself.

    ``log`` is what the server wrote to stdout and stderr (banner, log lines), across restarts.
    Use it as a context manager, or call :meth:`stop`, which reports the exit status.
    """

    def __init__(self, binary, seed=None, args=(), timeout=30.0, *, state_dir=None, tls=False, public_url=None):
        self.binary = binary
        self.timeout = timeout
        self.workdir = pathlib.Path(tempfile.mkdtemp(prefix="gong-mock-"))
        self.log_path = self.workdir / "server.log"
        self.seed_path = None
        if seed is not None:
            self.seed_path = self.workdir / "seed.json"
            text = pathlib.Path(seed).read_text() if isinstance(seed, (str, pathlib.Path)) else json.dumps(seed)
            self.seed_path.write_text(text)
        self._owns_state_dir = state_dir is True
        self.state_dir = pathlib.Path(tempfile.mkdtemp(prefix="gong-mock-state-")) if state_dir is True else (
            pathlib.Path(state_dir) if state_dir else None)
        self.tls = tls
        self.ca_file = self.workdir / "cert.pem" if tls else None
        self.public_url = public_url
        self.args = list(args)
        self.returncode = None
        self.killed = False
        self.process = None
        self._final_log = None
        # Called with the server when a ``with`` block around it ends in an exception (the
        # plugin's launcher writes the journal there), and when it stops for good.
        self.on_error = None
        self.on_stop = None
        # The test that was running when the plugin started it (None outside a test).
        self.started_for = None
        try:
            self._start()
        except BaseException:
            self._cleanup()
            raise

    # Starting.
    def command(self):
        """The ``gong-mock serve`` command line this server runs."""
        command = [self.binary, "serve", "--port", "0", "--ready-file", str(self.workdir / "ready.json")]
        if self.seed_path is not None:
            command += ["--seed", str(self.seed_path)]
        if self.state_dir is not None:
            command += ["--state-dir", str(self.state_dir)]
        if self.tls:
            command += ["--tls", "--tls-cert-out", str(self.ca_file)]
        if self.public_url is not None:
            command += ["--public-url", self.public_url]
        return command + self.args

    def _start(self):
        ready_file = self.workdir / "ready.json"
        # A killed server leaves its ready file behind: the next one must not be taken as ready.
        ready_file.unlink(missing_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT)
        self.returncode = None
        self.killed = False
        deadline = time.monotonic() + self.timeout
        while not ready_file.exists():
            if self.process.poll() is not None:
                self.returncode = self.process.returncode
                raise GongMockExited(f"gong-mock exited with {self.returncode} before it was ready", self.returncode, self.log)
            if time.monotonic() > deadline:
                self.process.kill()
                self.process.wait()
                raise GongMockExited(f"gong-mock did not become ready within {self.timeout} s", None, self.log)
            select.select([], [], [], 0.02)
        self.ready = json.loads(ready_file.read_text())
        self.base_url = self.ready["baseURL"]
        self.mcp_url = self.ready["mcpURL"]
        self.admin_token = self.ready["adminToken"]
        self.admin_login_url = self.ready["adminLoginURL"]
        self.port = self.ready["port"]
        self.admin = AdminClient(self.local_url, self.admin_token, self.ssl_context())

    @property
    def local_url(self):
        """The socket's own URL (``http(s)://127.0.0.1:PORT``), whatever ``--public-url`` says."""
        host = _host_argument(self.args) or "127.0.0.1"
        host = _WILDCARD_HOSTS.get(host, host)
        if ":" in host:
            host = f"[{host}]"
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}"

    @property
    def pid(self):
        return self.process.pid

    def ssl_context(self):
        """An SSL context trusting the generated certificate (``tls=True``), else None."""
        return ssl.create_default_context(cafile=str(self.ca_file)) if self.tls else None

    def admin_headers(self):
        """``{"Authorization": "Bearer <admin token>"}``, for your own HTTP client."""
        return {"Authorization": f"Bearer {self.admin_token}"}

    @property
    def log(self):
        if self._final_log is not None:
            return self._final_log
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    # Stopping and restarting.
    def _terminate(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.returncode = self.process.returncode
        return self.returncode

    def kill(self):
        """SIGKILL, as a crash would (no chance to flush); :meth:`restart` starts it again."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        self.killed = True
        self.returncode = self.process.returncode
        return self.returncode

    def restart(self, kill=False, args=None):
        """Stops the server (SIGTERM, or SIGKILL with ``kill=True``) and starts it again with the
        same seed, state directory, TLS and public URL (``args`` replaces the extra arguments).
        The port, URLs and admin token are the new process's. Raises :class:`GongMockExited` when a
        SIGTERM stop was not clean (exit status not 0) or the new process does not start."""
        if self._final_log is not None:
            raise RuntimeError("this gong-mock was stopped for good (stop()); start a new one")
        if kill:
            self.kill()
        elif self._terminate() != 0:
            raise GongMockExited(f"gong-mock exited with {self.returncode} on SIGTERM before the restart", self.returncode, self.log)
        if args is not None:
            self.args = list(args)
        self._start()
        return self

    def stop(self):
        """SIGTERM, then wait; returns the exit status (0 is a clean stop). Removes the working
        directory (and a state directory made by ``state_dir=True``); ``log`` stays readable."""
        if self.process is None or self._final_log is not None:
            return self.returncode
        if self.on_stop is not None:
            self.on_stop(self)
        self._terminate()
        self._cleanup()
        return self.returncode

    def _cleanup(self):
        self._final_log = self.log
        shutil.rmtree(self.workdir, ignore_errors=True)
        if self._owns_state_dir and self.state_dir is not None:
            shutil.rmtree(self.state_dir, ignore_errors=True)

    @property
    def stopped_cleanly(self):
        """Exit status 0 after SIGTERM, or killed on purpose with :meth:`kill`."""
        return self.returncode == 0 or self.killed

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is not None and self.on_error is not None and self.running:
            self.on_error(self)
        code = self.stop()
        if exc_type is None and not self.stopped_cleanly:
            raise GongMockExited(f"gong-mock exited with {code} on SIGTERM (a clean stop is 0)", code, self.log)
