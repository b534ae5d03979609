-- wrk script for scripts/bench: POSTs one JSON-RPC request over and over on keep-alive
-- connections, as a Streamable HTTP client does (MCP 2025-06-18, section "Sending messages to
-- the server"). The request is formatted once, so wrk's cost per request stays the same for every
-- server.
--   BENCH_RPC_BODY     the JSON-RPC message (required)
--   BENCH_BEARER       access token for the Authorization header (optional)
--   BENCH_PATH         request path (default /mcp)
--   BENCH_SESSION      Mcp-Session-Id to send (optional; stateful servers such as the Swift SDK's)
--   BENCH_CHECK_BODIES=1  also read every response body and count JSON-RPC errors and tool
--                      results with isError; printed by done(). Costs wrk CPU, so the timed runs
--                      leave it off and the warm-up runs turn it on.
local body = os.getenv("BENCH_RPC_BODY")
if body == nil or body == "" then
  error("BENCH_RPC_BODY is not set")
end

wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH") or "/mcp"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-06-18"
local session = os.getenv("BENCH_SESSION")
if session ~= nil and session ~= "" then
  wrk.headers["Mcp-Session-Id"] = session
end
local bearer = os.getenv("BENCH_BEARER")
if bearer ~= nil and bearer ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. bearer
end

if os.getenv("BENCH_CHECK_BODIES") == "1" then
  local threads = {}

  function setup(thread)
    table.insert(threads, thread)
  end

  checked, failed, sample = 0, 0, nil

  function response(status, headers, text)
    checked = checked + 1
    local bad = status < 200 or status > 299
      or text:find('"error"%s*:%s*{') ~= nil
      or text:find('"isError"%s*:%s*true') ~= nil
      or text:find('"result"%s*:') == nil
    if bad then
      failed = failed + 1
      if sample == nil then sample = status .. " " .. text:sub(1, 300) end
    end
  end

  function done(summary, latency, requests)
    local total_checked, total_failed, first = 0, 0, nil
    for _, thread in ipairs(threads) do
      total_checked = total_checked + (thread:get("checked") or 0)
      total_failed = total_failed + (thread:get("failed") or 0)
      first = first or thread:get("sample")
    end
    io.write(string.format("bodies checked: %d failed: %d\n", total_checked, total_failed))
    if first ~= nil then io.write("first failure: " .. first .. "\n") end
  end
end
