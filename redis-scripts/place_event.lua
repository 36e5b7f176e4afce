-- place_event.lua: makes Redis's live state of an event agree with its record (PostgreSQL), without ever giving
-- back stock that was granted. Used to create an event, to change its window or stock (a top-up), at startup, and to
-- repair Redis after it lost data (restarted without its AOF, flushed, failed over to a replica that was behind).
--
-- KEYS (same hash tag):  KEYS[1] fs:{CODE}:stock   KEYS[2] fs:{CODE}:window   KEYS[3] fs:{CODE}:grants
-- ARGV:
--   ARGV[1] stock of the record (integer >= 1)
--   ARGV[2] opensAt (unix ms, or '')   ARGV[3] closesAt (unix ms, or '')   ARGV[4] closed ('1' or '')
--   ARGV[5] the record's version: the window (and the stock it was placed with) is replaced only by the same or a
--           newer version, so concurrent changes and an instance starting up with an old read converge on the last
--           committed change
--   ARGV[6] '1' on the last call of a repair (or a plain placement), '0' while grants are still being sent
--   ARGV[7..n] member id, claim id pairs the record holds a coupon for (a page of them); granted in Redis too
-- Invariant kept: remaining = stock - |grants|. Remaining is set when the stock key is missing (on the last call),
-- lowered when it is above that (Redis forgot grants the record has), and raised only by a newer version of the
-- record with more stock than the one held (a top-up: the difference is added, atomically with claims).
-- Returns { how: 0 unchanged, 1 placed (was missing), 2 lowered (Redis was behind the record), 3 raised (top-up);
--           grants; remaining }.
--
-- Try it:  redis-cli --eval redis-scripts/place_event.lua 'fs:{DEMO}:stock' 'fs:{DEMO}:window' 'fs:{DEMO}:grants' , 3 '' '' '' 1 1

local stock, version, last = tonumber(ARGV[1]), tonumber(ARGV[5]), ARGV[6] == '1'

local how = 0
local held = tonumber(redis.call('HGET', KEYS[2], 'version') or '0')
if version >= held then
  local heldStock = tonumber(redis.call('HGET', KEYS[2], 'stock') or '0')
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], 'version', version, 'stock', stock)
  if ARGV[2] ~= '' then redis.call('HSET', KEYS[2], 'opensAt', ARGV[2]) end
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], 'closesAt', ARGV[3]) end
  if ARGV[4] == '1' then redis.call('HSET', KEYS[2], 'closed', '1') end
  if heldStock > 0 and stock > heldStock and redis.call('EXISTS', KEYS[1]) == 1 then
    redis.call('INCRBY', KEYS[1], stock - heldStock)
    how = 3
  end
end

for i = 7, #ARGV, 1000 do
  redis.call('HSET', KEYS[3], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end

local grants = redis.call('HLEN', KEYS[3])
local target = stock - grants
local left = redis.call('GET', KEYS[1])
if not left then
  if last then
    redis.call('SET', KEYS[1], target)
    how = 1
  end
elseif tonumber(left) > target then
  redis.call('SET', KEYS[1], target)
  how = 2
end
return { how, grants, tonumber(redis.call('GET', KEYS[1]) or target) }
