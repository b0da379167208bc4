-- Start/stop pairs: each POST starts a running entry (auto-stopping the user's previous one);
-- its response queues a PATCH .../{id}/stop for that entry, which the next free connection
-- sends. About half the requests are creates and half stops; users rotate (200 of them), so a
-- user's next create comes long after the stop of its previous entry.
-- Request file lines: AUTHORIZATION <TAB> WORKSPACE_ID <TAB> USER_ID <TAB> CREATE_BODY
local common = require("common")

local creates = {}
local auth_by_user = {}
local pending = {}
local n = 0
-- Globals, read by done() through thread:get().
started = 0
stopped = 0
failed = 0

function setup(thread)
  common.setup(thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      local f = common.fields(line)
      auth_by_user[f[3]] = f[1]
      creates[#creates + 1] = wrk.format("POST", "/api/v9/workspaces/" .. f[2] .. "/time_entries",
        { ["Authorization"] = f[1], ["Content-Type"] = "application/json" }, f[4])
    end
  end
end

function request()
  local stop = table.remove(pending)
  if stop then
    return stop
  end
  n = n % #creates + 1
  return creates[n]
end

function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
    return
  end
  if body:find('"stop":null', 1, true) then
    started = started + 1
    local id = body:match('^{"id":(%d+)')
    local wid = body:match('"workspace_id":(%d+)')
    local uid = body:match('"user_id":(%d+)')
    pending[#pending + 1] = wrk.format("PATCH",
      "/api/v9/workspaces/" .. wid .. "/time_entries/" .. id .. "/stop",
      { ["Authorization"] = auth_by_user[uid] })
  else
    stopped = stopped + 1
  end
end

function done(summary, latency, reqs)
  local s, t, f = 0, 0, 0
  for _, thread in ipairs(common.threads) do
    s = s + thread:get("started")
    t = t + thread:get("stopped")
    f = f + thread:get("failed")
  end
  common.done(summary, latency, reqs,
    string.format(',"started":%d,"stopped":%d,"failed":%d', s, t, f))
end
