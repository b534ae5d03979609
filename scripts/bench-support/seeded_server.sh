# Sourced by ledger_rss.sh and oauth_rss.sh (needs $support, their folder).
#   start_seeded_server BIN NAME [serve flags...]
# Starts BIN on port 0, seeded by mcp_setup.py, auto-approving the seed's admin, in memory or
# with --state-dir when STATE=1, inside a temporary folder $dir that goes on exit with the server;
# waits for the ready file. Sets dir, pid and state_flags; rss FIELD reads the server's
# /proc status (VmRSS, VmHWM) in kB.
start_seeded_server() {
  local bin=$1 name=$2
  shift 2
  dir=$(mktemp -d "${TMPDIR:-/tmp}/gong-mock-$name.XXXXXX")
  pid=""
  trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
  python3 "$support/mcp_setup.py" seed "$dir/seed.json"
  state_flags=()
  [ "${STATE:-0}" = 1 ] && state_flags=(--state-dir "$dir/state")
  "$bin" serve --port 0 --ready-file "$dir/ready.json" --seed "$dir/seed.json" \
    --auto-approve maya.lindqvist@northwind-analytics.com --log-level error "${state_flags[@]}" "$@" 2>"$dir/log" &
  pid=$!
  for _ in $(seq 1 500); do [ -s "$dir/ready.json" ] && break; sleep 0.02; done
  [ -s "$dir/ready.json" ] || { cat "$dir/log" >&2; exit 1; }
}

rss() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$pid/status"; }
