"""The admin API (``/admin/api``) and test controls (``/_mock``) of a running gong-mock.

Only the standard library: the plugin adds nothing to a test suite's dependencies.
"""
import json
import urllib.error
import urllib.request


class GongMockError(RuntimeError):
    """The server refused a control request; ``status`` and ``body`` say why."""

    def __init__(self, method, path, status, body):
        super().__init__(f"{method} {path} -> {status}: {body}")
        self.status = status
        self.body = body


class AdminClient:
    """The admin API (/admin/api) and test controls (/_mock) with the admin token."""

    def __init__(self, base_url, token, ssl_context=None):
        self.base_url = base_url
        self.token = token
        # With --tls: a context trusting the server's generated certificate.
        self.ssl_context = ssl_context

    def request(self, method, path, body=None, expect=(200, 201, 204), raw=False):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30, context=self.ssl_context) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        if status not in expect:
            raise GongMockError(method, path, status, payload.decode(errors="replace"))
        if raw:
            return payload
        return json.loads(payload) if payload else None

    # Integrations and credits (admin API).
    def integrations(self):
        return self.request("GET", "/admin/api/integrations")

    def create_integration(self, name, redirect_uris, **members):
        return self.request("POST", "/admin/api/integrations", {"name": name, "redirectURIs": list(redirect_uris), **members})

    def credits(self):
        return self.request("GET", "/admin/api/credits")

    def set_credits(self, balance, total=None):
        body = {"balance": balance} if total is None else {"balance": balance, "total": total}
        return self.request("PUT", "/admin/api/credits", body)

    # Faults.
    def add_fault(self, kind, **parameters):
        """Adds a fault (see GET /_mock/faults/kinds); returns its id."""
        return self.request("POST", "/_mock/faults", {"kind": kind, **parameters})["id"]

    def faults(self):
        return self.request("GET", "/_mock/faults")

    def fault(self, fault_id):
        return self.request("GET", f"/_mock/faults/{fault_id}")

    def delete_fault(self, fault_id):
        self.request("DELETE", f"/_mock/faults/{fault_id}")

    def clear_faults(self):
        self.request("DELETE", "/_mock/faults")

    def fault_kinds(self):
        return self.request("GET", "/_mock/faults/kinds")

    # Clock.
    def clock(self):
        return self.request("GET", "/_mock/clock")

    def advance_clock(self, by):
        """``by``: "90s", "11m", "2h", "3d" or a number of seconds."""
        return self.request("POST", "/_mock/clock", {"advance": by})

    def set_clock(self, iso8601):
        return self.request("POST", "/_mock/clock", {"set": iso8601})

    # State.
    def state(self):
        return self.request("GET", "/_mock/state")

    def put_state(self, document):
        return self.request("PUT", "/_mock/state", document)

    def reset(self):
        return self.request("POST", "/_mock/reset")

    def snapshot(self):
        return self.request("POST", "/_mock/snapshot")["id"]

    def restore(self, snapshot_id):
        return self.request("POST", "/_mock/restore", {"id": snapshot_id})

    def journal_har(self):
        """The request journal as HAR 1.2 bytes, or None when this server has no journal (or
        does not answer)."""
        try:
            return self.request("GET", "/_mock/journal?format=har", raw=True)
        except (GongMockError, OSError):
            return None
