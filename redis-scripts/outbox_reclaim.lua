-- outbox_reclaim.lua: takes over entries another relay read but never acknowledged (it crashed or hung), once they
-- have been idle for ARGV[3] ms. The caller then sends them again; the sink's idempotent insert absorbs any
-- message the dead relay had already sent.
--
-- KEYS[1] fs:{CODE}:outbox
-- ARGV[1] group   ARGV[2] consumer   ARGV[3] min idle ms   ARGV[4] count
-- Returns { {id, {field, value, ...}}, ... } (possibly empty)
local ok, reply = pcall(redis.call, 'XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', ARGV[4])
if not ok then return {} end   -- no group yet: nothing was ever read, so nothing to reclaim
return reply[2]
