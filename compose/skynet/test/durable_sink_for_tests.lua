-- test/test_services.lua's game service for ack "call": keeps what it handled in `store` (which outlives
-- the fake node, as a file would) and answers rtc_last_seq from it. Records each event on receipt, then
-- takes `store.delay` centiseconds (a slow write) before it returns.
local skynet = require "skynet"
require "skynet.manager"
local store = ...
store.seen, store.last, store.current = store.seen or {}, store.last or {}, store.current or {}
skynet.start(function()
  skynet.dispatch("lua", function(_, _, cmd, arg, incarnation)
    if cmd == "rtc_last_seq" then
      store.current[arg] = incarnation
      store.last[arg] = store.last[arg] or {}
      return skynet.retpack(store.last[arg][incarnation])
    end
    for _, ev in ipairs(cmd == "room_events" and arg or { arg }) do
      store.seen[#store.seen + 1] = ev.seq
      store.last[ev.node][store.current[ev.node]] = ev.seq
    end
    if store.delay then skynet.sleep(store.delay) end
    skynet.ret()
  end)
  skynet.register(".rtc_events")
end)
