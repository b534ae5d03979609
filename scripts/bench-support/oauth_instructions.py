"""Drives gong-mock under callgrind for the instruction counts in README "Performance":
one keep-alive connection, requests strictly one at a time, callgrind's instrumentation on only
for the measured grants.

  oauth_instructions.py PORT RESOURCE refresh|code WARMUP N VALGRIND_PID

refresh: one chain (a code redeemed once), WARMUP refreshes, then N measured refreshes, each
presenting the token the previous one returned. code: WARMUP + N codes minted through
/authorize first, WARMUP redeemed, then N measured redemptions (PKCE S256).
"""
import http.client
import json
import subprocess
import sys
import urllib.parse

from mcp_setup import CLIENT_ID, REDIRECT
from oauth_setup import VERIFIER, authorize_path, basic

TOKEN_PATH = "/oauth2/generate-mcp-token"


def main():
    port, resource, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    warmup, count, pid = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic()}

    def post(form):
        conn.request("POST", TOKEN_PATH, urllib.parse.urlencode(form), headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            sys.exit("token: expected 200, got %d %s" % (response.status, body[:300]))
        return json.loads(body)["refresh_token"]

    def mint():
        conn.request("GET", authorize_path("/oauth2/authorize", resource))
        response = conn.getresponse()
        response.read()
        location = response.getheader("Location", "")
        return urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["code"][0]

    def redeem(code):
        return post({"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                     "code_verifier": VERIFIER, "client_id": CLIENT_ID, "resource": resource})

    def refresh(token):
        return post({"grant_type": "refresh_token", "refresh_token": token, "client_id": CLIENT_ID, "resource": resource})

    def callgrind(*args):
        subprocess.run(["callgrind_control", *args, pid], check=True, stdout=subprocess.DEVNULL)

    if mode == "refresh":
        token = redeem(mint())
        for _ in range(warmup):
            token = refresh(token)
        callgrind("-z")
        callgrind("-i", "on")
        for _ in range(count):
            token = refresh(token)
    else:
        codes = [mint() for _ in range(warmup + count)]
        for code in codes[:warmup]:
            redeem(code)
        callgrind("-z")
        callgrind("-i", "on")
        for code in codes[warmup:]:
            redeem(code)
    callgrind("-i", "off")
    callgrind("-d")


if __name__ == "__main__":
    main()
