-- outbox_requeue.lua: reconciliation's repair. Appends an outbox entry again for members that Redis issued a
-- coupon to but PostgreSQL has no row for, so the pipeline delivers them (idempotently). A member not in the
-- grants is skipped: reconciliation never invents a coupon, and never takes one away. The entry carries the claim id
-- the member was granted with, so the stored coupon code is the one the member was shown.
--
-- KEYS[1] fs:{CODE}:grants   KEYS[2] fs:{CODE}:outbox
-- ARGV[1] event code   ARGV[2..n] member ids
-- Returns the number of entries appended.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local added = 0
for i = 2, #ARGV do
  local claimId = redis.call('HGET', KEYS[1], ARGV[i])
  if claimId then
    redis.call('XADD', KEYS[2], '*', 'claimId', claimId, 'eventCode', ARGV[1], 'memberId', ARGV[i], 'issuedAt', now,
               'requeued', '1')
    added = added + 1
  end
end
return added
