-- claim.lua: one member claims one coupon of one flash-sale event, in one atomic step.
--
-- Redis runs a script to completion before any other command, so the check (already issued? known event?
-- open? stock left?) and the write (decrement, record the member, append to the outbox) cannot interleave
-- with another claim: no oversell, no member twice, no retries.
--
-- KEYS (all carry the event's hash tag {CODE}, so they share one slot and the script runs on Redis Cluster):
--   KEYS[1] fs:{CODE}:stock     string  remaining stock; absent => the event is unknown here
--   KEYS[2] fs:{CODE}:grants    hash    member id -> claim id, for every member granted a coupon (the claim id is
--                                       what the member's coupon code is read from)
--   KEYS[3] fs:{CODE}:window    hash    opensAt, closesAt (unix ms, each optional); closed = "1" once closed
--   KEYS[4] fs:{CODE}:outcomes  hash    refusal counters: duplicate, soldOut, notOpen (issued is the size of the
--                                       grants hash: one write less per grant)
--   KEYS[5] fs:{CODE}:outbox    stream  one entry per issued coupon (claimId, memberId; the entry id's time is the
--                                       grant time); the relay carries it to Kafka
-- ARGV:
--   ARGV[1] member id (the member a verified ticket names: 1-255 printable characters; only ever a hash field)
--   ARGV[2] claim id (80 random bits, 16 Crockford base-32 characters: the member's coupon code is read from it)
-- Returns:
--   n >= 0  issued: n is the stock left after this claim
--   -1 not found    -2 sold out    -3 duplicate (this member already has one)    -4 not open (before
--   opensAt, at/after closesAt, or closed by an operator)
-- Nothing is written for an unknown event, so random codes cannot create keys.
-- Rejections never touch the grants (a common pattern adds then removes the member; checking first halves the
-- writes that replicas and the AOF see when most callers are turned away, as they are in a flash sale).
--
-- Try it:  redis-cli SET 'fs:{DEMO}:stock' 3
--          redis-cli --eval redis-scripts/claim.lua 'fs:{DEMO}:stock' 'fs:{DEMO}:grants' 'fs:{DEMO}:window' \
--                    'fs:{DEMO}:outcomes' 'fs:{DEMO}:outbox' , member-1 7KQ2M9XD4TPA1ZVB

if not ARGV[2] or ARGV[2] == '' then
  return redis.error_reply('ARGV[2], the claim id, is required')
end

local stock = redis.call('GET', KEYS[1])
if not stock then
  return -1
end

if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  redis.call('HINCRBY', KEYS[4], 'duplicate', 1)
  return -3
end

-- the clock is read only when the sale has a window (most flash sales are opened and closed by hand)
local window = redis.call('HMGET', KEYS[3], 'opensAt', 'closesAt', 'closed')
local opensAt, closesAt = tonumber(window[1]), tonumber(window[2])
if window[3] == '1' then
  redis.call('HINCRBY', KEYS[4], 'notOpen', 1)
  return -4
end
if opensAt or closesAt then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  if (opensAt and now < opensAt) or (closesAt and now >= closesAt) then
    redis.call('HINCRBY', KEYS[4], 'notOpen', 1)
    return -4
  end
end

if tonumber(stock) <= 0 then
  redis.call('HINCRBY', KEYS[4], 'soldOut', 1)
  return -2
end

local remaining = redis.call('DECR', KEYS[1])
-- the entry id is the grant time (unix ms): no issuedAt field, and the stream's key already names the event
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('XADD', KEYS[5], '*', 'claimId', ARGV[2], 'memberId', ARGV[1])
return remaining
