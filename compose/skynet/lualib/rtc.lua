-- Game-side API for skyrtc, inside a skynet node that runs service/rtc_watchdog.lua.
--
--   local rtc = require "rtc"
--   local ok, res = rtc.kick("match-42", peer, "cheating")   -- ok=false: res = {code, message}
--   rtc.close_room("match-42", "match over")
--   rtc.send("match-42", nil, { round = 2 })                  -- to every peer, as data from "server"
--   local ok, res = rtc.list_rooms()                          -- res.rooms
--   local ok, res = rtc.room_info("match-42")                 -- res.peers
--
-- With several skyrtc nodes connected, pass the node (an event's `node`) as the last argument.
--
-- Cluster mode: service/rtc_cluster.lua registers ".rtc" too and runs these commands with
-- cluster.call(node, "@skyrtc", ...), `node` being skyrtc's name in your cluster config (default: the
-- receiver's second argument). Same results, plus {code = "not-connected" | "timeout"} when skyrtc
-- cannot be reached or does not answer within 5 s. Run the gate watchdog or the receiver, not both.
local skynet = require "skynet"

local rtc = {}
local WATCHDOG = ".rtc"

local function command(node, name, data)
  return skynet.call(WATCHDOG, "lua", "command", node, name, data)
end

function rtc.kick(room, peer, reason, node)
  return command(node, "kick", { room = room, peer = peer, reason = reason })
end

function rtc.close_room(room, reason, node)
  return command(node, "close-room", { room = room, reason = reason })
end

function rtc.send(room, to, payload, node)
  return command(node, "send", { room = room, to = to, payload = payload })
end

function rtc.list_rooms(node)
  return command(node, "list-rooms", {})
end

function rtc.room_info(room, node)
  return command(node, "room-info", { room = room })
end

-- Names of the skyrtc nodes connected now.
function rtc.nodes()
  return skynet.call(WATCHDOG, "lua", "nodes")
end

return rtc
