-- test/test_services.lua's game service: appends each event's seq to the list it is given
local skynet = require "skynet"
require "skynet.manager"
local seen = ...
skynet.start(function()
  skynet.dispatch("lua", function(_, _, cmd, arg)
    if cmd == "room_events" then
      for _, ev in ipairs(arg) do seen[#seen + 1] = ev.seq end
    elseif cmd == "room_event" then
      seen[#seen + 1] = arg.seq
    end
  end)
  skynet.register(".rtc_events")
end)
