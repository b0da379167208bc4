-- Replays the pre-rendered requests of a request file in a loop (see common.lua).
-- Usage: wrk ... -s replay.lua http://127.0.0.1:PORT -- /path/to/requests.tsv
local common = require("common")

local requests
local n = 0

function setup(thread)
  common.setup(thread)
end

function init(args)
  requests = common.load(args[1])
end

function request()
  n = n % #requests + 1
  return requests[n]
end

function done(summary, latency, reqs)
  common.done(summary, latency, reqs)
end
