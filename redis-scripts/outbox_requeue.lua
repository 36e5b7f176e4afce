-- outbox_requeue.lua: reconciliation's repair. Appends an outbox entry again for members that Redis issued a
-- coupon to but PostgreSQL has no row for, so the pipeline delivers them (idempotently). A member not in the
-- issued set is skipped: reconciliation never invents a coupon, and never takes one away.
--
-- KEYS[1] fs:{CODE}:issued   KEYS[2] fs:{CODE}:outbox
-- ARGV[1] event code   ARGV[2..n] member ids
-- Returns the number of entries appended.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local added = 0
for i = 2, #ARGV do
  if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 1 then
    redis.call('XADD', KEYS[2], '*', 'eventCode', ARGV[1], 'memberId', ARGV[i], 'issuedAt', now, 'requeued', '1')
    added = added + 1
  end
end
return added
