-- wrk script for `npm run bench`: every request from its own client address, with a user agent chosen by UA_MODE:
--   single     one browser user agent on every request (the classification memo always hits)
--   distinct   a different user agent on every request (it never hits)
--   realistic  drawn from user-agents.tsv by its real share of traffic (a few hundred agents, heavily skewed)
local mode = os.getenv("UA_MODE") or "single"
local file = os.getenv("UA_FILE") or "scripts/bench/user-agents.tsv"
local agents, cumulative, total = {}, {}, 0
local n = 0

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
  for line in io.lines(file) do
    local weight, ua = line:match("^([%d%.]+)\t(.+)$")
    if weight then
      total = total + tonumber(weight)
      agents[#agents + 1] = ua
      cumulative[#cumulative + 1] = total
    end
  end
end

local function weighted()
  local r, lo, hi = math.random() * total, 1, #cumulative
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cumulative[mid] < r then lo = mid + 1 else hi = mid end
  end
  return agents[lo]
end

function request()
  n = n + 1
  local ua = agents[1]
  if mode == "realistic" then ua = weighted()
  elseif mode == "distinct" then ua = agents[(n % #agents) + 1] .. " edgeref-bench/" .. (seed or 0) .. "." .. n end
  local ip = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format("GET", nil, { ["User-Agent"] = ua, ["CF-Connecting-IP"] = ip })
end
