-- The pure-Lua half of rtc_agent on a plain TCP socket (lua5.4 + lua-socket), so skyrtc's real gate
-- link can be tested against the shipped Lua code without a skynet node:
--   lua5.4 test/gate_peer.lua [ack_every] [drop_after] [lifetime_s]
-- Prints "port N", then one line per thing it sees: "event <json>", "dup <seq>", "gap <from> <to>",
-- "hello <json>", "result <json>", "error <text>". It sends one `send` command the first time a
-- peer joins room "lua-room", and drops the connection once after `drop_after` events without
-- acknowledging them (to prove re-sent events are recognised). Exits after lifetime_s (120).
package.path = "lualib/?.lua;" .. package.path
local socket = require "socket"
local proto = require "rtc_proto"
local json = require "rtc_json"

local ack_every = tonumber(arg[1]) or 64
local drop_after = tonumber(arg[2]) or 0
local lifetime = tonumber(arg[3]) or 120

local server = assert(socket.bind("127.0.0.1", 0))
print("port " .. select(2, server:getsockname()))
io.stdout:flush()

local function out(line)
  io.stdout:write(line, "\n")
  io.stdout:flush()
end

local memory = nil       -- what outlives a connection, as the watchdog keeps it
local commanded = false
local dropped = false

local function serve(conn)
  conn:setoption("tcp-nodelay", true)
  conn:settimeout(0.01)
  local link = proto.new_link { ack_every = ack_every }
  local handled = 0
  while true do
    local header, err = conn:receive(2)
    if err == "closed" then return end
    if header then
      local len = string.unpack(">I2", header)
      conn:settimeout(5)
      local payload = len == 0 and "" or assert(conn:receive(len))
      conn:settimeout(0.01)
      local fx = link:receive(payload)
      if fx.hello then
        link:adopt(memory)
        out("hello " .. json.encode(fx.hello))
      end
      for _, e in ipairs(fx.errors) do out("error " .. e) end
      for _ = 1, fx.duplicates do out("dup") end
      for _, g in ipairs(fx.gaps) do out("gap " .. g.from .. " " .. g.to) end
      for _, r in ipairs(fx.results) do out("result " .. json.encode(r)) end
      for _, ev in ipairs(fx.events) do
        out("event " .. json.encode(ev))
        handled = handled + 1
        if ev.type == "peer.joined" and ev.room == "lua-room" and not commanded then
          commanded = true
          local _, cmd = link:command("send", { room = "lua-room", payload = { from = "lua", seq = ev.seq } })
          conn:send(proto.frame(cmd))
        end
        if drop_after > 0 and handled == drop_after and not dropped then
          dropped = true
          memory = { incarnation = link.memory.incarnation, last_seq = link.memory.last_seq }
          conn:close() -- handled but never acknowledged: skyrtc must send these again
          return
        end
      end
    end
    -- quiet for 10 ms: acknowledge what is handled (not before the planned drop: keep it unacknowledged)
    local ack = link:take_ack(header == nil and (drop_after == 0 or dropped))
    if ack then
      memory = { incarnation = link.memory.incarnation, last_seq = link.memory.last_seq }
      conn:send(proto.frame(ack))
    end
  end
end

-- the test stops the peer; the deadline only guards against an orphan
local deadline = socket.gettime() + lifetime
server:settimeout(0.05)
while socket.gettime() < deadline do
  local conn = server:accept()
  if conn then serve(conn) end
end
