-- wrk script for `scripts/bench oauth`: the OAuth token endpoint as real clients use it.
-- wrk gives each thread its own Lua state and tells response() nothing about the connection, so
-- chains live in a per-thread pool: request() takes one chain's current token, response() puts
-- the rotated one back. With c chains split over the threads and at most one request in flight
-- per connection, each in-flight request owns one chain, every token is presented exactly once,
-- and no chain is ever walked by two requests at once.
--
--   BENCH_OAUTH_MODE=refresh  POST the refresh grant; BENCH_TOKENS_FILE holds one refresh token
--                             a line (one line per chain, at least one per connection).
--   BENCH_OAUTH_MODE=mint     GET BENCH_AUTHORIZE_QUERY (auto-approved, 302 with ?code=) over and
--                             over and write every code to BENCH_CODES_OUT.
--   BENCH_OAUTH_MODE=code     POST the authorization-code grant (PKCE S256, BENCH_VERIFIER) once
--                             per code from BENCH_CODES_FILE; a thread stops when its codes are
--                             spent, so the rate is computed here from the first request to the
--                             last response (wrk's own duration includes the idle tail).
--   BENCH_TOKEN_PATH  BENCH_BASIC (base64 client_id:secret)  BENCH_CLIENT_ID  BENCH_REDIRECT
--   BENCH_RESOURCE    (optional; RFC 8707 resource sent with every grant)
--   BENCH_THREADS     wrk's -t, to deal the pool out (thread i takes lines i, i+t, ...)
--
-- Every response is read: it counts as good only when it is a 200 carrying a refresh token never
-- presented before (for mint: a 302 with a code). done() prints "oauth checked: N good: G bad: B"
-- and the first bad response.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *tp);
]]
local now_ts = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, now_ts) -- CLOCK_MONOTONIC
  return tonumber(now_ts.tv_sec) + tonumber(now_ts.tv_nsec) * 1e-9
end

local mode = os.getenv("BENCH_OAUTH_MODE") or "refresh"

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function read_lines(path)
  local lines = {}
  local file = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in file:lines() do
    if line ~= "" then table.insert(lines, line) end
  end
  file:close()
  return lines
end

-- Setup phase (its own Lua state): deal the tokens or codes out to the threads, round robin.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_index", #threads)
end

-- Running phase, per thread.
checked, good, bad, lost, sample = 0, 0, 0, 0, nil
first_request, last_response = nil, nil
pool = nil
local used = {}
local token_path = os.getenv("BENCH_TOKEN_PATH") or "/token"
local client_id = os.getenv("BENCH_CLIENT_ID") or ""
local resource = os.getenv("BENCH_RESOURCE") or ""
local resource_param = resource ~= "" and ("&resource=" .. urlencode(resource)) or ""
local code_suffix = "&redirect_uri=" .. urlencode(os.getenv("BENCH_REDIRECT") or "")
  .. "&code_verifier=" .. urlencode(os.getenv("BENCH_VERIFIER") or "")
  .. "&client_id=" .. urlencode(client_id) .. resource_param
local refresh_suffix = "&client_id=" .. urlencode(client_id) .. resource_param
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Authorization"] = "Basic " .. (os.getenv("BENCH_BASIC") or ""),
}
local minted = {}

function init(args)
  if mode == "mint" then return end
  pool = {}
  local all = read_lines(os.getenv(mode == "code" and "BENCH_CODES_FILE" or "BENCH_TOKENS_FILE"))
  local count = tonumber(os.getenv("BENCH_THREADS") or "1")
  for i = thread_index or 1, #all, count do table.insert(pool, all[i]) end
end

local verified = false
function request()
  if mode == "mint" then
    return wrk.format("GET", os.getenv("BENCH_AUTHORIZE_QUERY"))
  end
  -- wrk calls request() once on the first thread before it starts, only to count the requests
  -- in the string (pipelining); that request is never sent, so it must not spend a token.
  local item
  if not verified and (thread_index or 1) == 1 then
    verified = true
    item = pool[#pool] or "spent"
  else
    verified = true
    if first_request == nil then first_request = now() end
    item = table.remove(pool)
  end
  if item == nil then
    if mode == "code" then
      -- Codes spent: stop this thread. Until the loop stops, ask for the metadata document, which
      -- response() recognises by its "issuer" and leaves out of every count.
      wrk.thread:stop()
      return wrk.format("GET", os.getenv("BENCH_METADATA_PATH") or "/.well-known/oauth-authorization-server")
    else
      item = "chain-lost" -- a chain broke on an earlier bad response; this one is refused too
      lost = lost + 1
    end
  end
  used[item] = true
  local body
  if mode == "code" then
    body = "grant_type=authorization_code&code=" .. urlencode(item) .. code_suffix
  else
    body = "grant_type=refresh_token&refresh_token=" .. urlencode(item) .. refresh_suffix
  end
  return wrk.format("POST", token_path, headers, body)
end

local function fail(status, text)
  bad = bad + 1
  if sample == nil then sample = tostring(status) .. " " .. text:sub(1, 300) end
end

function response(status, response_headers, body)
  if mode == "code" and status == 200 and body:find('"issuer"', 1, true) then return end
  checked = checked + 1
  if first_request == nil then first_request = now() end
  last_response = now()
  if mode == "mint" then
    local location = response_headers["Location"] or response_headers["location"] or ""
    local code = location:match("[?&]code=([^&]+)")
    if status == 302 and code then
      good = good + 1
      table.insert(minted, (code:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end)))
    else
      fail(status, location .. " " .. body)
    end
    return
  end
  local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if status == 200 and token and not used[token] and body:find('"access_token"%s*:%s*"') then
    good = good + 1
    if mode == "refresh" then table.insert(pool, token) end
  else
    fail(status, body)
  end
end

function done(summary, latency, requests)
  local total = { checked = 0, good = 0, bad = 0, lost = 0 }
  local first, start, finish = nil, nil, nil
  local codes = {}
  for _, thread in ipairs(threads) do
    for key in pairs(total) do total[key] = total[key] + (thread:get(key) or 0) end
    first = first or thread:get("sample")
    local a, b = thread:get("first_request"), thread:get("last_response")
    if a and (start == nil or a < start) then start = a end
    if b and (finish == nil or b > finish) then finish = b end
    if mode == "mint" then
      for _, code in ipairs(thread:get("minted_list") or {}) do table.insert(codes, code) end
    end
  end
  io.write(string.format("oauth checked: %d good: %d bad: %d lost: %d\n", total.checked, total.good, total.bad, total.lost))
  if start and finish and finish > start then
    io.write(string.format("oauth rate: %.2f\n", total.good / (finish - start)))
  end
  if first ~= nil then io.write("oauth first failure: " .. first .. "\n") end
  if mode == "mint" then
    local out = assert(io.open(os.getenv("BENCH_CODES_OUT"), "w"))
    for _, code in ipairs(codes) do out:write(code, "\n") end
    out:close()
  end
end

-- thread:get only sees globals; expose the minted codes as one.
if mode == "mint" then
  minted_list = minted
end
