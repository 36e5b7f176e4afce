-- place_event.lua: puts an event's stock and opening window into Redis so claims can run against it.
-- Idempotent: the stock is set only if absent, so placing again (on restart, or from a second app instance)
-- never refills a sale in progress. The window is replaced, so a changed window takes effect.
--
-- KEYS[1] fs:{CODE}:stock   KEYS[2] fs:{CODE}:window          (same hash tag)
-- ARGV[1] stock (integer >= 1)
-- ARGV[2] opensAt (unix ms, or '' for none)   ARGV[3] closesAt (unix ms, or '' for none)
-- ARGV[4] closed ('1' when closed, else '')
-- Returns 1 when the stock was placed now, 0 when it was already there.
local placed = redis.call('SET', KEYS[1], ARGV[1], 'NX')
redis.call('DEL', KEYS[2])
if ARGV[2] ~= '' then redis.call('HSET', KEYS[2], 'opensAt', ARGV[2]) end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], 'closesAt', ARGV[3]) end
if ARGV[4] == '1' then redis.call('HSET', KEYS[2], 'closed', '1') end
if placed then return 1 end
return 0
