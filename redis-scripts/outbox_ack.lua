-- outbox_ack.lua: after Kafka confirmed delivery, acknowledges and deletes the entries, so the outbox holds only
-- what is still on its way and Redis memory stays bounded.
--
-- KEYS[1] fs:{CODE}:outbox
-- ARGV[1] group   ARGV[2..n] entry ids (any number: they are passed on 1,000 at a time, since Lua's unpack fails
--                 past about 8,000 values)
-- Returns the number of entries deleted.
local deleted = 0
for i = 2, #ARGV, 1000 do
  local last = math.min(i + 999, #ARGV)
  redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, i, last))
  deleted = deleted + redis.call('XDEL', KEYS[1], unpack(ARGV, i, last))
end
return deleted
