-- place_event.lua: makes Redis's live state of an event agree with its record (PostgreSQL), without ever giving
-- back stock that was granted. Used to create an event, to change its window, at startup, and to repair Redis after
-- it lost data (restarted without its AOF, flushed, failed over to a replica that was behind).
--
-- KEYS (same hash tag):  KEYS[1] fs:{CODE}:stock   KEYS[2] fs:{CODE}:window   KEYS[3] fs:{CODE}:issued
-- ARGV:
--   ARGV[1] stock of the record (integer >= 1)
--   ARGV[2] opensAt (unix ms, or '')   ARGV[3] closesAt (unix ms, or '')   ARGV[4] closed ('1' or '')
--   ARGV[5] the record's version: the window is replaced only by the same or a newer version, so concurrent
--           opens/closes and an instance starting up with an old read converge on the last committed change
--   ARGV[6] '1' on the last call of a repair (or a plain placement), '0' while members are still being sent
--   ARGV[7..n] members the record holds a coupon for (a page of them); they are granted in Redis too
-- Invariant kept: remaining = stock - |issued|. Remaining is only ever set when the stock key is missing (on the
-- last call) or lowered when it is above that (Redis forgot grants the record has); it is never raised.
-- Returns { how: 0 unchanged, 1 placed (was missing), 2 lowered (Redis was behind the record); issued; remaining }.
--
-- Try it:  redis-cli --eval redis-scripts/place_event.lua 'fs:{DEMO}:stock' 'fs:{DEMO}:window' 'fs:{DEMO}:issued' , 3 '' '' '' 1 1

local stock, version, last = tonumber(ARGV[1]), tonumber(ARGV[5]), ARGV[6] == '1'

local held = tonumber(redis.call('HGET', KEYS[2], 'version') or '0')
if version >= held then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], 'version', version)
  if ARGV[2] ~= '' then redis.call('HSET', KEYS[2], 'opensAt', ARGV[2]) end
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], 'closesAt', ARGV[3]) end
  if ARGV[4] == '1' then redis.call('HSET', KEYS[2], 'closed', '1') end
end

for i = 7, #ARGV, 500 do
  redis.call('SADD', KEYS[3], unpack(ARGV, i, math.min(i + 499, #ARGV)))
end

local issued = redis.call('SCARD', KEYS[3])
local target = stock - issued
local left = redis.call('GET', KEYS[1])
local how = 0
if not left then
  if last then
    redis.call('SET', KEYS[1], target)
    how = 1
  end
elseif tonumber(left) > target then
  redis.call('SET', KEYS[1], target)
  how = 2
end
return { how, issued, tonumber(redis.call('GET', KEYS[1]) or target) }
