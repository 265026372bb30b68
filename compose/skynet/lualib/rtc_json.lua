-- A small, strict JSON codec for the skyrtc link (Lua 5.3/5.4, no C modules).
--
-- Why not lua-cjson: cjson decodes every number as a double, and skyrtc's event ids are 64-bit
-- integers (snowflakes above 2^53) that a double cannot hold exactly. Here integers stay integers.
--
--   json.decode(text)  -> value, or nil + error message (never raises on bad input)
--   json.encode(value) -> text (raises on values JSON cannot carry: functions, NaN, mixed tables)
--   json.null          -> the value of JSON null inside arrays/objects
--   json.array(t)      -> marks t as an array, so an empty table encodes as [] instead of {}

local json = {}

local null = setmetatable({}, { __tostring = function() return "json.null" end })
json.null = null

local array_mt = { __name = "json.array" }
function json.array(t)
  return setmetatable(t or {}, array_mt)
end

-- encoding ---------------------------------------------------------------------------------------

local escapes = {
  ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
  ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t',
}

local function encode_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function array_length(t)
  if getmetatable(t) == array_mt then
    return #t
  end
  local n = 0
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 then
      return nil
    end
    if k > n then n = k end
  end
  if n == 0 then
    return nil -- an empty, unmarked table is an object
  end
  for i = 1, n do
    if t[i] == nil then
      error("json.encode: sparse array (index " .. i .. " is nil)")
    end
  end
  return n
end

local encode_value

local function encode_table(t, out, depth)
  if depth > 64 then
    error("json.encode: nesting deeper than 64")
  end
  local n = array_length(t)
  if n then
    out[#out + 1] = "["
    for i = 1, n do
      if i > 1 then out[#out + 1] = "," end
      encode_value(t[i], out, depth + 1)
    end
    out[#out + 1] = "]"
    return
  end
  local keys = {}
  for k in pairs(t) do
    if type(k) ~= "string" then
      error("json.encode: object key of type " .. type(k) .. " (keys must be strings)")
    end
    keys[#keys + 1] = k
  end
  table.sort(keys) -- stable output, easy to test and diff
  out[#out + 1] = "{"
  for i, k in ipairs(keys) do
    if i > 1 then out[#out + 1] = "," end
    out[#out + 1] = encode_string(k)
    out[#out + 1] = ":"
    encode_value(t[k], out, depth + 1)
  end
  out[#out + 1] = "}"
end

encode_value = function(v, out, depth)
  local ty = type(v)
  if v == nil or v == null then
    out[#out + 1] = "null"
  elseif ty == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif ty == "number" then
    if math.type(v) == "integer" then
      out[#out + 1] = string.format("%d", v)
    elseif v ~= v or v == math.huge or v == -math.huge then
      error("json.encode: " .. tostring(v) .. " is not a JSON number")
    else
      out[#out + 1] = string.format("%.17g", v)
    end
  elseif ty == "string" then
    out[#out + 1] = encode_string(v)
  elseif ty == "table" then
    encode_table(v, out, depth)
  else
    error("json.encode: cannot encode a " .. ty)
  end
end

function json.encode(v)
  local out = {}
  encode_value(v, out, 0)
  return table.concat(out)
end

-- decoding ---------------------------------------------------------------------------------------

local Parser = {}
Parser.__index = Parser

function Parser:fail(msg)
  error({ json_error = "json.decode: " .. msg .. " at byte " .. self.pos }, 0)
end

function Parser:skip()
  self.pos = self.text:find("[^ \t\r\n]", self.pos) or (#self.text + 1)
end

function Parser:string()
  local text, pos, parts = self.text, self.pos + 1, {}
  while true do
    local stop = text:find('["\\%c]', pos)
    if not stop then self:fail("unterminated string") end
    parts[#parts + 1] = text:sub(pos, stop - 1)
    local c = text:sub(stop, stop)
    if c == '"' then
      self.pos = stop + 1
      return table.concat(parts)
    elseif c == "\\" then
      local e = text:sub(stop + 1, stop + 1)
      local simple = ({ ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" })[e]
      if simple then
        parts[#parts + 1] = simple
        pos = stop + 2
      elseif e == "u" then
        local hex = text:match("^%x%x%x%x", stop + 2)
        if not hex then self.pos = stop; self:fail("bad \\u escape") end
        local cp = tonumber(hex, 16)
        pos = stop + 6
        if cp >= 0xD800 and cp <= 0xDBFF then
          local lo = text:match("^\\u(%x%x%x%x)", pos)
          local low = lo and tonumber(lo, 16)
          if not low or low < 0xDC00 or low > 0xDFFF then self.pos = stop; self:fail("lone surrogate") end
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00)
          pos = pos + 6
        elseif cp >= 0xDC00 and cp <= 0xDFFF then
          self.pos = stop; self:fail("lone surrogate")
        end
        parts[#parts + 1] = utf8.char(cp)
      else
        self.pos = stop; self:fail("bad escape \\" .. e)
      end
    else
      self.pos = stop; self:fail("control character in string")
    end
  end
end

-- -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][-+]?[0-9]+)? ; integers that fit 64 bits stay integers
function Parser:number()
  local text, start = self.text, self.pos
  local p = start
  if text:sub(p, p) == "-" then p = p + 1 end
  local int = text:match("^%d+", p)
  if not int or (#int > 1 and int:sub(1, 1) == "0") then self:fail("bad number") end
  p = p + #int
  local integral = true
  if text:sub(p, p) == "." then
    local frac = text:match("^%.%d+", p)
    if not frac then self:fail("bad number") end
    p, integral = p + #frac, false
  end
  if text:sub(p, p):match("[eE]") then
    local exp = text:match("^[eE][-+]?%d+", p)
    if not exp then self:fail("bad number") end
    p, integral = p + #exp, false
  end
  local s = text:sub(start, p - 1)
  self.pos = p
  if integral then
    local i = math.tointeger(tonumber(s))
    if i and string.format("%d", i) == (s == "-0" and "0" or s) then
      return i
    end
  end
  return tonumber(s) + 0.0 -- a fraction, an exponent, or beyond 64 bits
end

function Parser:value(depth)
  if depth > 64 then self:fail("nesting deeper than 64") end
  self:skip()
  local text, pos = self.text, self.pos
  local c = text:sub(pos, pos)
  if c == "{" then
    local obj = {}
    self.pos = pos + 1
    self:skip()
    if text:sub(self.pos, self.pos) == "}" then self.pos = self.pos + 1; return obj end
    while true do
      self:skip()
      if text:sub(self.pos, self.pos) ~= '"' then self:fail("expected a string key") end
      local k = self:string()
      self:skip()
      if text:sub(self.pos, self.pos) ~= ":" then self:fail("expected ':'") end
      self.pos = self.pos + 1
      obj[k] = self:value(depth + 1)
      self:skip()
      local d = text:sub(self.pos, self.pos)
      self.pos = self.pos + 1
      if d == "}" then return obj end
      if d ~= "," then self.pos = self.pos - 1; self:fail("expected ',' or '}'") end
    end
  elseif c == "[" then
    local arr, n = json.array({}), 0
    self.pos = pos + 1
    self:skip()
    if text:sub(self.pos, self.pos) == "]" then self.pos = self.pos + 1; return arr end
    while true do
      n = n + 1
      arr[n] = self:value(depth + 1)
      self:skip()
      local d = text:sub(self.pos, self.pos)
      self.pos = self.pos + 1
      if d == "]" then return arr end
      if d ~= "," then self.pos = self.pos - 1; self:fail("expected ',' or ']'") end
    end
  elseif c == '"' then
    return self:string()
  elseif c == "-" or c:match("%d") then
    return self:number()
  elseif text:sub(pos, pos + 3) == "true" then
    self.pos = pos + 4; return true
  elseif text:sub(pos, pos + 4) == "false" then
    self.pos = pos + 5; return false
  elseif text:sub(pos, pos + 3) == "null" then
    self.pos = pos + 4; return null
  end
  self:fail(c == "" and "unexpected end of input" or "unexpected '" .. c .. "'")
end

function json.decode(text)
  if type(text) ~= "string" then
    return nil, "json.decode: expected a string, got " .. type(text)
  end
  local p = setmetatable({ text = text, pos = 1 }, Parser)
  local ok, result = pcall(function()
    local v = p:value(0)
    p:skip()
    if p.pos <= #text then p:fail("trailing characters") end
    return v
  end)
  if ok then
    return result
  end
  if type(result) == "table" and result.json_error then
    return nil, result.json_error
  end
  error(result, 0) -- a bug here, not bad input
end

return json
