-- The skyrtc actor-core link, without skynet: messages in, effects out. Pure Lua 5.3/5.4, so the
-- logic that matters (duplicates, gaps, acks, command ids) is tested with plain lua5.4.
--
--   local link = proto.new_link{ ack_every = 64, pack = skynet.packstring }
--   local fx = link:receive(payload)         -- a JSON envelope (encoding: json)
--   local fx = link:receive_values(values)   -- {skynet.unpack(packet)} (encoding: skynet)
--        -- fx.events, fx.results, fx.hello, fx.gaps, fx.errors, fx.duplicates
--   local ack = link:take_ack(force)         -- an ack payload when due, else nil
--   local id, payload = link:command("kick", { room = "r", peer = "p" })  -- nil, failure: unknown name
--
-- What the link sends back (acks, commands) is in the encoding skyrtc's hello came in: JSON, or
-- `pack(name, data)` (skynet.packstring in the agent) for the skynet encoding.
--
-- Delivery from skyrtc is at least once: after a reconnect, unacknowledged events come again with the
-- same seq. `memory` ({incarnation, last_seq}) is what must survive a reconnect to drop them; it is
-- updated per event, before the event is handed on. A new incarnation in `hello` means skyrtc
-- restarted and its seq starts at 1 again; an incarnation this side never saw (this node restarted)
-- resumes after hello.ackedSeq: what skyrtc had acknowledged is no gap.

local json = require "rtc_json"

local proto = {}
proto.json = json

local Link = {}
Link.__index = Link

function proto.new_link(opts)
  opts = opts or {}
  return setmetatable({
    ack_every = opts.ack_every or 64,
    memory = opts.memory or { incarnation = nil, last_seq = 0 },
    node = nil,
    acked = opts.memory and opts.memory.last_seq or 0,
    next_id = 0,
    pack = opts.pack,
    packed = false, -- the hello came skynet.pack'ed: answer the same way
  }, Link)
end

-- name + data in the link's encoding
function Link:encode(name, data)
  if self.packed then
    return self.pack(name, data or {})
  end
  return proto.envelope(name, data)
end

-- The envelope {"name": ..., "data": {...}} as JSON text (without the 2-byte gate header).
function proto.envelope(name, data)
  return json.encode({ name = name, data = data or {} })
end

-- skynet's standard gate framing: 2-byte big-endian length, at most 65535 bytes.
function proto.frame(payload)
  if #payload > 65535 then
    error("rtc_proto.frame: " .. #payload .. " bytes exceed the gate's 65535-byte packet limit")
  end
  return string.pack(">s2", payload)
end

-- A WebSocket frame from a server (unmasked, final): binary for the skynet encoding, text for json.
function proto.ws_frame(payload, binary)
  local n = #payload
  local op = binary and 0x82 or 0x81
  if n < 126 then
    return string.pack("BB", op, n) .. payload
  elseif n < 0x10000 then
    return string.pack(">BBI2", op, 126, n) .. payload
  end
  return string.pack(">BBI8", op, 127, n) .. payload
end

local function handle_hello(self, data, fx)
  self.node = data.node
  local mem = self.memory
  local acked = math.tointeger(data.ackedSeq) or 0
  if acked < 0 then acked = 0 end
  if mem.incarnation ~= data.incarnation then
    -- first contact with this incarnation: skyrtc restarted (ackedSeq is 0, seq starts again) or
    -- this node did (its memory is gone): everything up to ackedSeq was handled by a previous life
    -- of this side, so the first re-sent event is ackedSeq + 1 and no gap
    mem.incarnation = data.incarnation
    mem.last_seq = acked
  end
  -- what skyrtc knows is acknowledged: anything handled beyond it is acknowledged again at once
  self.acked = math.min(acked, mem.last_seq)
  fx.hello = data
end

local function handle_event(self, name, data, fx)
  local seq = data.seq
  if math.type(seq) ~= "integer" or seq < 1 then
    fx.errors[#fx.errors + 1] = name .. ": missing or bad seq"
    return
  end
  local mem = self.memory
  if seq <= mem.last_seq then
    fx.duplicates = fx.duplicates + 1
    return
  end
  if seq > mem.last_seq + 1 then
    -- the outbox overflowed on the skyrtc side (overflow: drop-oldest): those events are gone
    fx.gaps[#fx.gaps + 1] = { from = mem.last_seq + 1, to = seq - 1 }
  end
  mem.last_seq = seq
  data.type = name
  fx.events[#fx.events + 1] = data
end

-- After a hello on a new connection: take over what an earlier connection to the same skyrtc
-- incarnation handled (`mem` = {incarnation, last_seq}, kept by whoever outlives connections), so
-- the events skyrtc re-sends are dropped. A different incarnation keeps the reset done at hello.
-- What was handled but not acknowledged then is acknowledged at the next take_ack: skyrtc would
-- otherwise re-send it after every reconnect, and never get past it if the link keeps dropping.
function Link:adopt(mem)
  if mem and mem.incarnation ~= nil and mem.incarnation == self.memory.incarnation
      and mem.last_seq > self.memory.last_seq then
    self.memory.last_seq = mem.last_seq
  end
end

local function new_fx()
  return { events = {}, results = {}, gaps = {}, errors = {}, duplicates = 0 }
end

local function dispatch(self, name, data, fx)
  if type(name) ~= "string" or type(data) ~= "table" then
    fx.errors[#fx.errors + 1] = 'expected {"name": ..., "data": {...}}'
  elseif name == "hello" then
    handle_hello(self, data, fx)
  elseif name == "result" then
    fx.results[#fx.results + 1] = data
  else
    handle_event(self, name, data, fx)
  end
end

-- Decodes one JSON payload. Never raises on bad input: problems are listed in fx.errors.
function Link:receive(payload)
  local fx = new_fx()
  local msg, err = json.decode(payload)
  if not msg then
    fx.errors[1] = err
    return fx
  end
  if msg.name == "hello" then self.packed = false end
  dispatch(self, msg.name, msg.data, fx)
  return fx
end

-- One skynet.pack'ed packet, unpacked into a list: {"hello", {...}}, {"result", {...}}, or
-- {"events", ev1, ev2, ...} where each ev carries its `type` and `seq`.
function Link:receive_values(values)
  local fx = new_fx()
  local name = values[1]
  if name == "events" then
    for i = 2, #values do
      local ev = values[i]
      if type(ev) ~= "table" or type(ev.type) ~= "string" then
        fx.errors[#fx.errors + 1] = "events: an event without a type"
      else
        handle_event(self, ev.type, ev, fx)
      end
    end
  else
    if name == "hello" then self.packed = true end
    dispatch(self, name, values[2], fx)
  end
  return fx
end

-- An ack payload when `ack_every` events are handled but unacknowledged, or any are and `force`
-- is set (a timer calls it with force so a quiet link still gets acknowledged); else nil.
function Link:take_ack(force)
  local last = self.memory.last_seq
  local pending = last - self.acked
  if pending <= 0 or (pending < self.ack_every and not force) then
    return nil
  end
  self.acked = last
  return self:encode("ack", { seq = last })
end

local COMMANDS = { kick = true, ["close-room"] = true, send = true, ["list-rooms"] = true, ["room-info"] = true }

-- A command envelope with a fresh id; the result with the same id answers it. A name skyrtc does not
-- know (docs/ACTOR-CORE.md "Commands") is answered here, as skyrtc and cluster mode answer it: nil and
-- the failure {code = "unknown-command", message}; nothing is sent and no id is used.
function Link:command(name, data)
  if not COMMANDS[name] then
    return nil, { code = "unknown-command", message = "unknown command: " .. tostring(name) }
  end
  self.next_id = self.next_id + 1
  local body = {}
  for k, v in pairs(data or {}) do body[k] = v end
  body.id = self.next_id
  return self.next_id, self:encode(name, body)
end

return proto
