-- outbox_ack.lua: after Kafka confirmed delivery, acknowledges and deletes the entries, so the outbox holds only
-- what is still on its way and Redis memory stays bounded.
--
-- KEYS[1] fs:{CODE}:outbox
-- ARGV[1] group   ARGV[2..n] entry ids
-- Returns the number of entries deleted.
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
if #ids == 0 then return 0 end
redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
return redis.call('XDEL', KEYS[1], unpack(ids))
