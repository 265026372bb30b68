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
  check.truthy(not pcall(link.command, link, "explode", {}), "unknown command")
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

function T.framing_matches_the_gate()
  check.eq(proto.frame("abc"), "\0\3abc")
  check.eq(#proto.frame(string.rep("x", 65535)), 65537)
  check.truthy(not pcall(proto.frame, string.rep("x", 65536)), "65536 bytes")
end

return T
