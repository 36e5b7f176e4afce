-- Never more stored coupons than the event's stock, whoever writes to the topic: Redis grants at most the stock, so
-- a row past it is a forged or misrouted message (or grants made twice after Redis lost data). The sink's batch then
-- fails with 23514 and the rows past the stock are dead-lettered one by one, with this constraint's name as the reason.
-- NOT VALID: enforced on every write from now on without scanning rows written before.
ALTER TABLE flash_sale_events ADD CONSTRAINT persisted_within_stock CHECK (persisted <= stock) NOT VALID;
