-- A game service for measuring and checking the link on a real node: counts every room event it gets,
-- measures latency for peer.data events whose payload carries `t` (the sender's monotonic clock in
-- ns; skynet.hpc() reads the same clock on Linux), and answers bench control messages from a peer:
-- data {bench = "reset"} or {bench = "report"} to "server" -> rtc.send back {bench = ..., events,
-- data, p50_us, p99_us, p999_us, max_us, span_ms}. `skyrtc bench-gate --gate host:port` drives it.
--
--   skynet.newservice("rtc_sink", ".rtc_events", "/tmp/events.log")   -- log file: optional
--
-- With a log file, each event is appended as "seq id type room peer node" (for exactness checks) and
-- each skyrtc hello as "I node incarnation"; the file is written through before the sink returns, and
-- read again at start, so the sink answers the watchdog's "rtc_last_seq" (ack "call") across a crash
-- of the node, as a game service that keeps its state would.
local skynet = require "skynet"
require "skynet.manager" -- skynet.register
local rtc = require "rtc"

local name, log_path = ...
local last_seq = {} -- node -> incarnation -> the last seq logged
local current = {}  -- node -> the incarnation its events belong to now

-- the state a previous life of this node left in the log (a line cut short by a crash is ignored: that
-- hand-over never returned, so it comes again)
local cut_short = false
if log_path then
  local f = io.open(log_path, "r")
  if f then
    local size = f:seek("end")
    if size > 0 then
      f:seek("set", size - 1)
      cut_short = f:read(1) ~= "\n"
      f:seek("set", 0)
    end
    for line in f:lines() do
      local node, inc = line:match("^I (%S+) (%S+)$")
      if node then
        current[node] = inc
        last_seq[node] = last_seq[node] or {}
      else
        local seq, ev_node = line:match("^(%d+) %S+ %S+ %S+ %S+ (%S+)$")
        if seq and current[ev_node] then last_seq[ev_node][current[ev_node]] = tonumber(seq) end
      end
    end
    f:close()
  end
end
local log = log_path and assert(io.open(log_path, "a"))
if cut_short then log:write("\n") end
local lines = {} -- this message's log lines, written at once before it returns

local events, data, lat, first, last = 0, 0, {}, nil, nil

local function reset()
  events, data, lat, first, last = 0, 0, {}, nil, nil
end

local function pct(sorted, p)
  if #sorted == 0 then return 0 end
  return sorted[math.max(1, math.ceil(#sorted * p))] // 1000
end

local function report()
  local sorted = table.move(lat, 1, #lat, 1, {})
  table.sort(sorted)
  return { bench = "report", events = events, data = data, p50_us = pct(sorted, 0.5), p99_us = pct(sorted, 0.99),
    p999_us = pct(sorted, 0.999), max_us = pct(sorted, 1), span_ms = first and (last - first) // 1000000 or 0 }
end

local function control(ev, what)
  skynet.fork(function()
    if what == "reset" then reset() end
    local answer = what == "report" and report() or { bench = what }
    local ok, res = rtc.send(ev.room, ev.peer, answer, ev.node)
    if not ok then skynet.error("rtc_sink: could not answer " .. what .. ": " .. tostring(res and res.code)) end
  end)
end

local function on_event(ev, now)
  events = events + 1
  if log then
    lines[#lines + 1] = string.format("%d %d %s %s %s %s\n", ev.seq, ev.id, ev.type, ev.room, ev.peer or "-", ev.node)
  end
  local inc = current[ev.node]
  if inc then last_seq[ev.node][inc] = ev.seq end
  if ev.type == "peer.data" then
    local p = ev.payload
    if type(p) == "table" and p.bench then
      control(ev, p.bench)
    elseif type(p) == "table" and math.type(p.t) == "integer" then
      data = data + 1
      lat[#lat + 1] = now - p.t
      first = first or now
      last = now
    end
  end
end

skynet.start(function()
  skynet.dispatch("lua", function(_, _, cmd, arg, ...)
    local now = skynet.hpc()
    if cmd == "room_events" then
      for i = 1, #arg do on_event(arg[i], now) end
    elseif cmd == "room_event" then
      on_event(arg, now)
    elseif cmd == "rtc_last_seq" then -- (node, incarnation): the events that follow are that incarnation's
      local node, inc = arg, ...
      if log then log:write("I ", node, " ", inc, "\n") end
      current[node] = inc
      last_seq[node] = last_seq[node] or {}
      if log then log:flush() end
      return skynet.retpack(last_seq[node][inc])
    end
    if log and #lines > 0 then
      log:write(table.concat(lines))
      log:flush()
      lines = {}
    end
    skynet.ret() -- a skynet.call (ack "call") waits for this; for a skynet.send it does nothing
  end)
  skynet.register(name or ".rtc_events")
end)
