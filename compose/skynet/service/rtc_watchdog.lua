-- skyrtc's listener in a skynet node: opens skynet's standard gate, gives each skyrtc connection an
-- rtc_agent, remembers per skyrtc node what was handled (so a reconnect drops duplicates), and routes
-- game commands to the right agent.
--
--   skynet.newservice("rtc_watchdog", "0.0.0.0", 8888, ".rtc_events")          -- batches
--   skynet.newservice("rtc_watchdog", "0.0.0.0", 8888, ".rtc_events", "event") -- one send per event
--   skynet.newservice("rtc_watchdog", "0.0.0.0", 8888, ".rtc_events", "batch", "call")
--   skynet.newservice("rtc_watchdog", "0.0.0.0", 9948, ".rtc_events", "batch", "send", "ws")
--
-- args: listen address, port, the service that gets room events (default ".rtc_events"), delivery:
-- "batch" (default: "room_events" with a list, one message per packet) or "event" ("room_event" each),
-- ack: "send" (default: acknowledge once handed over) or "call" (skynet.call the service and
-- acknowledge after it returned; it must also answer "rtc_last_seq", see rtc_agent.lua), transport:
-- "tcp" (default: skynet's standard gate, 2-byte length packets) or "ws" (service/rtc_ws_gate.lua,
-- WebSocket; skyrtc's gate config then says transport: websocket).
-- Registers itself as ".rtc"; game code uses lualib/rtc.lua.
local skynet = require "skynet"
require "skynet.manager" -- skynet.register
local queue = require "skynet.queue"

local address, port, target, delivery, ack, transport = ...
port = tonumber(port) or 8888
target = target or ".rtc_events"
delivery = delivery or "batch"
ack = ack or "send"
transport = transport or "tcp"
assert(transport == "tcp" or transport == "ws", "rtc_watchdog: transport is tcp or ws")
assert(delivery == "batch" or delivery == "event", "rtc_watchdog: delivery is batch or event")
assert(ack == "send" or ack == "call", "rtc_watchdog: ack is send or call")

local gate
local agents = {}   -- fd -> agent
local by_node = {}  -- skyrtc node name -> agent
local memory = {}   -- skyrtc node name -> { incarnation, last_seq }
local owner = {}    -- skyrtc node name -> the agent whose handled events `memory` does not cover yet
local handover = queue() -- one link_up at a time: each new connection waits for the one before

local SOCKET, CMD = {}, {}

function SOCKET.open(fd, addr)
  skynet.error(string.format("rtc: skyrtc connected from %s (fd %d)", addr, fd))
  local agent = skynet.newservice("rtc_agent")
  agents[fd] = agent
  skynet.call(agent, "lua", "start",
    { gate = gate, fd = fd, watchdog = skynet.self(), target = target, delivery = delivery, ack = ack,
      transport = transport })
end

local function close_agent(fd)
  local agent = agents[fd]
  agents[fd] = nil
  if agent then
    for node, a in pairs(by_node) do
      if a == agent then by_node[node] = nil end
    end
    skynet.send(agent, "lua", "disconnect")
  end
end

function SOCKET.close(fd)
  skynet.error("rtc: skyrtc connection closed (fd " .. fd .. ")")
  close_agent(fd)
end

function SOCKET.error(fd, msg)
  skynet.error("rtc: skyrtc connection error (fd " .. fd .. "): " .. tostring(msg))
  close_agent(fd)
end

function SOCKET.warning(fd, size)
  skynet.error(string.format("rtc: %d KiB waiting to be written to skyrtc (fd %d)", size, fd))
end

function SOCKET.data() end -- never called: connections are forwarded to agents

-- An agent saw hello: it serves that node now. Returns the node's memory (a copy). An older agent of
-- the node may still be handing over packets queued before its connection closed: it is asked to
-- stop, after those, and to say what it handled, so the new agent drops exactly those re-sends.
-- Keeps the newer of two records: an agent that exits before it adopted the node's memory must not
-- set it back.
local function remember(node, m)
  local old = memory[node]
  if not old or old.incarnation ~= m.incarnation or m.last_seq > old.last_seq then
    memory[node] = m
  end
end

function CMD.link_up(node, agent)
  return handover(function()
    local old = owner[node]
    if old and old ~= agent then
      local ok, m = pcall(skynet.call, old, "lua", "release")
      if ok then
        remember(node, m)
      end -- else it has exited, and its last report ("handled") came before
    end
    owner[node] = agent
    by_node[node] = agent
    local m = memory[node] or { incarnation = nil, last_seq = 0 }
    memory[node] = m
    return { incarnation = m.incarnation, last_seq = m.last_seq }
  end)
end

-- An agent whose connection closed reports what it handled, for the next connection.
function CMD.handled(node, m, agent)
  if owner[node] == agent then
    remember(node, m)
    owner[node] = nil
  end
end

-- From lualib/rtc.lua: run a command on the agent of `node` (nil: the only connected node).
function CMD.command(node, name, data)
  local agent = node and by_node[node]
  if not node then
    local only, count = nil, 0
    for _, a in pairs(by_node) do only, count = a, count + 1 end
    if count > 1 then
      return false, { code = "ambiguous", message = "several skyrtc nodes are connected; name one" }
    end
    agent = only
  end
  if not agent then
    return false, { code = "not-connected", message = "skyrtc " .. (node or "") .. " is not connected" }
  end
  return skynet.call(agent, "lua", "command", name, data)
end

function CMD.nodes()
  local out = {}
  for node in pairs(by_node) do out[#out + 1] = node end
  return out
end

skynet.start(function()
  skynet.dispatch("lua", function(_, _, cmd, subcmd, ...)
    if cmd == "socket" then
      local f = SOCKET[subcmd]
      if f then f(...) end
      -- socket messages from the gate are sends: no reply
    else
      local f = assert(CMD[cmd], "rtc_watchdog: unknown command " .. tostring(cmd))
      skynet.ret(skynet.pack(f(subcmd, ...)))
    end
  end)
  skynet.register(".rtc")
  gate = skynet.newservice(transport == "ws" and "rtc_ws_gate" or "gate")
  skynet.call(gate, "lua", "open", { address = address or "0.0.0.0", port = port, maxclient = 64, nodelay = true })
  skynet.error(string.format("rtc: waiting for skyrtc on %s:%d (%s), events go to %s (%s, ack after %s)",
    address or "0.0.0.0", port, transport, target, delivery, ack))
end)
