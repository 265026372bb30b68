-- A static check for skynet Lua files: every `skynet.NAME` a file uses must exist in the modules it
-- requires. `register`, `name`, `kill`, `abort`, `launch` ... live in `skynet.manager`, not in
-- `skynet`; a service that calls them after only `require "skynet"` dies at start with "attempt to
-- call a nil value (field 'register')". The API tables are written down here from cloudwu/skynet
-- (lualib/skynet.lua and lualib/skynet/manager.lua, commit f19d1605).
local api = {}

api.SKYNET = {}
for name in ([[
  PTYPE_TEXT PTYPE_RESPONSE PTYPE_MULTICAST PTYPE_CLIENT PTYPE_SYSTEM PTYPE_HARBOR PTYPE_SOCKET
  PTYPE_ERROR PTYPE_QUEUE PTYPE_DEBUG PTYPE_LUA PTYPE_SNAX PTYPE_TRACE
  _proto address cache call context dispatch dispatch_message dispatch_unknown_request
  dispatch_unknown_response endless error exit fork genid getenv harbor hpc ignoreret init
  init_service killthread localname memlimit mqlen newservice now pack packstring pcall
  queryservice rawcall rawsend redirect register_protocol response ret retpack self send setenv
  sleep start starttime stat task term time timeout tostring trace trace_timeout tracecall tracelog
  traceproto tracetag trash uniqtask uniqueservice unpack wait wakeup yield
]]):gmatch("%S+") do api.SKYNET[name] = true end

-- installed into the skynet table by require "skynet.manager"
api.MANAGER = {}
for name in ("abort filter forward_type kill launch monitor name register"):gmatch("%S+") do
  api.MANAGER[name] = true
end

-- Lua source without comments and string literals (their text is not code), lines kept.
local function code_only(src)
  src = src:gsub("%-%-%[(=*)%[.-%]%1%]", function(c) return (c:gsub("[^\n]", "")) end)
  src = src:gsub("%[(=*)%[.-%]%1%]", function(c) return '""' .. (c:gsub("[^\n]", "")) end)
  src = src:gsub("%-%-[^\n]*", "")
  src = src:gsub('"[^"\n\\]*(\\.[^"\n\\]*)*"', '""')
  src = src:gsub('"[^"\n]-"', '""')
  src = src:gsub("'[^'\n]-'", "''")
  return src
end

-- Problems in one chunk of Lua source: a list of "where:line: message" (line numbers from first_line).
function api.check(src, where, first_line)
  local problems = {}
  local requires = {}
  for mod in src:gmatch("require%s*%(?%s*[\"']([%w%._]+)[\"']") do requires[mod] = true end
  local code = code_only(src)
  local line = first_line or 1
  local pos = 1
  for start, name in code:gmatch("%f[%w_%.:]()skynet%.([%a_][%w_]*)") do
    local _, nl = code:sub(pos, start):gsub("\n", "")
    line, pos = line + nl, start + 1
    if not requires["skynet"] then
      problems[#problems + 1] = string.format('%s:%d: skynet.%s without require "skynet"', where, line, name)
    elseif not api.SKYNET[name] then
      if api.MANAGER[name] then
        if not requires["skynet.manager"] then
          problems[#problems + 1] = string.format('%s:%d: skynet.%s needs require "skynet.manager"', where, line, name)
        end
      else
        problems[#problems + 1] = string.format("%s:%d: skynet.%s is not in skynet's API", where, line, name)
      end
    end
  end
  return problems
end

-- skynet's gate hands each client packet over with session = fd: a client protocol whose dispatch
-- does not call skynet.ignoreret() makes skynet log "Maybe forgot response session ..." per packet.
function api.check_client_dispatch(src, where)
  local problems = {}
  local code = code_only(src)
  for block in code:gmatch("register_protocol%s*(%b{})") do
    -- (a registration without dispatch only names the type for sending: nothing to answer)
    if block:find("PTYPE_CLIENT", 1, true) and block:find("dispatch", 1, true)
        and not block:find("skynet.ignoreret()", 1, true) then
      problems[#problems + 1] = where .. ": the client protocol's dispatch does not call skynet.ignoreret()"
    end
  end
  return problems
end

-- The ```lua blocks of a markdown file, each as {line = first line, src = text}.
function api.lua_blocks(markdown)
  local blocks, current, n = {}, nil, 0
  for text in (markdown .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    if current then
      if text:match("^%s*```%s*$") then
        blocks[#blocks + 1] = current
        current = nil
      else
        current.src = current.src .. text .. "\n"
      end
    elseif text:match("^%s*```lua%s*$") then
      current = { line = n + 1, src = "" }
    end
  end
  return blocks
end

return api
