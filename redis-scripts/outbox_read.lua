-- outbox_read.lua: the relay's read of one event's outbox through a consumer group (several relays share it).
-- XREADGROUP ... BLOCK is refused inside scripts, so the relay polls. The group is created once the outbox
-- exists (never MKSTREAM: polling an event that issued nothing must not create keys).
--
-- KEYS[1] fs:{CODE}:outbox (stream)
-- ARGV[1] group   ARGV[2] consumer   ARGV[3] count
-- ARGV[4] '>' for entries never delivered, or '0' for this consumer's own pending entries (sent, not yet acked)
-- Returns XREADGROUP's reply for the one stream: { {id, {field, value, ...}}, ... } or false when nothing.
local function read()
  return redis.pcall('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[1], ARGV[4])
end
local reply = read()
if type(reply) == 'table' and reply.err and string.find(reply.err, 'NOGROUP') then
  if redis.call('EXISTS', KEYS[1]) == 0 then return false end
  -- from '0': entries added before the group existed are relayed too
  redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0')
  reply = read()
end
if type(reply) == 'table' and reply.err then return redis.error_reply(reply.err) end
if not reply then return false end
return reply[1][2]
