#!/usr/bin/env bash
# RSS after N charged ask_account calls (issue #16 item 1): starts the given gong-mock binary
# (seeded, stateless, auto-approve; in memory, or with --state-dir when STATE=1), drives
# POST /mcp tools/call ask_account with wrk (c=32) in 10 s rounds until the pool shows N charges
# (computed from the balance: every call of the same question costs the same), then prints the
# server's RSS (VmRSS), its peak (VmHWM) and the charge count.
#   scripts/bench-support/ledger_rss.sh BIN [N=500000]      STATE=1 for --state-dir
set -euo pipefail
bin=$1
want=${2:-500000}
support="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=seeded_server.sh
source "$support/seeded_server.sh"
start_seeded_server "$bin" rss --stateless --token-ttl 86400
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["mcpURL"])' "$dir/ready.json")
token=$(python3 "$support/mcp_setup.py" token "$dir/ready.json")
account=$(python3 "$support/mcp_setup.py" account "$dir/ready.json")
body=$(python3 "$support/mcp_setup.py" body ask-account "$account")
start=$(python3 "$support/mcp_setup.py" credits "$dir/ready.json")
idle=$(rss VmRSS)
# One call to learn what one charge costs (the same question costs the same every time).
curl -s -o /dev/null -X POST "$url" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -H 'Accept: application/json, text/event-stream' --data "$body"
one=$(python3 "$support/mcp_setup.py" credits "$dir/ready.json")
count() { python3 -c 'import sys; s,o,n=map(float,sys.argv[1:4]); print(int(round((s-n)/(s-o))))' "$start" "$one" "$1"; }
charged=0
seconds=0
while [ "$charged" -lt "$want" ]; do
  BENCH_RPC_BODY=$body BENCH_BEARER=$token wrk -t2 -c32 -d10s -s "$support/jsonrpc.lua" "$url" >/dev/null
  seconds=$((seconds + 10))
  charged=$(count "$(python3 "$support/mcp_setup.py" credits "$dir/ready.json")")
  echo "  after ${seconds} s: ${charged} charged calls, RSS $(rss VmRSS) kB" >&2
done
echo "charged calls: $charged   idle RSS: $((idle / 1024)) MB   RSS now: $(( $(rss VmRSS) / 1024 )) MB   peak (VmHWM): $(( $(rss VmHWM) / 1024 )) MB   state-dir: ${STATE:-0}"
