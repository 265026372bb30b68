local proto = require "rtc_proto"
local json = require "rtc_json"
local check = require "check"
local T = {}

local function event(seq, name, extra)
  local data = { seq = seq, id = 1000 + seq, room = "r", node = "rtc-1" }
  for k, v in pairs(extra or {}) do data[k] = v end
  return proto.envelope(name or "peer.joined", data)
end

local function hello(incarnation)
  return proto.envelope("hello", { node = "rtc-1", incarnation = incarnation, ackedSeq = 0, lastSeq = 0 })
end

function T.events_come_out_in_order_with_their_type()
  local link = proto.new_link()
  check.truthy(link:receive(hello("a")).hello)
  check.eq(link.node, "rtc-1")
  local got = {}
  for seq = 1, 3 do
    local fx = link:receive(event(seq, seq == 1 and "room.created" or "peer.joined"))
    for _, e in ipairs(fx.events) do got[#got + 1] = e.type .. "#" .. e.seq end
  end
  check.eq(got, { "room.created#1", "peer.joined#2", "peer.joined#3" })
end

function T.acks_are_cumulative_every_n_or_when_forced()
  local link = proto.new_link { ack_every = 4 }
  link:receive(hello("a"))
  for seq = 1, 3 do link:receive(event(seq)) end
  check.eq(link:take_ack(false), nil, "3 of 4")
  link:receive(event(4))
  check.eq(json.decode(link:take_ack(false)), { name = "ack", data = { seq = 4 } })
  check.eq(link:take_ack(true), nil, "nothing new")
  link:receive(event(5))
  check.eq(json.decode(link:take_ack(true)).data.seq, 5)
end

function T.a_reconnect_drops_what_was_handled_even_before_it_was_acked()
  local link = proto.new_link { ack_every = 100 }
  link:receive(hello("a"))
  for seq = 1, 5 do link:receive(event(seq)) end
  local kept = { incarnation = link.memory.incarnation, last_seq = link.memory.last_seq }
  -- a new connection (a new agent) to the same skyrtc: it re-sends 1..5, then 6
  local again = proto.new_link { ack_every = 100 }
  again:receive(hello("a"))
  again:adopt(kept)
  local fresh, dups = {}, 0
  for seq = 1, 6 do
    local fx = again:receive(event(seq))
    dups = dups + fx.duplicates
    for _, e in ipairs(fx.events) do fresh[#fresh + 1] = e.seq end
  end
  check.eq(fresh, { 6 })
  check.eq(dups, 5)
end

-- After a drop, skyrtc re-sends from its last ack; what this side handled beyond it is acknowledged
-- at once, or a link that keeps dropping would never get past the re-sends.
function T.what_was_handled_beyond_hello_acked_seq_is_acknowledged_at_once()
  local again = proto.new_link { ack_every = 100 }
  again:receive(proto.envelope("hello", { node = "rtc-1", incarnation = "a", ackedSeq = 3, lastSeq = 20 }))
  again:adopt({ incarnation = "a", last_seq = 10 })
  check.eq(json.decode(again:take_ack(true)), { name = "ack", data = { seq = 10 } })
  check.eq(again:receive(event(9)).duplicates, 1)
end

function T.a_new_incarnation_means_skyrtc_restarted_and_seq_starts_over()
  local link = proto.new_link()
  link:receive(hello("a"))
  for seq = 1, 5 do link:receive(event(seq)) end
  local kept = { incarnation = "a", last_seq = 5 }
  local after = proto.new_link()
  after:receive(hello("b"))
  after:adopt(kept) -- another incarnation: nothing to adopt
  local fx = after:receive(event(1))
  check.eq(#fx.events, 1)
  check.eq(fx.duplicates, 0)
end

function T.a_seq_gap_is_reported()
  local link = proto.new_link()
  link:receive(hello("a"))
  link:receive(event(1))
  local fx = link:receive(event(5))
  check.eq(fx.gaps, { { from = 2, to = 4 } })
  check.eq(#fx.events, 1)
end

function T.commands_get_fresh_ids_and_results_are_matched()
  local link = proto.new_link()
  local id1, p1 = link:command("kick", { room = "r", peer = "p", reason = "afk" })
  local id2 = link:command("list-rooms")
  check.eq(id2, id1 + 1)
  check.eq(json.decode(p1), { name = "kick", data = { id = id1, room = "r", peer = "p", reason = "afk" } })
  local fx = link:receive('{"name":"result","data":{"id":' .. id1 .. ',"ok":true,"result":{"kicked":"p"}}}')
  check.eq(fx.results[1].id, id1)
  check.eq(fx.results[1].result.kicked, "p")
  local none, failure = link:command("explode", {})
  check.eq(none, nil, "an unknown command gets no id")
  check.eq(failure, { code = "unknown-command", message = "unknown command: explode" })
  check.eq(link:command("list-rooms"), id2 + 1, "and uses none")
end

function T.bad_packets_are_reported_not_raised()
  local link = proto.new_link()
  for _, bad in ipairs({ "not json", "[]", '{"name":1,"data":{}}', '{"name":"peer.joined"}',
                         '{"name":"peer.joined","data":{"seq":"x"}}', '{"name":"peer.joined","data":{"seq":0}}' }) do
    local fx = link:receive(bad)
    check.eq(#fx.events, 0, bad)
    check.eq(#fx.errors, 1, bad)
  end
end

-- This node restarted (kill -9): its memory is gone, skyrtc's incarnation is new to it. skyrtc had
-- acknowledged up to 40 and re-sends from 41: that is no gap (a false "dropped" alarm before).
function T.an_unknown_incarnation_resumes_after_hello_acked_seq_without_a_gap()
  local link = proto.new_link()
  link:receive(proto.envelope("hello", { node = "rtc-1", incarnation = "a", ackedSeq = 40, lastSeq = 45 }))
  local fx = link:receive(event(41))
  check.eq(fx.gaps, {})
  check.eq(#fx.events, 1)
  check.eq(link:receive(event(40)).duplicates, 1, "acknowledged before: a duplicate")
  check.eq(link:receive(event(43)).gaps, { { from = 42, to = 42 } }, "a real gap is still one")
end

-- The skynet encoding: one packet carries a batch; duplicates and gaps are per event inside it.
function T.a_packed_batch_is_handled_per_event()
  local link = proto.new_link { pack = function(name, data) return { name = name, data = data } end }
  link:receive_values { "hello", { node = "rtc-1", incarnation = "a", ackedSeq = 0, lastSeq = 0 } }
  check.truthy(link.packed, "answers in the hello's encoding")
  local function ev(seq) return { type = "peer.data", seq = seq, id = 100 + seq, room = "r" } end
  local fx = link:receive_values { "events", ev(1), ev(2), ev(3) }
  check.eq(#fx.events, 3)
  check.eq(fx.events[3].type, "peer.data")
  fx = link:receive_values { "events", ev(2), ev(3), ev(4), ev(6) }
  check.eq(fx.duplicates, 2)
  check.eq(#fx.events, 2)
  check.eq(fx.gaps, { { from = 5, to = 5 } })
  check.eq(link:take_ack(true), { name = "ack", data = { seq = 6 } })
  local _, cmd = link:command("list-rooms")
  check.eq(cmd, { name = "list-rooms", data = { id = 1 } })
  fx = link:receive_values { "result", { id = 1, ok = true, result = { rooms = {} } } }
  check.eq(fx.results[1].id, 1)
  check.eq(#link:receive_values({ "events", { seq = 9 } }).errors, 1)
end

-- Memory is per event: a connection that dies after handing over events it never acknowledged
-- leaves memory that covers them, so the next connection drops their re-sends (68 duplicates
-- over 6 drops reached the game service when only acks were recorded).
function T.memory_covers_every_handed_event_not_only_acknowledged_ones()
  local link = proto.new_link { ack_every = 64 }
  link:receive(hello("a"))
  for seq = 1, 10 do link:receive(event(seq)) end
  check.eq(link:take_ack(false), nil, "nothing acknowledged")
  check.eq(link.memory.last_seq, 10)
end

function T.framing_matches_the_gate()
  check.eq(proto.frame("abc"), "\0\3abc")
  check.eq(#proto.frame(string.rep("x", 65535)), 65537)
  check.truthy(not pcall(proto.frame, string.rep("x", 65536)), "65536 bytes")
end

-- Server frames as RFC 6455 says: FIN + opcode, no mask, 7-bit / 16-bit / 64-bit lengths at their edges.
function T.websocket_frames_carry_any_length()
  for _, n in ipairs({ 0, 125, 126, 65535, 65536 }) do
    local payload = string.rep("x", n)
    local f = proto.ws_frame(payload, n % 2 == 0)
    check.eq(f:byte(1), n % 2 == 0 and 0x82 or 0x81, "opcode for " .. n)
    local len, at = f:byte(2), 3
    if len == 126 then len, at = string.unpack(">I2", f, 3)
    elseif len == 127 then len, at = string.unpack(">I8", f, 3) end
    check.eq(len, n, "length " .. n)
    check.eq(f:sub(at), payload)
    check.eq(at - 1, n < 126 and 2 or n < 65536 and 4 or 10, "header size for " .. n)
  end
end

return T
