-- Shared helpers for the Punchclock wrk scripts (wrk runs with bench/lua as its directory).
--
-- Request files are written by bench/run.py, one request per line, tab-separated:
--   METHOD <TAB> PATH <TAB> AUTHORIZATION <TAB> BODY (may be empty)
-- The Authorization value is a ready "Basic ..." header (token:api_token or email:password).

local M = {}

function M.fields(line)
  local out = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    out[#out + 1] = field
  end
  return out
end

-- Pre-render every request once per thread, so request() costs nothing.
function M.load(path)
  local requests = {}
  for line in io.lines(path) do
    if line ~= "" then
      local f = M.fields(line)
      local headers = { ["Authorization"] = f[3] }
      local body = nil
      if f[4] ~= nil and f[4] ~= "" then
        body = f[4]
        headers["Content-Type"] = "application/json"
      end
      requests[#requests + 1] = wrk.format(f[1], f[2], headers, body)
    end
  end
  assert(#requests > 0, "no requests in " .. path)
  return requests
end

M.threads = {}

function M.setup(thread)
  table.insert(M.threads, thread)
end

-- One machine-readable line for bench/run.py (latencies in microseconds).
function M.done(summary, latency, requests, extra)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d%s}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.mean, latency.max, extra or ""))
end

return M
