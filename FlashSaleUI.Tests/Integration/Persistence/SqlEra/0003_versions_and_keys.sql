-- Each change of an event's window bumps its version; Redis applies a window only if it is newer than the one it
-- holds, so concurrent opens/closes and instances starting up converge on the last committed change.
ALTER TABLE flash_sale_events ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- A dead letter is identified by where it came from *and* what it said: an embedded broker that restarted reuses
-- offsets, and a new poison message at a reused offset must still be recorded.
ALTER TABLE dead_letters ADD COLUMN fingerprint text NOT NULL DEFAULT '';
ALTER TABLE dead_letters DROP CONSTRAINT dead_letters_source;
ALTER TABLE dead_letters ADD CONSTRAINT dead_letters_source UNIQUE (source_topic, source_partition, source_offset, fingerprint);

-- ASP.NET Core Data Protection keys (sign-in cookies, antiforgery): shared by every instance, kept across restarts.
CREATE TABLE data_protection_keys (
    id            serial PRIMARY KEY,
    friendly_name text   NULL,
    xml           text   NULL
);
