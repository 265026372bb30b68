-- lualib/rtc_cluster_seq.lua: what service/rtc_cluster.lua hands to the game service
local seqs = require "rtc_cluster_seq"
local check = require "check"
local T = {}

local function evs(from, to, node)
  local out = {}
  for s = from, to do out[#out + 1] = { node = node or "rtc-1", seq = s, type = "peer.data" } end
  return out
end

local function seq_list(events)
  local out = {}
  for i, e in ipairs(events) do out[i] = e.seq end
  return out
end

local function hello(incarnation, acked)
  return { node = "rtc-1", incarnation = incarnation, ackedSeq = acked or 0, lastSeq = acked or 0 }
end

function T.a_batch_of_new_events_is_handed_over_whole_and_in_order()
  local f = seqs.new()
  f:hello(hello("a"))
  local batch = evs(1, 5)
  check.truthy(f:filter(batch) == batch)
  check.eq(seq_list(f:filter(evs(6, 7))), { 6, 7 })
  check.eq(f.duplicates, 0)
end

function T.resent_events_after_a_reconnect_are_dropped_once_handled()
  local f = seqs.new()
  f:hello(hello("a"))
  f:filter(evs(1, 10))
  -- the answers for 7..10 were lost with the connection: skyrtc says hello again (same incarnation)
  check.eq(f:hello(hello("a", 6)), 10)
  check.eq(seq_list(f:filter(evs(7, 12))), { 11, 12 })
  check.eq(f.duplicates, 4)
  check.eq(f.gaps, 0)
end

function T.a_restarted_node_starts_from_what_skyrtc_says_was_acknowledged_no_false_gap()
  local logged = {}
  local f = seqs.new(function(fmt, ...) logged[#logged + 1] = string.format(fmt, ...) end)
  -- this node is new (it was killed): skyrtc acknowledged 1..40 with the node before, re-sends 41..
  check.eq(f:hello(hello("a", 40)), 40)
  check.eq(seq_list(f:filter(evs(41, 43))), { 41, 42, 43 })
  check.eq(#logged, 0)
  check.eq(f.gaps, 0)
end

function T.the_game_service_memory_wins_when_it_handled_more()
  local f = seqs.new()
  -- "call" mode: the game service persisted up to 45, skyrtc only saw answers up to 40
  check.eq(f:hello(hello("a", 40), 45), 45)
  check.eq(seq_list(f:filter(evs(41, 47))), { 46, 47 })
  check.eq(f.duplicates, 5)
end

function T.a_new_incarnation_starts_again_at_one()
  local f = seqs.new()
  f:hello(hello("a"))
  f:filter(evs(1, 100))
  f:hello(hello("b"))
  check.eq(seq_list(f:filter(evs(1, 2))), { 1, 2 })
end

function T.a_real_gap_is_reported_with_its_range()
  local logged = {}
  local f = seqs.new(function(fmt, ...) logged[#logged + 1] = string.format(fmt, ...) end)
  f:hello(hello("a"))
  f:filter(evs(1, 3))
  check.eq(seq_list(f:filter(evs(8, 9))), { 8, 9 })
  check.eq(f.gaps, 1)
  check.eq(f.missing, 4)
  check.truthy(logged[1]:find("4..7", 1, true), logged[1])
end

function T.nodes_are_kept_apart()
  local f = seqs.new()
  f:hello(hello("a"))
  f:hello({ node = "rtc-2", incarnation = "z", ackedSeq = 0 })
  f:filter(evs(1, 3))
  check.eq(seq_list(f:filter(evs(1, 2, "rtc-2"))), { 1, 2 })
  check.eq(f:stats().nodes["rtc-1"].seq, 3)
end

-- defect 1 of issue 19: skynet.register lives in skynet.manager; a service that only requires "skynet"
-- dies at start. The receiver must require what it calls (and compile).
function T.the_receiver_requires_skynet_manager_for_what_lives_there()
  local f = assert(io.open("service/rtc_cluster.lua"))
  local src = f:read("a")
  f:close()
  assert(load(src, "@service/rtc_cluster.lua", "t", {}))
  src = src:gsub("%-%-[^\n]*", "") -- comments do not count
  local manager = { register = true, name = true, kill = true, abort = true, launch = true }
  local requires_manager = src:find('require%s*%(?%s*"skynet%.manager"') ~= nil
  for fn in src:gmatch("skynet%.([%a_]+)%s*%(") do
    if manager[fn] then check.truthy(requires_manager, "skynet." .. fn .. " needs require \"skynet.manager\"") end
  end
  check.truthy(src:find("skynet%.register%s*%(") ~= nil, "the receiver registers its names")
end

return T
