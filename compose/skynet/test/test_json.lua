local json = require "rtc_json"
local check = require "check"
local T = {}

function T.decodes_what_skyrtc_sends()
  local text = '{"name":"peer.joined","data":{"id":8421312335085015041,"time":"2026-11-21T14:00:00.123Z",'
    .. '"node":"rtc-1","room":"match-42","peer":"p_7Hq","meta":{"team":"red","lvl":3},"seq":17}}'
  local v = assert(json.decode(text))
  check.eq(v.data.id, 8421312335085015041, "id")       -- 64-bit, exact: why this codec and not cjson
  check.eq(math.type(v.data.id), "integer")
  check.eq(v.data.seq, 17)
  check.eq(v.data.meta, { team = "red", lvl = 3 })
end

function T.round_trips_values()
  for _, text in ipairs({ '[]', '{}', '[1,-2,0,3.25,1e+20,"",true,false,null]', '{"a":{"b":[{"c":"d"}]}}',
                          '9223372036854775807', '-9223372036854775808', '"\\u00e9\\ud83d\\ude00\\n\\"\\\\"' }) do
    local v = json.decode(text)
    check.eq(json.decode(json.encode(v)), v, text)
  end
  check.eq(json.encode(json.decode('[]')), '[]')
  check.eq(json.encode(json.decode('{}')), '{}')
end

function T.numbers_keep_their_kind()
  check.eq(json.decode("7"), 7)
  check.eq(math.type(json.decode("7.0")), "float")
  check.eq(math.type(json.decode("1e3")), "float")
  check.eq(math.type(json.decode("9223372036854775808")), "float") -- beyond 64 bits
  check.eq(json.decode("-0"), 0)
  check.eq(json.encode(2 ^ 53 + 0.0), "9007199254740992")
  check.eq(json.encode(0.1), "0.10000000000000001")
end

function T.strings_escape_and_unescape()
  check.eq(json.encode("a\"b\\c\n\1"), '"a\\"b\\\\c\\n\\u0001"')
  check.eq(json.decode('"\\u00e9"'), "é")
  check.eq(json.decode('"\\ud83d\\ude00"'), "😀")
  check.eq(json.decode('"\\/"'), "/")
  check.eq(json.encode("é😀"), '"é😀"') -- UTF-8 passes through
end

function T.encodes_objects_with_sorted_keys_and_marked_arrays()
  check.eq(json.encode({ b = 1, a = { 1, 2 }, c = json.array() }), '{"a":[1,2],"b":1,"c":[]}')
  check.eq(json.encode({ x = json.null }), '{"x":null}')
end

function T.refuses_what_json_cannot_carry()
  for _, bad in ipairs({ function() end, 0 / 0, math.huge, { [1] = 1, [3] = 3 }, { [true] = 1 } }) do
    check.truthy(not pcall(json.encode, bad), "encode " .. tostring(bad))
  end
  local deep = {}
  local t = deep
  for _ = 1, 70 do t[1] = {}; t = t[1] end
  check.truthy(not pcall(json.encode, deep), "70 levels")
end

function T.bad_input_is_an_error_value_never_a_crash()
  for _, bad in ipairs({ "", "{", "[1,]", '{"a":1,}', "01", "1.", ".5", "+1", "1e", '"abc', '"\\x"',
                         '"\\ud800"', '"a\nb"', "nul", "tru", "[1 2]", '{"a" 1}', "{1:2}", "1 2",
                         string.rep("[", 70) .. string.rep("]", 70) }) do
    local v, err = json.decode(bad)
    check.eq(v, nil, bad)
    check.truthy(err and err:match("^json.decode: "), "error for " .. bad)
  end
  local v, err = json.decode(nil)
  check.eq(v, nil)
  check.truthy(err:match("expected a string"))
end

return T
