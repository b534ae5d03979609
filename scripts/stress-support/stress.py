"""scripts/stress: gong-mock under hostile load on loopback (issue #16 item 3). Standard library
plus wrk for the soak. Bounded: every phase has a deadline and the script stops by itself.

Phases (full / --smoke):
  idle        9,999 / 1,000 idle keep-alive connections (each answered one request, then silent)
              plus the probe's own: 10,000 held; /healthz answers on the probe connection.
  slowloris   500 / 100 clients dripping one header line a second; a normal client's /healthz
              latency over its keep-alive connection: p50, p99 (target p99 <= 10 ms).
  soak        60 s / 5 s (after 3 s filling the journal) of wrk at full load (POST /mcp
              tools/list, c=32); RSS and open fds of the server sampled every 5 s: growth from
              the first sample after warm-up to the end.
  floods      oversized request line (414), header block (431), body (413), malformed bytes (400),
              half-open requests (client shuts its write side mid-head), TLS ClientHellos at the
              plain port, and full TLS handshakes against a --tls server.
/healthz is probed between and during phases; every probe must answer 200.
"""
import argparse
import http.client
import json
import os
import pathlib
import resource
import select
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time

ROWS = []
FAILURES = []


def row(phase, measure, value, target="", ok=True):
    ROWS.append((phase, measure, value, target, "ok" if ok else "MISSED"))
    if not ok:
        FAILURES.append(f"{phase}: {measure} = {value} (target {target})")


def raise_fd_limit(wanted):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(hard, max(soft, wanted))
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


class Server:
    def __init__(self, binary, work, extra=()):
        self.ready_file = work / f"ready-{len(extra)}.json"
        self.log = open(work / "server.log", "ab")
        self.process = subprocess.Popen([binary, "serve", "--port", "0", "--ready-file", str(self.ready_file),
                                         "--log-level", "error", *extra],
                                        stdout=self.log, stderr=subprocess.STDOUT,
                                        preexec_fn=lambda: raise_fd_limit(20_000))
        deadline = time.monotonic() + 30
        while not self.ready_file.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"scripts/stress: gong-mock did not start; see {work / 'server.log'}")
            select.select([], [], [], 0.01)
        self.ready = json.loads(self.ready_file.read_text())
        self.port = self.ready["port"]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def rss_kb(self):
        for line in pathlib.Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def fds(self):
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))


class Probe:
    """A normal client: one keep-alive connection asking GET /healthz."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        self.failures = 0
        self.count = 0

    def ask(self):
        start = time.perf_counter()
        try:
            self.conn.request("GET", "/healthz")
            response = self.conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        self.count += 1
        if not ok:
            self.failures += 1
        return time.perf_counter() - start


def connect(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST on close: no TIME_WAIT pile-up
    sock.connect(("127.0.0.1", port))
    return sock


def read_all(sockets, deadline):
    """Reads until every socket has a full response head or the deadline passes; returns how many did.
    poll(2), not select(2): the descriptors go far past FD_SETSIZE (1024)."""
    pending = {s.fileno(): (s, b"") for s in sockets}
    poller = select.poll()
    for fd in pending:
        poller.register(fd, select.POLLIN)
    done = 0
    while pending and time.monotonic() < deadline:
        for fd, _ in poller.poll(200):
            sock, data = pending[fd]
            try:
                chunk = sock.recv(65536)
            except OSError:
                chunk = b""
            data += chunk
            if b"\r\n\r\n" in data or not chunk:
                del pending[fd]
                poller.unregister(fd)
                done += 1 if b"\r\n\r\n" in data else 0
            else:
                pending[fd] = (sock, data)
    return done


def phase_idle(server, probe, count):
    sockets = []
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    start = time.monotonic()
    try:
        for index in range(count):
            sock = connect(server.port)
            sock.sendall(request)
            sockets.append(sock)
            if index % 1000 == 999:
                read_all(sockets[-1000:], time.monotonic() + 20)
        if count % 1000:
            read_all(sockets[-(count % 1000):], time.monotonic() + 20)
        opened = time.monotonic() - start
        # All idle now; are they still open on the server's side?
        held = server.fds()
        probe_times = [probe.ask() for _ in range(20)]
        alive = 0
        for sock in sockets:
            try:
                sock.setblocking(False)
                data = sock.recv(1)
                alive += 0 if data == b"" else 1
            except BlockingIOError:
                alive += 1
            except OSError:
                pass
        row("idle", "keep-alive connections held", f"{alive + 1:,}", f"{count + 1:,}", alive == count)
        row("idle", "server fds while held", f"{held:,}", "")
        row("idle", "time to open them", f"{opened:.1f} s", "")
        row("idle", "/healthz on the probe, max", f"{max(probe_times) * 1000:.2f} ms", "answers", probe.failures == 0)
    finally:
        for sock in sockets:
            sock.close()


def phase_slowloris(server, probe, clients, seconds):
    sockets = []
    for _ in range(clients):
        sock = connect(server.port)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(sock)
    latencies = []
    end = time.monotonic() + seconds
    next_drip = time.monotonic() + 1
    failures_before = probe.failures
    while time.monotonic() < end:
        latencies.append(probe.ask())
        if time.monotonic() >= next_drip:
            for index, sock in enumerate(sockets):
                try:
                    sock.send(f"X-Slow-{index}: {int(time.monotonic())}\r\n".encode())
                except OSError:
                    pass
            next_drip += 1
        select.select([], [], [], 0.001)
    timed_out = 0
    for sock in sockets:
        try:
            sock.setblocking(False)
            data = sock.recv(4096)
            timed_out += 1 if data.startswith(b"HTTP/1.1 408") or data == b"" else 0
        except BlockingIOError:
            pass
        except OSError:
            timed_out += 1
        sock.close()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    row("slowloris", f"{clients} dripping clients, normal client p50", f"{statistics.median(latencies) * 1000:.2f} ms", "")
    row("slowloris", "normal client p99", f"{p99:.2f} ms", "<= 10 ms", p99 <= 10 and probe.failures == failures_before)
    row("slowloris", "normal client requests", f"{len(latencies):,}", "all 200", probe.failures == failures_before)
    row("slowloris", "dripping clients cut off (408) so far", f"{timed_out}", "")


def phase_soak(server, probe, seconds, work):
    wrk = shutil.which("wrk")
    if not wrk:
        row("soak", "wrk", "not installed", "installed", False)
        return
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}})
    env = dict(os.environ, BENCH_RPC_BODY=body)
    lua = pathlib.Path(__file__).resolve().parent.parent / "bench-support" / "jsonrpc.lua"
    if seconds < 20:
        # The journal (on at its defaults) grows until its byte budget is full, a few thousand
        # tools/list answers; a short soak on a slow machine would measure that fill, not a leak.
        subprocess.run([wrk, "-t1", "-c32", "-d3s", "-s", str(lua), f"http://127.0.0.1:{server.port}/mcp"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, timeout=30)
    load = subprocess.Popen([wrk, "-t1", "-c32", f"-d{seconds}s", "-s", str(lua), f"http://127.0.0.1:{server.port}/mcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    samples = []
    start = time.monotonic()
    step = 5 if seconds >= 20 else 1
    while load.poll() is None and time.monotonic() - start < seconds + 15:
        samples.append((time.monotonic() - start, server.rss_kb(), server.fds()))
        probe.ask()
        select.select([], [], [], step)
    output = load.communicate(timeout=30)[0]
    rate = next((line.split()[1] for line in output.splitlines() if line.startswith("Requests/sec")), "?")
    warm = [s for s in samples if s[0] >= min(10, seconds / 3)] or samples
    first, last = warm[0], warm[-1]
    growth = (last[1] - first[1]) / 1024
    row("soak", f"{seconds} s of tools/list at c=32", f"{rate} req/s", "")
    row("soak", "RSS after warm-up -> end", f"{first[1] / 1024:.1f} -> {last[1] / 1024:.1f} MB", "flat (< 2 MB growth)", growth < 2)
    row("soak", "open fds after warm-up -> end", f"{first[2]} -> {last[2]}", "flat", abs(last[2] - first[2]) <= 2)


def phase_floods(server, probe, count, tls_server):
    cases = [
        ("oversized request line", b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: h\r\n\r\n", b" 414 "),
        ("oversized header block", b"GET / HTTP/1.1\r\nHost: h\r\n" + b"X-Big: " + b"b" * 17000 + b"\r\n\r\n", b" 431 "),
        ("oversized body", b"POST /mcp HTTP/1.1\r\nHost: h\r\nContent-Length: 5000000\r\n\r\n" + b"x" * 65536, b" 413 "),
        ("malformed bytes", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + os.urandom(64) + b"\r\n\r\n", b" 400 "),
        ("smuggling: CL + TE", b"POST /mcp HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", b" 400 "),
    ]
    for name, payload, expected in cases:
        right = 0
        for _ in range(count):
            sock = connect(server.port)
            try:
                sock.sendall(payload)
            except OSError:
                pass
            sock.settimeout(5)
            try:
                data = sock.recv(4096)
            except OSError:
                data = b""
            right += 1 if expected in data.split(b"\r\n", 1)[0] + b" " else 0
            sock.close()
        probe.ask()
        row("floods", f"{name} x{count}", f"{right} answered {expected.decode().strip()}", f"{count}", right == count and probe.failures == 0)
    # Half-open: part of a head, then the client shuts its write side; the server must close.
    closed = 0
    for _ in range(count):
        sock = connect(server.port)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHo")
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(5)
        try:
            data = sock.recv(4096)
            closed += 1 if data == b"" or data.startswith(b"HTTP/1.1 400") else 0
        except OSError:
            closed += 1
        sock.close()
    probe.ask()
    row("floods", f"half-open requests x{count}", f"{closed} closed", f"{count}", closed == count and probe.failures == 0)
    if tls_server:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        done = 0
        tls_probe = Probe(tls_server.port)
        for _ in range(count):
            try:
                with socket.create_connection(("127.0.0.1", tls_server.port), timeout=5) as raw:
                    with context.wrap_socket(raw, server_hostname="localhost") as tls:
                        tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        done += 1 if tls.recv(64).startswith(b"HTTP/1.1 200") else 0
            except OSError:
                pass
            # and an abandoned handshake: a ClientHello's first bytes, then nothing
            sock = connect(tls_server.port)
            sock.sendall(b"\x16\x03\x01\x00\xc8\x01\x00\x00\xc4\x03\x03")
            sock.close()
        row("floods", f"TLS handshakes x{count} (+ as many abandoned)", f"{done} completed", f"{count}", done == count)
    probe.ask()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    smoke = args.smoke
    raise_fd_limit(20_000)
    work = pathlib.Path(tempfile.mkdtemp(prefix="gong-mock-stress-"))
    server = Server(args.bin, work)
    tls_server = None
    started = time.monotonic()
    try:
        tls_server = Server(args.bin, work, ["--tls"])
        probe = Probe(server.port)
        probe.ask()
        phase_idle(server, probe, 999 if smoke else 9_999)
        phase_slowloris(server, probe, 100 if smoke else 500, 3 if smoke else 8)
        phase_soak(server, probe, 5 if smoke else 60, work)
        phase_floods(server, probe, 20 if smoke else 200, tls_server)
        row("all", "/healthz probes answered 200", f"{probe.count - probe.failures}/{probe.count}", "all", probe.failures == 0)
    finally:
        server.stop()
        if tls_server:
            tls_server.stop()
    print(f"\ngong-mock stress ({'smoke' if smoke else 'full'}), {time.monotonic() - started:.0f} s, {args.bin}")
    widths = [max(len(str(r[i])) for r in ROWS + [("phase", "measure", "value", "target", "")]) for i in range(5)]
    for r in [("phase", "measure", "value", "target", "")] + ROWS:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(r, widths)))
    if FAILURES:
        print("\nscripts/stress: missed: " + "; ".join(FAILURES), file=sys.stderr)
        print(f"server log kept in {work}", file=sys.stderr)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
