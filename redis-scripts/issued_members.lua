-- issued_members.lua: one page of an event's issued set, for reconciliation (SSCAN, so a large set never blocks).
--
-- KEYS[1] fs:{CODE}:issued
-- ARGV[1] cursor ('0' to start)   ARGV[2] count hint
-- Returns { next cursor ('0' when done), {member, ...} }
return redis.call('SSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
