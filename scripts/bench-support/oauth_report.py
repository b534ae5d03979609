"""Summarises scripts/bench's OAuth rounds: one line per round and setting in
RESULTS_DIR/<server>_<grant>_c<C> ("grants/s p50 p99 bad"; grants/s counts only checked 200s
carrying a new refresh token), printed with the median and best of the rounds and the
gong-mock / Python SDK ratios issue #16 sets a target for; and from RESULTS_DIR/cpu/<same name>
("cpu_ticks grants" per run) each server's CPU time per grant over all rounds, which a busy
machine does not distort the way it distorts requests/s.

    oauth_report.py RESULTS_DIR ROUNDS CLK_TCK
"""
import os
import sys

from mcp_report import fmt_ms, load, summary

SETTINGS = [("refresh", "c1", "refresh grant, c=1 (1 chain)"),
            ("refresh", "c32", "refresh grant, c=32 (32 chains)"),
            ("code", "c32", "code grant + PKCE S256, c=32")]
SERVERS = [("gm", "gong-mock"), ("py", "Python SDK")]
TARGETS = {("refresh", "c32"): 5.0}


def main():
    directory, rounds = sys.argv[1], sys.argv[2]
    print("%-46s %20s %19s %6s" % ("POST token endpoint, loopback, %s rounds" % rounds, "grants/s med (best)", "p50 / p99", "all ok"))
    data = {}
    for grant, c, label in SETTINGS:
        for server, name in SERVERS:
            rounds_seen = load(directory, "%s_%s_%s" % (server, grant, c))
            if not rounds_seen:
                continue
            s = summary(rounds_seen)
            data[server, grant, c] = s
            print("%-46s %20s %19s %6s" % ("%-10s %s" % (name, label), "%.0f (%.0f)" % (s["median"], s["best"]),
                                           "%s / %s" % (fmt_ms(s["p50"]), fmt_ms(s["p99"])),
                                           "yes" if s["bad"] == 0 else "NO:%d" % s["bad"]))
    print()
    print("%-46s %12s %12s   %s" % ("gong-mock / Python SDK (grants/s)", "median", "best", "target"))
    for grant, c, label in SETTINGS:
        a, b = data.get(("gm", grant, c)), data.get(("py", grant, c))
        if not a or not b or not b["median"] or not b["best"]:
            continue
        median, best = a["median"] / b["median"], a["best"] / b["best"]
        target = TARGETS.get((grant, c))
        goal = ">= %.0fx: %s" % (target, "ok" if median >= target else "MISSED") if target else "(reference)"
        print("%-46s %11.1fx %11.1fx   %s" % (label, median, best, goal))
    ticks_per_second = float(sys.argv[3]) if len(sys.argv) > 3 else 100.0
    print()
    print("%-46s %16s %16s %12s" % ("server CPU per grant (user+sys, all rounds)", "gong-mock", "Python SDK", "Python/gm"))
    for grant, c, label in SETTINGS:
        per = {}
        for server, _ in SERVERS:
            path = os.path.join(directory, "cpu", "%s_%s_%s" % (server, grant, c))
            if not os.path.exists(path):
                continue
            ticks = grants = 0
            with open(path) as f:
                for line in f:
                    t, g = line.split()
                    ticks, grants = ticks + int(t), grants + int(g)
            if grants:
                per[server] = ticks / ticks_per_second / grants * 1e6
        if len(per) == 2:
            print("%-46s %14.0fus %14.0fus %11.1fx" % (label, per["gm"], per["py"], per["py"] / per["gm"]))


if __name__ == "__main__":
    main()
