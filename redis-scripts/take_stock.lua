-- take_stock.lua: takes up to ARGV[1] coupons of stock from one bucket of a hot sale, for another bucket to grant
-- (the bucketed-sale prototype, docs/SCALING.md). Stock only ever moves between buckets, never appears: the sum of
-- the buckets' stock plus all grants never exceeds the sale's stock, so bucketing cannot oversell.
--
-- KEYS[1] fs:{CODE}:stock (the donor bucket's stock; its CODE names the bucket)
-- ARGV[1] how many to take (>= 1)
-- Returns how many were taken (0 when the bucket is empty or unknown).
local left = tonumber(redis.call('GET', KEYS[1]) or '0')
local take = math.min(left, tonumber(ARGV[1]))
if take > 0 then
  redis.call('DECRBY', KEYS[1], take)
end
return take
