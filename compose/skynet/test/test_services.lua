-- service/rtc_watchdog.lua + service/rtc_agent.lua on test/fake_skynet.lua: what they hand to the game
-- service across dropped connections (the real-node runs are in docs/ACTOR-CORE.md).
local fake = require "fake_skynet"
local proto = require "rtc_proto"
local check = require "check"
local T = {}

-- a node with the watchdog and a game service that records every event's seq (delivery: batch|event)
local function node(delivery)
  local n = fake.new { paths = "service/?.lua;test/?.lua" }
  n.seen = {}
  n:launch("sink_for_tests", n.seen)
  n:launch("rtc_watchdog", "127.0.0.1", 8888, ".rtc_events", delivery)
  return n
end

-- the same with ack "call" and a game service that keeps what it handled in `store` across "crashes"
local function durable_node(store, delivery)
  local n = fake.new { paths = "service/?.lua;test/?.lua" }
  n:launch("durable_sink_for_tests", store)
  n:launch("rtc_watchdog", "127.0.0.1", 8888, ".rtc_events", delivery, "call")
  return n
end

local function hello(acked, incarnation)
  return proto.envelope("hello", { node = "rtc-1", incarnation = incarnation or "a", ackedSeq = acked, lastSeq = 99 })
end

local function events(n, fd, from, to)
  for seq = from, to do
    n:packet(fd, proto.envelope("peer.data", { seq = seq, id = 1000 + seq, room = "r", node = "rtc-1" }))
  end
end

local function acks(n, fd)
  local out = {}
  for _, w in ipairs(n.written[fd] or {}) do
    local msg = proto.json.decode(w:sub(3))
    if msg.name == "ack" then out[#out + 1] = msg.data.seq end
  end
  return out
end

local function range(a, b)
  local t = {}
  for i = a, b do t[#t + 1] = i end
  return t
end

-- 68 duplicates over 6 drops reached the game service when the agent recorded only what it had
-- acknowledged: events handled after the last ack were handed over again after a reconnect.
function T.events_handled_but_not_acknowledged_are_not_handed_over_again_after_a_drop()
  for _, delivery in ipairs({ "batch", "event" }) do
    local n = node(delivery)
    n:connect(1); n:run()
    n:packet(1, hello(0)); events(n, 1, 1, 10); n:run()  -- no time passes: nothing acknowledged
    check.eq(acks(n, 1), {}, delivery .. ": not acknowledged yet")
    local seq = 10
    for fd = 2, 7 do -- 6 drops; skyrtc re-sends from its last ack (0) each time, plus 5 new events
      n:close(fd - 1)
      n:connect(fd); n:run()
      n:packet(fd, hello(0)); events(n, fd, 1, seq + 5); n:run()
      seq = seq + 5
    end
    check.eq(n.seen, range(1, seq), delivery .. ": each event once, in order")
    n:run(5) -- 50 ms: the quiet-link ack
    local a = acks(n, 7)
    check.eq(a[#a], seq, delivery .. ": acknowledged")
    for _, l in ipairs(n.log) do check.truthy(not l:find("^error"), l) end
  end
end

-- A link that drops every few seconds while skyrtc re-sends a backlog: the new agent acknowledges
-- what the old one handled as soon as it says hello, so skyrtc moves on instead of starting over.
function T.a_new_connection_acknowledges_at_once_what_an_earlier_one_handled()
  local n = node("batch")
  n:connect(1); n:run()
  n:packet(1, hello(0)); events(n, 1, 1, 10); n:run()
  n:close(1)
  n:connect(2); n:run()
  n:packet(2, hello(0)); n:run() -- no event yet, no time passes
  check.eq(acks(n, 2), { 10 })
end

-- A connection that closes while its agent is still waiting for the node's memory: that agent exits
-- with what it had before adopting it, which must not set the memory back.
function T.an_agent_that_exits_during_its_hello_does_not_set_the_memory_back()
  local n = node("batch")
  n:connect(1); n:run()
  n:packet(1, hello(0)); events(n, 1, 1, 10); n:run()
  n:close(1); n:run()                      -- agent 1 reports 10 handled and exits
  n:connect(2); n:run()
  n:packet(2, hello(0)); n:close(2); n:run() -- agent 2 exits before its link_up answer arrives
  n:connect(3); n:run()
  n:packet(3, hello(0)); events(n, 3, 1, 12); n:run()
  check.eq(n.seen, range(1, 12))
end

-- A node restart loses the watchdog's memory: skyrtc's hello.ackedSeq says where to resume, no gap alarm.
function T.a_restarted_node_resumes_after_acked_seq_without_a_gap_alarm()
  local n = node("batch")
  n:connect(1); n:run()
  n:packet(1, hello(40)); events(n, 1, 41, 45); n:run()
  check.eq(n.seen, range(41, 45))
  for _, l in ipairs(n.log) do check.truthy(not l:find("dropped"), l) end
end

-- ack "call": nothing is acknowledged before the game service returned, not even by the 10 ms timer.
function T.ack_call_acknowledges_only_what_the_game_service_returned()
  local store = { delay = 100 } -- each hand-over takes 1 s to return
  local n = durable_node(store, "batch")
  n:connect(1); n:run()
  n:packet(1, hello(0)); events(n, 1, 1, 3); n:run(50)
  check.eq(store.seen, { 1 }, "handed over, one packet at a time")
  check.eq(acks(n, 1), {}, "not acknowledged while the hand-over has not returned")
  n:run(400)
  check.eq(store.seen, { 1, 2, 3 })
  local a = acks(n, 1)
  check.eq(a[#a], 3, "acknowledged once all returned")
end

-- The node dies (kill -9) after its game service handled events it had not acknowledged; skyrtc re-sends
-- them to the restarted node. With ack "send" the restarted agent (resuming after ackedSeq) hands them
-- over again (the duplicate seen on the real node); with ack "call" it asks the game service first.
function T.ack_call_after_a_node_crash_each_event_once()
  for _, delivery in ipairs({ "batch", "event" }) do
    local store = {}
    local n = durable_node(store, delivery)
    n:connect(1); n:run()
    n:packet(1, hello(0)); events(n, 1, 1, 70); n:run()  -- acknowledged at 64, not after
    check.eq(acks(n, 1), { 64 }, delivery)
    -- kill -9: n is gone without a close; a new node starts with an empty watchdog and the same store
    n = durable_node(store, delivery)
    n:connect(1); n:run()
    n:packet(1, hello(64)); events(n, 1, 65, 80); n:run(5)
    check.eq(store.seen, range(1, 80), delivery .. ": each event once, in order")
    check.eq(acks(n, 1), { 70, 80 }, delivery .. ": what the dead node handled is acknowledged at hello")
    for _, l in ipairs(n.log) do check.truthy(not l:find("dropped") and not l:find("^error"), l) end
  end
end

-- A connection closes while its agent waits for the game service: the next agent asks the service,
-- whose answer comes after that hand-over (one service, one message at a time), and drops exactly it.
function T.ack_call_a_drop_during_a_hand_over_loses_and_repeats_nothing()
  local store = { delay = 100 }
  local n = durable_node(store, "event")
  n:connect(1); n:run()
  n:packet(1, hello(0)); events(n, 1, 1, 5); n:run(50) -- event 1 is being handled, 2..5 wait
  n:close(1); n:run(60)
  store.delay = nil
  n:connect(2); n:run(60)
  n:packet(2, hello(0)); events(n, 2, 1, 8); n:run(300)
  check.eq(store.seen, range(1, 8))
end

-- A new skyrtc incarnation the game service never saw: rtc_last_seq answers nil, delivery starts at 1.
function T.ack_call_a_new_incarnation_starts_at_its_first_event()
  local store = {}
  local n = durable_node(store, "batch")
  n:connect(1); n:run()
  n:packet(1, hello(0, "a")); events(n, 1, 1, 5); n:run(5)
  n:close(1); n:connect(2); n:run()
  n:packet(2, hello(0, "b")); events(n, 2, 1, 3); n:run(5)
  check.eq(store.seen, { 1, 2, 3, 4, 5, 1, 2, 3 })
  for _, l in ipairs(n.log) do check.truthy(not l:find("dropped"), l) end
end

-- transport "ws": rtc_ws_gate in front, and the agent writes WebSocket frames (text for json).
function T.over_the_websocket_gate_acks_are_websocket_frames()
  local n = fake.new { paths = "service/?.lua;test/?.lua" }
  n.seen = {}
  n:launch("sink_for_tests", n.seen)
  n:launch("rtc_watchdog", "127.0.0.1", 9948, ".rtc_events", "batch", "send", "ws")
  n:connect(1); n:run()
  n:packet(1, hello(0)); events(n, 1, 1, 3); n:run(5)
  check.eq(n.seen, { 1, 2, 3 })
  local w = n.written[1]
  check.eq(#w, 1, "one ack")
  check.eq(w[1], proto.ws_frame(proto.envelope("ack", { seq = 3 }), false))
  check.eq(w[1]:byte(1), 0x81, "a final text frame")
end

-- An unknown command gets skyrtc's own code, as in cluster mode, not bad-request (seen on a real node).
function T.an_unknown_command_is_answered_unknown_command()
  local n = node("batch")
  n:connect(1); n:run()
  n:packet(1, hello(0)); n:run()
  local answers = {}
  for _, name in ipairs({ "explode", "kick" }) do
    n:post(n.forward[1], { proto = "lua", session = 1, source = 0, args = table.pack("command", name, {}),
      reply = function(_, ...) answers[name] = table.pack(...) end })
  end
  n:run()
  check.eq(answers.explode[1], false)
  check.eq(answers.explode[2].code, "unknown-command")
  check.truthy(answers.kick == nil, "a known command waits for skyrtc's result")
end

-- The client dispatch does not answer the gate's packets (session = fd).
function T.client_packets_are_not_answered()
  local n = node("batch")
  n:connect(1); n:run()
  n:packet(1, hello(0)); events(n, 1, 1, 3); n:run()
  local agent = n.forward[1]
  check.eq(n.services[agent].ignored, 4)
end

return T
