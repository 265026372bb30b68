-- A WebSocket gate for rtc_watchdog (its transport argument "ws"): what skynet's standard gate is
-- for the TCP link, over skynet's lualib/http/websocket.lua. The watchdog gets the same "socket"
-- open/close messages; each message skyrtc sends is handed to the connection's agent as a "client"
-- message with session = fd, as the standard gate does. The agent writes its frames itself
-- (rtc_proto.ws_frame: binary for the skynet encoding, text for json). No TLS: put one in front.
local skynet = require "skynet"
local socket = require "skynet.socket"
local socketdriver = require "skynet.socketdriver"
local websocket = require "http.websocket"

skynet.register_protocol { name = "client", id = skynet.PTYPE_CLIENT } -- to redirect frames to agents

local watchdog
local agents = {}  -- fd -> the agent the watchdog forwarded it to
local waiting = {} -- fd -> the thread that accepted it, until "forward"

local handle = {}

function handle.message(fd, msg)
  local agent = agents[fd]
  if agent then
    skynet.redirect(agent, skynet.self(), "client", fd, msg)
  end
end

local function serve(fd, addr)
  waiting[fd] = coroutine.running()
  skynet.send(watchdog, "lua", "socket", "open", fd, addr)
  skynet.wait() -- no frame is read before the agent is there (the standard gate waits the same way)
  waiting[fd] = nil
  socketdriver.nodelay(fd) -- acks and results are small: no Nagle delay on them
  local ok, err = websocket.accept(fd, handle, "ws", addr)
  if not ok then
    skynet.error("rtc_ws_gate: connection " .. fd .. " from " .. tostring(addr) .. ": " .. tostring(err))
  end
  agents[fd] = nil
  skynet.send(watchdog, "lua", "socket", "close", fd)
end

local CMD = {}

-- conf as for the standard gate: {address, port}
function CMD.open(source, conf)
  watchdog = source
  local id = assert(socket.listen(conf.address or "0.0.0.0", conf.port))
  socket.start(id, function(fd, addr)
    skynet.fork(serve, fd, addr)
  end)
end

-- From the agent: frames of fd go to it from now on.
function CMD.forward(source, fd)
  agents[fd] = source
  local co = waiting[fd]
  if co then
    skynet.wakeup(co)
  end
end

skynet.start(function()
  skynet.dispatch("lua", function(_, source, cmd, ...)
    local f = assert(CMD[cmd], "rtc_ws_gate: unknown command " .. tostring(cmd))
    skynet.ret(skynet.pack(f(source, ...)))
  end)
end)
