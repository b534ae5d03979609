"""scripts/crash: crash safety of --state-dir under kill -9 (issue #16 item 4). Standard library only.

Each cycle starts gong-mock on a fresh ephemeral port over the same state directory, checks that
everything acknowledged before the last kill is there, then runs a stream of admin mutations
(integration create / rename / delete), OAuth code grants, refresh-token rotations, charged
ask_account calls and test controls (POST /_mock/snapshot, /_mock/restore, /_mock/reset, and
GET then PUT /_mock/state with a new credit pool and one integration fewer) from one client (so at
most one request is in flight), and SIGKILLs the server at a random moment. Checks after every restart:
  - when a reset/restore/PUT was in flight, the state is wholly the one before it or wholly the
    one after it (integrations and ledger rows decide which), never a mix;
  - snapshots do not survive the restart: restoring one from before it answers 404;
  - every acknowledged integration create/rename/delete is visible (the one in flight may or may not be);
  - the latest acknowledged refresh token still works (unless a rotation was in flight), and no
    rotated-out refresh token is accepted again;
  - the credit ledger balances: total - sum(usage rows) == balance, and the rows number at least
    the acknowledged charges (at most one more).
Prints a table; exits non-zero on the first broken check.
"""
import argparse
import base64
import copy
import hashlib
import http.client
import json
import os
import pathlib
import random
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

CLIENT_ID = "crash-client-0001"
CLIENT_SECRET = "crash-secret-0001-loopback-only"
REDIRECT = "http://127.0.0.1:9/callback"
ADMIN_TOKEN = "crash-admin-token-0001"
USER = "maya.lindqvist@northwind-analytics.com"
SEED = {
    "adminToken": ADMIN_TOKEN,
    "credits": {"balance": 10_000_000, "total": 10_000_000},
    "integrations": [{"name": "Crash", "authorizationContext": "SHARED", "registrationType": "MANUAL",
                      "clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET, "redirectURIs": [REDIRECT]}],
}


class Died(Exception):
    """The server went away mid-request (the kill landed)."""


class Broken(Exception):
    """A crash-safety check failed."""


class Server:
    def __init__(self, binary, state_dir, work):
        ready_file = work / "ready.json"
        if ready_file.exists():
            ready_file.unlink()
        self.log = open(work / "server.log", "ab")
        self.process = subprocess.Popen(
            [binary, "serve", "--port", "0", "--state-dir", str(state_dir), "--ready-file", str(ready_file),
             "--seed", str(work / "seed.json"), "--auto-approve", USER, "--stateless", "--log-level", "warning"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while not ready_file.exists():
            if self.process.poll() is not None:
                raise Broken(f"gong-mock exited with {self.process.returncode} on restart; see {work / 'server.log'}")
            if time.monotonic() > deadline:
                self.kill()
                raise Broken("gong-mock did not become ready within 30 s")
            select.select([], [], [], 0.01)
        self.ready = json.loads(ready_file.read_text())
        self.port = self.ready["port"]

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.getheader("Location"), response.read()
        except (ConnectionError, http.client.HTTPException, OSError) as error:
            raise Died(str(error)) from error
        finally:
            conn.close()

    def admin(self, method, path, payload=None):
        headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        body = None
        if payload is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(payload)
        status, _, data = self.request(method, path, body, headers)
        return status, (json.loads(data) if data else None)

    def token(self, form):
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        status, _, data = self.request("POST", "/oauth2/generate-mcp-token", urllib.parse.urlencode(form),
                                       {"Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Basic {basic}"})
        return status, json.loads(data) if data else {}

    def code_grant(self):
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
        query = urllib.parse.urlencode({"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT,
                                        "code_challenge": challenge, "code_challenge_method": "S256", "state": "s"})
        status, location, _ = self.request("GET", f"/oauth2/authorize?{query}")
        if status != 302 or not location:
            raise Broken(f"authorize answered {status}")
        code = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["code"][0]
        status, tokens = self.token({"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                                     "code_verifier": verifier})
        if status != 200:
            raise Broken(f"code exchange answered {status}: {tokens}")
        return tokens

    def ask(self, access, account):
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "ask_account", "arguments": {
            "accountId": account, "question": "pricing objections?", "timePeriod": "ALL_CONVERSATIONS"}}})
        status, _, data = self.request("POST", "/mcp", body, {
            "Authorization": f"Bearer {access}", "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-06-18"})
        return status, json.loads(data) if data else {}


class Model:
    """What the client saw acknowledged, and what was in flight when the server died."""

    # What a reset, restore or PUT of the state changes (and a snapshot keeps).
    CORE = ("integrations", "deleted", "charges", "refresh", "rotated")

    def __init__(self):
        self.snapshots = {}           # snapshot id -> core at that moment (in server memory only)
        self.stale_snapshots = []     # ids from before the last restart (must answer 404)
        self.integrations = {}        # id -> name (acknowledged)
        self.deleted = set()          # acknowledged deletions
        self.in_flight = None         # (kind, detail) of the request the kill interrupted
        self.charges = 0              # acknowledged charged calls
        self.refresh = None           # latest acknowledged refresh token
        self.rotated = []             # refresh tokens rotated out (must never work again)
        self.access = None
        self.history = []             # (cycle marker or operation, acknowledged?) for failure reports

    def core(self):
        return copy.deepcopy({key: getattr(self, key) for key in self.CORE})

    def load(self, core):
        for key, value in core.items():
            setattr(self, key, copy.deepcopy(value))
        self.access = None

    def after_restore(self, snap):
        """The core after restoring `snap`: later integrations gone, later tokens dead, earlier ones back."""
        new = copy.deepcopy(snap)
        new["deleted"] = (self.deleted | set(self.integrations)) - set(snap["integrations"])
        dead = set(self.rotated) | ({self.refresh} if self.refresh else set())
        new["rotated"] = sorted((set(snap["rotated"]) | dead) - ({snap["refresh"]} if snap["refresh"] else set()))
        return new

    def after_reset(self):
        return {"integrations": {}, "deleted": self.deleted | set(self.integrations), "charges": 0, "refresh": None,
                "rotated": self.rotated + ([self.refresh] if self.refresh else [])}


def created_ids(listed):
    """Integrations the stream made (the seed's own is always there)."""
    return {item["id"]: item["name"] for item in listed if item.get("clientId") != CLIENT_ID}


def settle_control(model, listed, rows, stats):
    """A reset/restore/PUT was in flight: the state must be wholly the old or wholly the new one."""
    _, new = model.in_flight
    old = model.core()
    names = created_ids(listed)
    matches = [core for core in (old, new) if set(core["integrations"]) == set(names) and core["charges"] == len(rows)]
    if not matches:
        raise Broken(f"after a kill during a control the state is neither the old nor the new one: integrations {sorted(names)}, "
                     f"{len(rows)} ledger rows; old {sorted(old['integrations'])}/{old['charges']}, new {sorted(new['integrations'])}/{new['charges']}")
    if len(matches) == 2 and old != new:
        # Indistinguishable by integrations and rows: check only what holds in both.
        merged = copy.deepcopy(new)
        merged["refresh"] = None
        merged["rotated"] = [token for token in new["rotated"] if token in old["rotated"]]
        model.load(merged)
        stats["controls ambiguous at kill"] += 1
    else:
        model.load(matches[0])
        stats["control at kill: old state" if matches[0] is old else "control at kill: new state"] += 1
    model.integrations = {ident: names[ident] for ident in model.integrations}
    model.in_flight = None

def verify(server, model, stats):
    status, listed = server.admin("GET", "/admin/api/integrations")
    if status != 200:
        raise Broken(f"listing integrations answered {status}")
    if model.in_flight and model.in_flight[0] == "control":
        status, rows = server.admin("GET", "/admin/api/credits/usage")
        settle_control(model, listed, rows, stats)
    for ident in model.stale_snapshots[-2:]:
        status, answer = server.admin("POST", "/_mock/restore", {"id": ident})
        if status != 404 or "restart" not in (answer or {}).get("message", ""):
            raise Broken(f"restoring snapshot {ident} from before the restart answered {status}: {answer}")
        stats["stale snapshots refused"] += 1
    model.stale_snapshots = []
    names = {item["id"]: item["name"] for item in listed}
    kind, detail = model.in_flight or (None, None)
    # The interrupted deletion either happened or not; both are fine, but it must stay decided.
    if kind == "delete" and detail not in names:
        model.integrations.pop(detail, None)
        model.deleted.add(detail)
    for ident, name in model.integrations.items():
        if ident not in names:
            history = [entry for entry in model.history if ident in str(entry)]
            raise Broken(f"acknowledged integration {ident} ({name}) is missing after the restart; its history: {history}")
        if names[ident] != name and not (kind == "rename" and detail[0] == ident and names[ident] == detail[1]):
            raise Broken(f"integration {ident} is named {names[ident]!r}, acknowledged {name!r}")
    if kind == "rename" and detail[0] in names:
        model.integrations[detail[0]] = names[detail[0]]
    for ident in model.deleted:
        if ident in names:
            raise Broken(f"integration {ident} was deleted (acknowledged) but is back after the restart")
    # A create the kill interrupted may have landed: from now on it is part of the state.
    model.integrations = created_ids(listed)
    model.history.append(("restart; in flight", model.in_flight))
    stats["integrations checked"] += len(model.integrations) + len(model.deleted)

    # The latest refresh token first: trying a rotated one may (rightly) revoke the whole family.
    if model.refresh:
        status, tokens = server.token({"grant_type": "refresh_token", "refresh_token": model.refresh})
        if status == 200:
            model.rotated.append(model.refresh)
            stats["refresh chains resumed"] += 1
        elif kind != "refresh":
            raise Broken(f"the latest acknowledged refresh token was refused after the restart: {status} {tokens}")
        else:
            stats["refresh in flight at kill"] += 1
    for old in model.rotated:
        status, tokens = server.token({"grant_type": "refresh_token", "refresh_token": old})
        if status == 200:
            raise Broken("a rotated-out refresh token was accepted again after the restart")
        stats["rotated tokens refused"] += 1
    model.refresh = None
    model.access = None

    status, pool = server.admin("GET", "/admin/api/credits")
    status_rows, rows = server.admin("GET", "/admin/api/credits/usage")
    if status != 200 or status_rows != 200:
        raise Broken(f"credits answered {status}/{status_rows}")
    used = sum(round(row["Credits used"] * 100) for row in rows)
    if round(pool["total"] * 100) - used != round(pool["balance"] * 100):
        raise Broken(f"ledger does not balance: total {pool['total']} - used {used / 100} != balance {pool['balance']}")
    allowed = model.charges + (1 if kind == "charge" else 0)
    if not model.charges <= len(rows) <= allowed:
        raise Broken(f"{len(rows)} usage rows after the restart, {model.charges} charges acknowledged (+{allowed - model.charges} in flight)")
    model.charges = len(rows)
    stats["charges checked"] += len(rows)
    model.in_flight = None
    model.stale_snapshots = list(model.snapshots)
    model.snapshots = {}


def control(server, model, rng, stats, roll=None):
    """One test control; a state change is acknowledged only once answered. `roll` picks the
    kind: below 0.35 snapshot, then restore, reset (from 0.6), GET+PUT state (from 0.75)."""
    roll = rng.random() if roll is None else roll
    if roll < 0.35 or not model.snapshots and roll < 0.6:
        model.in_flight = ("snapshot", None)
        status, answer = server.admin("POST", "/_mock/snapshot")
        if status != 201:
            raise Broken(f"snapshot answered {status}: {answer}")
        model.snapshots[answer["id"]] = model.core()
        stats["snapshots"] += 1
        return
    if roll < 0.6:
        ident = rng.choice(sorted(model.snapshots))
        new, what, request = model.after_restore(model.snapshots[ident]), "restores", ("POST", "/_mock/restore", {"id": ident})
    elif roll < 0.75:
        new, what, request = model.after_reset(), "resets", ("POST", "/_mock/reset", None)
    else:
        status, document = server.admin("GET", "/_mock/state")
        if status != 200:
            raise Broken(f"GET /_mock/state answered {status}")
        new = model.core()
        new["charges"] = 0
        if model.integrations:
            dropped = rng.choice(sorted(model.integrations))
            document["integrations"] = [item for item in document["integrations"] if item.get("id") != dropped]
            new["integrations"].pop(dropped)
            new["deleted"].add(dropped)
        pool = 5_000_000 + rng.randrange(1_000_000)
        document["credits"] = {"balance": pool, "total": pool}
        for member in ("faults", "clock"):
            document.pop(member, None)
        what, request = "state PUTs", ("PUT", "/_mock/state", document)
    model.in_flight = ("control", new)
    status, answer = server.admin(*request)
    if status != 200:
        raise Broken(f"{request[0]} {request[1]} answered {status}: {answer}")
    model.load(new)
    model.history.append((what, request[1]))
    stats[what] += 1


def run_stream(server, model, account, rng, stats, cycle):
    """Mutations until the server dies (the killer thread ends it). Each cycle opens with a
    snapshot and one restore, reset or PUT in turn, so even --smoke exercises every control."""
    control(server, model, rng, stats, roll=0.0)
    control(server, model, rng, stats, roll=(0.5, 0.7, 0.9)[cycle % 3])
    while True:
        roll = rng.random()
        if model.access is not None and roll > 0.86:
            control(server, model, rng, stats)
        elif model.access is None or roll < 0.08:
            model.in_flight = ("grant", None)
            tokens = server.code_grant()
            model.access, model.refresh = tokens["access_token"], tokens["refresh_token"]
            stats["code grants"] += 1
        elif roll < 0.30:
            model.in_flight = ("refresh", None)
            status, tokens = server.token({"grant_type": "refresh_token", "refresh_token": model.refresh})
            if status != 200:
                raise Broken(f"refresh answered {status}: {tokens}")
            model.rotated.append(model.refresh)
            model.access, model.refresh = tokens["access_token"], tokens["refresh_token"]
            stats["refresh rotations"] += 1
        elif roll < 0.65:
            model.in_flight = ("charge", None)
            status, answer = server.ask(model.access, account)
            if status != 200 or answer.get("result", {}).get("isError"):
                raise Broken(f"ask_account answered {status}: {str(answer)[:200]}")
            model.charges += 1
            stats["charges"] += 1
        elif roll < 0.80 or not model.integrations:
            name = f"crash-{secrets.token_hex(4)}"
            model.in_flight = ("create", name)
            status, created = server.admin("POST", "/admin/api/integrations", {"name": name, "redirectURIs": ["https://crash.example/cb"]})
            if status != 201:
                raise Broken(f"create answered {status}: {created}")
            model.integrations[created["id"]] = name
            model.history.append(("created", created["id"], name))
            stats["admin mutations"] += 1
        elif roll < 0.83:
            ident = rng.choice(sorted(model.integrations))
            name = f"renamed-{secrets.token_hex(4)}"
            model.in_flight = ("rename", (ident, name))
            status, _ = server.admin("PATCH", f"/admin/api/integrations/{ident}", {"name": name})
            if status != 200:
                raise Broken(f"rename answered {status}")
            model.integrations[ident] = name
            model.history.append(("renamed", ident, name))
            stats["admin mutations"] += 1
        else:
            ident = rng.choice(sorted(model.integrations))
            model.in_flight = ("delete", ident)
            status, _ = server.admin("DELETE", f"/admin/api/integrations/{ident}")
            if status not in (200, 204):
                raise Broken(f"delete answered {status}")
            model.integrations.pop(ident)
            model.deleted.add(ident)
            model.history.append(("deleted", ident))
            stats["admin mutations"] += 1
        model.in_flight = None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--max-delay", type=float, default=0.6, help="longest time before a kill, seconds")
    parser.add_argument("--seed", type=int, default=None, help="random seed (printed, for replays)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = pathlib.Path(tempfile.mkdtemp(prefix="gong-mock-crash-"))
    state_dir = work / "state"
    (work / "seed.json").write_text(json.dumps(SEED))
    stats = {key: 0 for key in ["kills", "code grants", "refresh rotations", "charges", "admin mutations", "integrations checked",
                                "snapshots", "restores", "resets", "state PUTs", "control at kill: old state", "control at kill: new state",
                                "controls ambiguous at kill", "stale snapshots refused",
                                "refresh chains resumed", "refresh in flight at kill", "rotated tokens refused", "charges checked"]}
    model = Model()
    started = time.monotonic()
    ok = False
    try:
        for cycle in range(args.kills + 1):
            server = Server(args.bin, state_dir, work)
            try:
                verify(server, model, stats)
                if cycle == args.kills:
                    break
                status, accounts = server.admin("GET", "/admin/api/accounts")
                account = accounts[0]["id"]
                delay = rng.uniform(0.0, args.max_delay)
                killer = threading.Timer(delay, lambda: server.process.send_signal(signal.SIGKILL))
                killer.start()
                try:
                    run_stream(server, model, account, rng, stats, cycle)
                except Died:
                    pass
                finally:
                    killer.cancel()
                stats["kills"] += 1
            finally:
                server.kill()
        ok = True
    except Broken as error:
        print(f"scripts/crash: FAILED (seed {seed}): {error}", file=sys.stderr)
    finally:
        elapsed = time.monotonic() - started
        print(f"\ncrash safety with --state-dir, seed {seed}, {elapsed:.1f} s")
        print(f"{'what':<28}{'count':>10}")
        for key, value in stats.items():
            print(f"{key:<28}{value:>10}")
        print(f"{'result':<28}{'PASS' if ok else 'FAIL':>10}")
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"state and server log kept in {work}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
