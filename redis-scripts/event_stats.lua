-- event_stats.lua: one consistent read of an event's live numbers (one round trip, one slot).
--
-- KEYS[1] fs:{CODE}:stock  KEYS[2] fs:{CODE}:grants  KEYS[3] fs:{CODE}:outcomes  KEYS[4] fs:{CODE}:outbox
-- KEYS[5] fs:{CODE}:window
-- Returns { remaining or false when unknown, issued count (the grants), refusal counters as a flat field/value list
--           (claim.lua counts refusals there; grants are counted by the grants hash itself), outbox length, version of
--           the window held (0 when none) }
local stock = redis.call('GET', KEYS[1])
return { stock, redis.call('HLEN', KEYS[2]), redis.call('HGETALL', KEYS[3]), redis.call('XLEN', KEYS[4]),
         tonumber(redis.call('HGET', KEYS[5], 'version') or '0') }
