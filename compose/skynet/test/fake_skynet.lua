-- Just enough of skynet, in plain Lua, to run service/rtc_watchdog.lua and service/rtc_agent.lua in
-- the tests: services with their own `skynet` table, a FIFO message queue, coroutines for handlers,
-- call/ret/response, send, fork, queue, virtual-time sleep/timeout, exit, register, and a fake
-- standard gate. Packets are strings (JSON encoding); skynet.pack/unpack keep Lua values as they are.
local F = {}
F.__index = F

function F.new(opts)
  return setmetatable({ services = {}, names = {}, tasks = {}, timers = {}, now = 0, next_handle = 1,
    next_session = 1, written = {}, log = {}, paths = opts.paths }, F)
end

local function find(self, name)
  for dir in self.paths:gmatch("[^;]+") do
    local p = dir:gsub("%?", name)
    local f = io.open(p)
    if f then f:close(); return p end
  end
  error("fake skynet: no service " .. name)
end

function F:addr(a)
  if type(a) == "string" then return assert(self.names[a], "fake skynet: no service named " .. a) end
  return a
end

-- runs fn(...) as a new thread of service svc
function F:spawn(svc, fn, ...)
  local co = coroutine.create(fn)
  self.tasks[#self.tasks + 1] = { svc = svc, co = co, args = table.pack(...) }
end

function F:resume(svc, co, ...)
  local prev = self.current
  self.current = svc
  local ok, err = coroutine.resume(co, ...)
  self.current = prev
  if not ok then
    self.log[#self.log + 1] = "error in " .. svc.handle .. ": " .. tostring(err) .. "\n" .. debug.traceback(co)
  end
end

function F:deliver(to, m)
  local svc = self.services[to]
  if not svc or svc.dead then
    if m.session ~= 0 and m.reply then m.reply(false, "call to a dead service") end
    return
  end
  if m.proto == "response" then
    return self:resume(svc, m.co, m.ok, table.unpack(m.values, 1, m.values.n))
  end
  local dispatch = svc.protocols[m.proto]
  self:spawn(svc, function(...)
    svc.ctx[coroutine.running()] = m
    dispatch(m.session, m.source, ...)
  end, table.unpack(m.args, 1, m.args.n))
end

function F:post(to, m)
  self.tasks[#self.tasks + 1] = { deliver = self:addr(to), m = m }
end

-- runs until nothing is left to do before virtual time `until_cs` (default: no time passes)
function F:run(until_cs)
  until_cs = until_cs or self.now
  while true do
    local t = table.remove(self.tasks, 1)
    if t then
      if t.deliver then self:deliver(t.deliver, t.m)
      else
        self:resume(t.svc, t.co, table.unpack(t.args, 1, t.args.n))
      end
    else
      table.sort(self.timers, function(a, b) return a.at < b.at end)
      local tm = self.timers[1]
      if not tm or tm.at > until_cs then self.now = until_cs; return end
      table.remove(self.timers, 1)
      self.now = tm.at
      if not tm.svc.dead then self:resume(tm.svc, tm.co) end
    end
  end
end

local function skynet_for(self, svc)
  local S = { PTYPE_CLIENT = 3, PTYPE_LUA = 10 }
  local function yield() return coroutine.yield() end
  function S.self() return svc.handle end
  function S.error(msg) self.log[#self.log + 1] = msg end
  function S.pack(...) return table.pack(...) end
  function S.unpack(v) return table.unpack(v, 1, v.n) end
  function S.packstring(...) return table.pack(...) end
  function S.tostring(msg, sz) return msg:sub(1, sz) end
  function S.ignoreret() svc.ignored = (svc.ignored or 0) + 1 end
  function S.start(f) self:spawn(svc, f) end
  function S.dispatch(name, f) svc.protocols[name] = f end
  function S.register_protocol(p) svc.protocols[p.name] = function(session, source, msg, sz)
      p.dispatch(session, source, p.unpack(msg, sz)) end
  end
  function S.send(to, proto, ...) self:post(to, { proto = proto, session = 0, source = svc.handle, args = table.pack(...) }) end
  function S.call(to, proto, ...)
    local co = coroutine.running()
    local target = self:addr(to)
    local responder = svc
    self:post(target, { proto = proto, session = 1, source = svc.handle, args = table.pack(...),
      reply = function(ok, ...) self.tasks[#self.tasks + 1] = { deliver = responder.handle,
        m = { proto = "response", co = co, ok = ok, values = table.pack(...) } } end })
    local r = table.pack(yield())
    if not r[1] then error(r[2]) end
    return table.unpack(r, 2, r.n)
  end
  local function ctx() return svc.ctx[coroutine.running()] or {} end
  function S.response()
    local reply = ctx().reply
    return function(ok, ...) if ok and reply then reply(true, ...) end end
  end
  function S.ret(packed)
    local m = ctx()
    packed = packed or { n = 0 } -- skynet.ret() answers an empty message
    if m.reply and m.session ~= 0 then m.reply(true, table.unpack(packed, 1, packed.n)) end
  end
  function S.retpack(...) S.ret(table.pack(...)) end
  function S.fork(f, ...) self:spawn(svc, f, ...) end
  function S.sleep(cs) self.timers[#self.timers + 1] = { at = self.now + cs, svc = svc, co = coroutine.running() }; yield() end
  function S.timeout(cs, f) self:spawn(svc, function() S.sleep(cs); f() end) end
  function S.exit() svc.dead = true; coroutine.yield() end
  function S.newservice(name, ...) return self:launch(name, ...) end
  function S.register(name) self.names[name] = svc.handle end -- skynet.manager
  function S.wait() svc.waiting = coroutine.running(); yield() end
  function S.wakeup(co) self.tasks[#self.tasks + 1] = { svc = svc, co = co, args = table.pack() } end
  return S
end

local function queue_for(S)
  return function()
    local current, ref, waiting = nil, 0, {}
    return function(f, ...)
      local thread = coroutine.running()
      if current and current ~= thread then
        waiting[#waiting + 1] = thread
        coroutine.yield()
      end
      current = thread
      ref = ref + 1
      local r = table.pack(pcall(f, ...))
      ref = ref - 1
      if ref == 0 then
        current = table.remove(waiting, 1)
        if current then S.wakeup(current) end
      end
      if not r[1] then error(r[2], 0) end
      return table.unpack(r, 2, r.n)
    end
  end
end

function F:launch(name, ...)
  local handle = self.next_handle
  self.next_handle = handle + 1
  local svc = { handle = handle, protocols = {}, ctx = setmetatable({}, { __mode = "k" }) }
  self.services[handle] = svc
  if name == "gate" or name == "rtc_ws_gate" then -- both gates: the same messages to the watchdog and agents
    svc.protocols.lua = function(_, source, cmd, arg)
      if cmd == "open" then self.watchdog = source
      elseif cmd == "forward" then self.forward = self.forward or {}; self.forward[arg] = source end
      svc.ctx[coroutine.running()].reply(true)
    end
    return handle
  end
  local S = skynet_for(self, svc)
  local mods = { skynet = S, ["skynet.manager"] = S, ["skynet.queue"] = queue_for(S),
    ["skynet.socket"] = { write = function(fd, data) local w = self.written[fd] or {}; self.written[fd] = w; w[#w + 1] = data end } }
  local env = setmetatable({ require = function(m) return mods[m] or require(m) end }, { __index = _G })
  local chunk = assert(loadfile(find(self, name), "t", env))
  local args = table.pack(...)
  self:spawn(svc, function() chunk(table.unpack(args, 1, args.n)) end)
  self:run()
  return handle
end

-- the gate's side of a connection
function F:connect(fd) self:post(self.watchdog, { proto = "lua", session = 0, source = 0, args = table.pack("socket", "open", fd, "127.0.0.1:1") }) end
function F:close(fd) self:post(self.watchdog, { proto = "lua", session = 0, source = 0, args = table.pack("socket", "close", fd) }) end
function F:packet(fd, payload)
  self:post(assert(self.forward and self.forward[fd], "not forwarded"), { proto = "client", session = fd, source = 0,
    args = table.pack(payload, #payload) })
end

return F
