-- skyrtc's receiver in cluster mode. skyrtc joins the skynet cluster as a node and calls this service
-- with cluster.call: "hello" after every (re)connect, then "room_events" (a batch) or "room_event" (one).
-- It drops duplicates by skyrtc node + incarnation + seq, reports seq gaps, hands the events to your
-- service in order and answers; the answer is skyrtc's acknowledgement. It also carries game commands
-- to skyrtc (lualib/rtc.lua), so it registers ".rtc" as the gate's rtc_watchdog does: run one of the two.
--
--   skynet.newservice("rtc_cluster", ".rtc_events", "rtc", "batch", "send")
--   cluster.open("game")      -- after it: skyrtc's first call may come at once
--
-- args (all optional):
--   1. the service that gets the events (default ".rtc_events")
--   2. skyrtc's name in your cluster config, for commands (default "rtc")
--   3. "batch": one skynet.send(target, "lua", "room_events", {ev, ...}) per call (default), or
--      "event": one skynet.send(target, "lua", "room_event", ev) per event
--   4. "send": answer skyrtc once the events are handed over (default), or
--      "call": hand them over with skynet.call and answer after your service returned. Then your service
--      must also answer skynet.call(target, "lua", "rtc_last_seq", node, incarnation) with the last seq
--      it handled (or nil), so that a restarted node drops what was handled but not yet acknowledged.
-- Registers ".rtc_cluster": skyrtc's actorCore.cluster.eventsAddress.
local skynet = require "skynet"
require "skynet.manager" -- skynet.register
local cluster = require "skynet.cluster"
local seq_filter = require "rtc_cluster_seq"

local target, rtc_node, delivery, ack = ...
target = target or ".rtc_events"
rtc_node = rtc_node or "rtc"
delivery = delivery or "batch"
ack = ack or "send"
assert(delivery == "batch" or delivery == "event", "rtc_cluster: delivery is batch or event")
assert(ack == "send" or ack == "call", "rtc_cluster: ack is send or call")

local COMMAND_TIMEOUT = 500 -- 5 s, in skynet ticks
local filter = seq_filter.new(function(fmt, ...) skynet.error(string.format(fmt, ...)) end)
local hellos = {} -- skyrtc node -> true: the nodes that said hello
local handed, calls = 0, 0

local function hand_over(cmd, value)
  if ack == "call" then
    skynet.call(target, "lua", cmd, value)
  else
    skynet.send(target, "lua", cmd, value)
  end
end

local function deliver(events)
  local fresh = filter:filter(events)
  handed = handed + #fresh
  if #fresh == 0 then return end
  if delivery == "batch" then
    hand_over("room_events", fresh)
  else
    for i = 1, #fresh do hand_over("room_event", fresh[i]) end
  end
end

local CMD = {}

-- From skyrtc: {node, incarnation, ackedSeq, lastSeq}. The answer tells skyrtc it may send batches.
function CMD.hello(h)
  local handled
  if ack == "call" then
    local ok, last = pcall(skynet.call, target, "lua", "rtc_last_seq", h.node, h.incarnation)
    if ok then handled = last end
  end
  local from = filter:hello(h, handled)
  if not hellos[h.node] then
    skynet.error(string.format("rtc: skyrtc %s (incarnation %s) linked; events after seq %d go to %s",
      tostring(h.node), tostring(h.incarnation), from, target))
  end
  hellos[h.node] = true
  return { batch = true }
end

function CMD.room_events(events)
  calls = calls + 1
  deliver(events)
end

function CMD.room_event(ev)
  calls = calls + 1
  deliver({ ev })
end

-- Calls skyrtc's @skyrtc service; at most COMMAND_TIMEOUT (cluster.call itself never times out).
local function call_skyrtc(node, name, data)
  local token, r = {}, nil
  skynet.fork(function()
    r = table.pack(pcall(cluster.call, node, "@skyrtc", name, data))
    skynet.wakeup(token)
  end)
  if not r then skynet.sleep(COMMAND_TIMEOUT, token) end
  if not r then
    return false, { code = "timeout", message = "skyrtc " .. node .. " did not answer within 5 s" }
  end
  if not r[1] then
    return false, { code = "not-connected", message = "skyrtc " .. node .. ": " .. tostring(r[2]) }
  end
  return r[2], r[3]
end

-- From lualib/rtc.lua: a command for skyrtc `node` (its name in the cluster config; nil: the default).
function CMD.command(node, name, data)
  return call_skyrtc(node or rtc_node, (name:gsub("-", "_")), data)
end

function CMD.nodes()
  local out = {}
  for node in pairs(hellos) do out[#out + 1] = node end
  return out
end

function CMD.stats()
  local s = filter:stats()
  s.handed, s.calls = handed, calls
  return s
end

skynet.start(function()
  skynet.dispatch("lua", function(_, _, cmd, ...)
    local f = CMD[cmd]
    if not f then
      error("rtc_cluster: unknown command " .. tostring(cmd))
    end
    skynet.ret(skynet.pack(f(...)))
  end)
  skynet.register(".rtc_cluster")
  skynet.register(".rtc")
end)
