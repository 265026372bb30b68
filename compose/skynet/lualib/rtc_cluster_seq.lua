-- Duplicate and gap filter for skyrtc's room events in cluster mode, without skynet (tested with plain
-- lua5.4: test/test_cluster_seq.lua). Per skyrtc node it keeps the incarnation and the highest seq
-- handed to the game service. skyrtc delivers at least once, in order: after a reconnect it says hello
-- and re-sends what it had no answer for, with the same seq; a new incarnation means skyrtc restarted
-- and its seq starts again at 1.
local M = {}
M.__index = M

-- log(fmt, ...) gets the gap reports (skynet.error in the service).
function M.new(log)
  return setmetatable({ nodes = {}, log = log or function() end, duplicates = 0, gaps = 0, missing = 0 }, M)
end

-- hello = {node, incarnation, ackedSeq, lastSeq}. `handled` (optional) is the last seq the game service
-- itself says it handled for this incarnation (it may keep that across a restart of this node).
-- An incarnation we do not know starts from what skyrtc says was acknowledged: everything up to
-- ackedSeq was answered, so it reached a receiver, ours or the one before a restart of this node.
function M:hello(hello, handled)
  local m = self.nodes[hello.node]
  if m and m.incarnation == hello.incarnation then
    return m.seq
  end
  local base = hello.ackedSeq or 0
  if handled and handled > base then base = handled end
  self.nodes[hello.node] = { incarnation = hello.incarnation, seq = base }
  return base
end

-- events: an array of events (each with node and seq), in the order skyrtc sent them. Returns the
-- array of those not handed over before, in order (the same table when all are new).
function M:filter(events)
  local out, all_new = {}, true
  for i = 1, #events do
    local ev = events[i]
    local m = self.nodes[ev.node]
    if not m then
      -- no hello from this node yet (skyrtc always says hello first; a hand-written sender may not)
      m = { incarnation = nil, seq = ev.seq - 1 }
      self.nodes[ev.node] = m
    end
    if ev.seq <= m.seq then
      self.duplicates = self.duplicates + 1
      all_new = false
    else
      if ev.seq > m.seq + 1 then
        self.gaps = self.gaps + 1
        self.missing = self.missing + (ev.seq - m.seq - 1)
        self.log("rtc: events %d..%d from skyrtc %s never came (dropped by its outbox overflow policy)",
          m.seq + 1, ev.seq - 1, tostring(ev.node))
      end
      m.seq = ev.seq
      out[#out + 1] = ev
    end
  end
  if all_new then return events end
  return out
end

-- What the filter knows, for a status command.
function M:stats()
  local nodes = {}
  for node, m in pairs(self.nodes) do
    nodes[node] = { incarnation = m.incarnation, seq = m.seq }
  end
  return { nodes = nodes, duplicates = self.duplicates, gaps = self.gaps, missing = self.missing }
end

return M
