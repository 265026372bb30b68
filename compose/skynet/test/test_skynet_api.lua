local api = require "skynet_api"
local check = require "check"
local T = {}

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function lua_files()
  local files = {}
  local p = assert(io.popen("ls service/*.lua lualib/*.lua bench/*.lua 2>/dev/null"))
  for f in p:lines() do files[#files + 1] = f end
  p:close()
  return files
end

function T.the_check_catches_a_manager_call_without_its_require()
  local bad = 'local skynet = require "skynet"\nskynet.start(function()\n  skynet.register(".x")\nend)\n'
  check.eq(api.check(bad, "bad.lua"), { 'bad.lua:3: skynet.register needs require "skynet.manager"' })
  check.eq(api.check('local skynet = require "skynet"\nrequire "skynet.manager"\nskynet.register(".x")', "ok"), {})
  check.eq(api.check('local skynet = require "skynet"\nskynet.regster(".x")', "typo"),
    { "typo:2: skynet.regster is not in skynet's API" })
  check.eq(api.check('local skynet = require "skynet"\n-- skynet.register(".x")\nlocal s = "skynet.kill"', "c"), {},
    "comments and strings are not code")
  check.eq(api.check('local socket = require "skynet.socket"\nsocket.write(1, "x")', "s"), {})
end

function T.every_shipped_lua_file_uses_only_what_it_requires()
  local files = lua_files()
  check.truthy(#files >= 4, "found the shipped files")
  local problems = {}
  for _, f in ipairs(files) do
    for _, p in ipairs(api.check(read(f), f)) do problems[#problems + 1] = p end
  end
  check.eq(table.concat(problems, "\n"), "")
end

function T.client_packets_are_not_answered()
  local bad = 'skynet.register_protocol { name = "client", id = skynet.PTYPE_CLIENT,\n'
    .. '  dispatch = function(_, _, msg) handle(msg) end }'
  check.eq(#api.check_client_dispatch(bad, "bad"), 1)
  local good = bad:gsub("handle%(msg%)", "skynet.ignoreret() handle(msg)")
  check.eq(api.check_client_dispatch(good, "good"), {})
  local problems = {}
  for _, f in ipairs(lua_files()) do
    for _, p in ipairs(api.check_client_dispatch(read(f), f)) do problems[#problems + 1] = p end
  end
  check.eq(table.concat(problems, "\n"), "")
end

function T.every_lua_example_in_the_docs_uses_only_what_it_requires()
  local problems, blocks = {}, 0
  for _, doc in ipairs({ "README.md", "../../docs/ACTOR-CORE.md" }) do
    for _, b in ipairs(api.lua_blocks(read(doc))) do
      blocks = blocks + 1
      for _, p in ipairs(api.check(b.src, doc, b.line)) do problems[#problems + 1] = p end
    end
  end
  check.truthy(blocks >= 3, "found the examples")
  check.eq(table.concat(problems, "\n"), "")
end

return T
