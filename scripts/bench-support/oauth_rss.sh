#!/usr/bin/env bash
# RSS under a long stream of OAuth grants (issue #16): starts BIN (seeded, auto-approve; in
# memory, or with --state-dir when STATE=1; more flags in GONG_MOCK_ARGS, e.g.
# "--refresh-token-ttl 20 --token-ttl 20 --grant-retention 20"), then runs 10 s rounds for
# SECONDS: each round starts 32 fresh refresh chains (an authorization and a code grant each),
# walks them with wrk (c=32, every response checked) and abandons them, as CI builds leave theirs.
# Prints grants and VmRSS after every round, then the growth from the end of the first minute to
# the end of the run.
#   scripts/bench-support/oauth_rss.sh BIN [SECONDS=180]
set -euo pipefail
bin=$1
seconds=${2:-180}
support="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=seeded_server.sh
source "$support/seeded_server.sh"
# shellcheck disable=SC2086
start_seeded_server "$bin" oauth-rss ${GONG_MOCK_ARGS:-}
port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$dir/ready.json")
resource=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["mcpURL"])' "$dir/ready.json")
echo "idle RSS: $(( $(rss VmRSS) / 1024 )) MB   flags: ${state_flags[*]} ${GONG_MOCK_ARGS:-}"
grants=0 elapsed=0 minute_rss=""
while [ "$elapsed" -lt "$seconds" ]; do
  python3 "$support/oauth_setup.py" chains "$port" /oauth2/authorize /oauth2/generate-mcp-token "$resource" 32 "$dir/tokens"
  out=$(BENCH_BASIC="$(python3 "$support/oauth_setup.py" basic)" BENCH_CLIENT_ID=bench-client-0001 BENCH_REDIRECT=http://127.0.0.1:9/callback \
    BENCH_RESOURCE="$resource" BENCH_TOKEN_PATH=/oauth2/generate-mcp-token BENCH_THREADS=2 BENCH_OAUTH_MODE=refresh BENCH_TOKENS_FILE="$dir/tokens" \
    BENCH_METADATA_PATH=/.well-known/oauth-authorization-server wrk -t2 -c32 -d10s -s "$support/oauth.lua" "http://127.0.0.1:$port")
  bad=$(awk '/^oauth checked:/ {print $7 + 0}' <<<"$out")
  [ "${bad:-1}" = 0 ] || { echo "$out" >&2; echo "bad responses" >&2; exit 1; }
  grants=$(( grants + 32 + $(awk '/^oauth checked:/ {print $5}' <<<"$out") ))
  elapsed=$(( elapsed + 10 ))
  now=$(rss VmRSS)
  [ "$elapsed" = 60 ] && minute_rss=$now
  echo "  after ${elapsed} s: ${grants} grants answered (32 code grants a round, the rest refresh), RSS $(( now / 1024 )) MB"
done
final=$(rss VmRSS)
echo "grants: $grants   RSS at 60 s: $(( ${minute_rss:-0} / 1024 )) MB   at the end: $(( final / 1024 )) MB   growth: $(( (final - ${minute_rss:-0}) / 1024 )) MB   peak (VmHWM): $(( $(rss VmHWM) / 1024 )) MB   state-dir: ${STATE:-0}"
