"""Summarises scripts/bench's MCP rounds: one line per round and setting in RESULTS_DIR/<key>
("requests/s p50 p99 bad", wrk's units), printed as a table with median and best of the rounds
and the ratios issue #5 asks for.

    mcp_report.py RESULTS_DIR ROUNDS
"""
import os
import statistics
import sys

ROWS = [
    ("gm_list", "gong-mock  tools/list"),
    ("gm_ask", "gong-mock  tools/call ask_account"),
    ("py_call", "Python SDK tools/call echo"),
    ("py_list", "Python SDK tools/list"),
    ("ng", "nginx static JSON (tools/list size)"),
]
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def millis(text):
    for unit in ("us", "ms", "s", "m"):
        if text.endswith(unit) and (unit != "s" or not text.endswith(("us", "ms"))):
            return float(text[: -len(unit)]) * UNITS[unit]
    raise ValueError("unknown latency %r" % text)


def fmt_ms(value):
    return "%.0fus" % (value * 1000) if value < 1 else "%.2fms" % value


def load(directory, key):
    path = os.path.join(directory, key)
    if not os.path.exists(path):
        return None
    rounds = []
    with open(path) as f:
        for line in f:
            rps, p50, p99, bad = line.split()
            rounds.append((float(rps), millis(p50), millis(p99), int(bad)))
    return rounds


def summary(rounds):
    rps = [r[0] for r in rounds]
    return {
        "median": statistics.median(rps),
        "best": max(rps),
        "p50": statistics.median(r[1] for r in rounds),
        "p99": statistics.median(r[2] for r in rounds),
        "bad": sum(r[3] for r in rounds),
    }


def main():
    directory, rounds = sys.argv[1], sys.argv[2]
    data = {}
    for key, _ in ROWS:
        for c in ("c1", "c32"):
            loaded = load(directory, "%s_%s" % (key, c))
            if loaded:
                data[key, c] = summary(loaded)
    print("%-36s %20s %19s %20s %19s %5s" % (
        "POST /mcp, loopback, %s rounds" % rounds, "c=1 req/s med (best)", "c=1 p50 / p99",
        "c=32 req/s med (best)", "c=32 p50 / p99", "2xx"))
    for key, label in ROWS:
        cells = []
        bad = 0
        for c in ("c1", "c32"):
            s = data.get((key, c))
            if s is None:
                cells += ["-", "-"]
                continue
            cells.append("%.0f (%.0f)" % (s["median"], s["best"]))
            cells.append("%s / %s" % (fmt_ms(s["p50"]), fmt_ms(s["p99"])))
            bad += s["bad"]
        print("%-36s %20s %19s %20s %19s %5s" % (label, cells[0], cells[1], cells[2], cells[3],
                                                  "yes" if bad == 0 else "NO:%d" % bad))
    print()

    def ratio(top, bottom, c, which):
        a, b = data.get((top, c)), data.get((bottom, c))
        return a[which] / b[which] if a and b and b[which] else None

    checks = [
        ("gong-mock tools/list / Python tools/call", "gm_list", "py_call", 25.0),
        ("gong-mock ask_account / Python tools/call", "gm_ask", "py_call", 20.0),
        ("gong-mock tools/list / Python tools/list", "gm_list", "py_list", None),
        ("gong-mock tools/list / nginx static", "gm_list", "ng", None),
        ("gong-mock ask_account / nginx static", "gm_ask", "ng", None),
    ]
    print("%-44s %14s %14s %14s %14s   %s" % ("ratio (requests/s)", "c=1 median", "c=1 best", "c=32 median",
                                                "c=32 best", "target"))
    for label, top, bottom, target in checks:
        cells = []
        verdicts = []
        for c in ("c1", "c32"):
            for which in ("median", "best"):
                value = ratio(top, bottom, c, which)
                cells.append("%.1fx" % value if value is not None else "-")
                if target is not None and which == "median" and value is not None:
                    verdicts.append("%s %s" % ("c=1" if c == "c1" else "c=32", "ok" if value >= target else "MISSED"))
        goal = (">= %.0fx: %s" % (target, ", ".join(verdicts))) if target is not None else "(reference)"
        print("%-44s %14s %14s %14s %14s   %s" % (label, cells[0], cells[1], cells[2], cells[3], goal))


if __name__ == "__main__":
    main()
