-- One skyrtc connection: decodes events, drops duplicates after a reconnect, hands each event to the
-- target service in order (skynet.send(target, "lua", "room_event", ev)), acknowledges every 64
-- events and at least every 10 ms, and carries game commands to skyrtc and their results back.
local skynet = require "skynet"
local socket = require "skynet.socket"
local queue = require "skynet.queue"
local proto = require "rtc_proto"

local COMMAND_TIMEOUT = 500 -- centiseconds (5 s)

local fd, watchdog, target
local link = proto.new_link { ack_every = 64 }
local pending = {}          -- command id -> skynet.response function
local cs = queue()          -- client packets one at a time, in order, even across skynet.call
local open = false

local function write(payload)
  socket.write(fd, proto.frame(payload))
end

local function flush_ack(force)
  local ack = link:take_ack(force)
  if ack then
    -- the watchdog learns what was handled before skyrtc does, so a reconnect never re-delivers it
    skynet.send(watchdog, "lua", "handled", link.node, link.memory.incarnation, link.memory.last_seq)
    write(ack)
  end
end

local function on_packet(payload)
  local fx = link:receive(payload)
  for _, e in ipairs(fx.errors) do
    skynet.error("rtc: bad packet from skyrtc: " .. e)
  end
  if fx.hello then
    link:adopt(skynet.call(watchdog, "lua", "link_up", fx.hello.node, skynet.self()))
    skynet.error(string.format("rtc: skyrtc node %s (incarnation %s), resuming after seq %d",
      fx.hello.node, fx.hello.incarnation, link.memory.last_seq))
  end
  for _, g in ipairs(fx.gaps) do
    skynet.error(string.format("rtc: events %d..%d were dropped by skyrtc (outbox overflow)", g.from, g.to))
  end
  for _, ev in ipairs(fx.events) do
    skynet.send(target, "lua", "room_event", ev)
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
  unpack = skynet.tostring,
  dispatch = function(_, _, payload)
    cs(on_packet, payload)
  end,
}

local CMD = {}

function CMD.start(conf)
  fd, watchdog, target = conf.fd, conf.watchdog, conf.target
  open = true
  skynet.call(conf.gate, "lua", "forward", fd)
  skynet.fork(function()
    while open do
      skynet.sleep(1) -- 10 ms: a quiet link is still acknowledged promptly
      cs(flush_ack, true)
    end
  end)
end

function CMD.disconnect()
  open = false
  for id, respond in pairs(pending) do
    respond(true, false, { code = "disconnected", message = "skyrtc disconnected before answering" })
    pending[id] = nil
  end
  skynet.exit()
end

-- Answered later, when the result arrives (or the timeout fires).
function CMD.command(name, data)
  local ok, id, payload = pcall(link.command, link, name, data)
  if not ok then
    return skynet.retpack(false, { code = "bad-request", message = tostring(id) })
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
