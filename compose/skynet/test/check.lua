-- Assertions for the Lua tests: eq compares deeply and says where two values differ.
local check = {}

local function describe(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v) .. (math.type(v) and " (" .. math.type(v) .. ")" or "")
end

local function diff(a, b, path)
  if type(a) == "table" and type(b) == "table" then
    for k, v in pairs(a) do
      local d = diff(v, b[k], path .. "." .. tostring(k))
      if d then return d end
    end
    for k in pairs(b) do
      if a[k] == nil then return path .. "." .. tostring(k) .. ": missing on the left" end
    end
    return nil
  end
  if a ~= b or math.type(a) ~= math.type(b) then
    return path .. ": " .. describe(a) .. " ~= " .. describe(b)
  end
  return nil
end

function check.eq(actual, expected, what)
  local d = diff(actual, expected, what or "value")
  if d then error(d, 2) end
end

function check.truthy(v, what)
  if not v then error((what or "value") .. " is " .. tostring(v), 2) end
end

return check
