-- One skyrtc connection: decodes events (skynet.unpack in C for the skynet encoding, rtc_json for
-- json), drops duplicates after a reconnect, hands events to the target service in order, acknowledges
-- every 64 events and at least every 10 ms, and carries game commands to skyrtc and their results back.
--
-- Delivery to the target (the watchdog's `delivery` argument):
--   "batch" (default): skynet.send(target, "lua", "room_events", { ev, ev, ... }) once per packet
--   "event":           skynet.send(target, "lua", "room_event", ev) once per event
-- Acknowledgement (the watchdog's `ack` argument):
--   "send" (default): events are acknowledged once handed over (skynet.send)
--   "call":           handed over with skynet.call and acknowledged after the target returned; at each
--                     hello the target is asked skynet.call(target, "lua", "rtc_last_seq", node,
--                     incarnation) for the last seq it handled (or nil), so a restarted node drops what
--                     its game service handled before the crash but had not been acknowledged
local skynet = require "skynet"
local socket = require "skynet.socket"
local queue = require "skynet.queue"
local proto = require "rtc_proto"

local COMMAND_TIMEOUT = 500 -- centiseconds (5 s)

local fd, watchdog, target, per_event, ack_after_call
local ws                    -- the connection came through rtc_ws_gate: write WebSocket frames
local returned_seq = 0      -- "call" mode: the last seq whose hand-over returned
local link = proto.new_link { ack_every = 64, pack = skynet.packstring }
local pending = {}          -- command id -> skynet.response function
local cs = queue()          -- client packets one at a time, in order, even across skynet.call
local open = false
local released = false      -- a newer connection of the same skyrtc node took over

local function write(payload)
  if ws then
    socket.write(fd, proto.ws_frame(payload, link.packed))
  else
    socket.write(fd, proto.frame(payload))
  end
end

local function flush_ack(force)
  if released then return end
  local ack = link:take_ack(force)
  if ack then write(ack) end
end

-- What this connection handled, for the next one. In "call" mode only what the target returned:
-- the next agent asks the target (rtc_last_seq) for anything still in flight here.
local function memory()
  local last = ack_after_call and returned_seq or link.memory.last_seq
  return { incarnation = link.memory.incarnation, last_seq = last }
end

-- An error raised by the target counts as handled (logged): re-sending would fail the same way.
local function hand_over(cmd, value)
  if not ack_after_call then
    return skynet.send(target, "lua", cmd, value)
  end
  local ok, err = pcall(skynet.call, target, "lua", cmd, value)
  if not ok then
    skynet.error("rtc: " .. tostring(target) .. " failed on " .. cmd .. ": " .. tostring(err))
  end
end

local function on_packet(kind, body)
  if released then return end -- stale: the connection that replaced this one re-sends it
  local fx = kind == "json" and link:receive(body) or link:receive_values(body)
  for _, e in ipairs(fx.errors) do
    skynet.error("rtc: bad packet from skyrtc: " .. e)
  end
  if fx.hello then
    -- waits until an older connection of this node has handed over what it handled
    link:adopt(skynet.call(watchdog, "lua", "link_up", fx.hello.node, skynet.self()))
    if ack_after_call then
      -- the game service may have handled more than this node remembers (it restarted, or the
      -- previous agent exited with a hand-over in flight)
      returned_seq = link.memory.last_seq
      local ok, last = pcall(skynet.call, target, "lua", "rtc_last_seq", fx.hello.node, fx.hello.incarnation)
      if not ok then
        skynet.error("rtc: " .. tostring(target) .. " failed on rtc_last_seq: " .. tostring(last))
      elseif math.type(last) == "integer" then
        if last > link.memory.last_seq then
          skynet.error(string.format("rtc: %s had handled up to seq %d, %d more than acknowledged: not handed over again",
            tostring(target), last, last - link.memory.last_seq))
        end
        link:adopt({ incarnation = fx.hello.incarnation, last_seq = last })
      end
      returned_seq = link.memory.last_seq
    end
    skynet.error(string.format("rtc: skyrtc node %s (incarnation %s, %s encoding), resuming after seq %d",
      fx.hello.node, fx.hello.incarnation, link.packed and "skynet" or "json", link.memory.last_seq))
    flush_ack(true) -- what an earlier connection handled but did not acknowledge: skyrtc skips it now
  end
  for _, g in ipairs(fx.gaps) do
    skynet.error(string.format("rtc: events %d..%d were dropped by skyrtc (outbox overflow)", g.from, g.to))
  end
  local events = fx.events
  if #events > 0 then
    -- link.memory already covers these events: a reconnect never hands them over again. In "call"
    -- mode no ack goes out before the target returned: acks are taken only inside `cs`, which this
    -- packet holds until then.
    if per_event then
      for i = 1, #events do hand_over("room_event", events[i]) end
    else
      hand_over("room_events", events)
    end
    returned_seq = link.memory.last_seq
  end
  for _, r in ipairs(fx.results) do
    local respond = pending[r.id]
    if respond then
      pending[r.id] = nil
      respond(true, r.ok, r.ok and r.result or r.error)
    end
  end
  flush_ack(false)
end

skynet.register_protocol {
  name = "client",
  id = skynet.PTYPE_CLIENT,
  -- decoded here, while the gate's buffer is valid: JSON envelopes start with '{'
  unpack = function(msg, sz)
    if sz > 0 and skynet.tostring(msg, 1) == "{" then
      return "json", skynet.tostring(msg, sz)
    end
    return "skynet", { skynet.unpack(msg, sz) }
  end,
  dispatch = function(_, _, kind, body)
    skynet.ignoreret() -- the gate sends packets with session = fd: they are not calls
    cs(on_packet, kind, body)
  end,
}

local CMD = {}

function CMD.start(conf)
  fd, watchdog, target = conf.fd, conf.watchdog, conf.target
  per_event = conf.delivery == "event"
  ack_after_call = conf.ack == "call"
  ws = conf.transport == "ws"
  open = true
  skynet.call(conf.gate, "lua", "forward", fd)
  skynet.fork(function()
    while open do
      skynet.sleep(1) -- 10 ms: a quiet link is still acknowledged promptly
      cs(flush_ack, true)
    end
  end)
end

-- The connection closed: report what was handled (unless a newer connection took over) and exit.
function CMD.disconnect()
  open = false
  for id, respond in pairs(pending) do
    respond(true, false, { code = "disconnected", message = "skyrtc disconnected before answering" })
    pending[id] = nil
  end
  if link.node and not released then
    skynet.send(watchdog, "lua", "handled", link.node, memory(), skynet.self())
  end
  skynet.exit()
end

-- A newer connection of the same skyrtc node is up: after the packets queued before this call,
-- hand over what was handled and ignore anything later.
function CMD.release()
  return cs(function()
    released = true
    return memory()
  end)
end

-- Answered later, when the result arrives (or the timeout fires).
function CMD.command(name, data)
  local ok, id, payload = pcall(link.command, link, name, data)
  if not ok then
    return skynet.retpack(false, { code = "bad-request", message = tostring(id) })
  end
  if not id then -- an unknown name: the link's unknown-command failure, as skyrtc would answer
    return skynet.retpack(false, payload)
  end
  pending[id] = skynet.response()
  write(payload)
  skynet.timeout(COMMAND_TIMEOUT, function()
    local respond = pending[id]
    if respond then
      pending[id] = nil
      respond(true, false, { code = "timeout", message = "no result from skyrtc within 5 s" })
    end
  end)
end

skynet.start(function()
  skynet.dispatch("lua", function(_, _, cmd, ...)
    if cmd == "command" then
      CMD.command(...)
    else
      local f = assert(CMD[cmd], "rtc_agent: unknown command " .. tostring(cmd))
      skynet.retpack(f(...))
    end
  end)
end)
