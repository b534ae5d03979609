#!/usr/bin/env bash
# Instructions per token grant, whole server, by callgrind (repeatable on a loaded machine, unlike
# req/s): README "Performance", the OAuth token endpoint.
#
#   scripts/bench-support/oauth_instructions.sh BINARY refresh|code [OUTDIR]
#
# BINARY: a release gong-mock (a `strip --strip-debug` copy keeps valgrind quick). Same seed and
# flags as `scripts/bench oauth`; WARMUP (50) grants unmeasured, then N (500) measured.
# Prints the total and the count per grant; OUTDIR keeps the callgrind file for
# `callgrind_annotate --inclusive=yes`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$1 mode=$2 out=${3:-$(mktemp -d)}
warmup=${WARMUP:-50} count=${N:-500}
mkdir -p "$out"
python3 "$here/mcp_setup.py" seed "$out/seed.json"
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out/callgrind.%p" "$bin" serve --port 0 \
  --ready-file "$out/ready.json" --seed "$out/seed.json" --auto-approve maya.lindqvist@northwind-analytics.com \
  --log-level error 2>"$out/server.log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
for _ in $(seq 600); do test -s "$out/ready.json" && break; sleep 0.5; done
test -s "$out/ready.json" || { cat "$out/server.log" >&2; exit 1; }
read -r port resource < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["port"], r["mcpURL"])' "$out/ready.json")
(cd "$here" && python3 oauth_instructions.py "$port" "$resource" "$mode" "$warmup" "$count" "$server")
kill -TERM "$server"; wait "$server" || true
trap - EXIT
dump=$(ls -S "$out"/callgrind.*.1 | head -1)
total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "$mode: $total instructions over $count grants, $((total / count)) per grant ($dump)"
