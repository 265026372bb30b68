-- Runs every test_*.lua given on the command line (or the default set) with plain lua5.4:
--   cd compose/skynet && lua5.4 test/run.lua
-- Exit status 0 only when every test passed.
package.path = "lualib/?.lua;test/?.lua;" .. package.path

local files = { ... }
if #files == 0 then
  files = { "test/test_json.lua", "test/test_proto.lua", "test/test_skynet_api.lua", "test/test_services.lua",
            "test/test_cluster_seq.lua" }
end

local passed, failed = 0, 0
for _, file in ipairs(files) do
  local tests = dofile(file)
  local names = {}
  for name in pairs(tests) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    local ok, err = xpcall(tests[name], debug.traceback)
    if ok then
      passed = passed + 1
    else
      failed = failed + 1
      io.stderr:write(string.format("FAIL %s %s\n%s\n", file, name, err))
    end
  end
end
print(string.format("lua tests: %d passed, %d failed", passed, failed))
os.exit(failed == 0 and passed > 0 and 0 or 1)
