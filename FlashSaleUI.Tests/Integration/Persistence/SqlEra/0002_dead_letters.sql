-- Messages the sink could never store (also produced to coupon-issued.dlq), kept for operators to inspect and replay.
CREATE TABLE dead_letters (
    id               bigserial    PRIMARY KEY,
    source_topic     text         NOT NULL,
    source_partition integer      NOT NULL,
    source_offset    bigint       NOT NULL,
    message_key      text         NULL,
    message_value    text         NULL,
    event_code       varchar(32)  NULL,
    reason           text         NOT NULL,
    dead_lettered_at timestamptz  NOT NULL DEFAULT now(),
    replayed_at      timestamptz  NULL,
    -- a redelivered poison message is recorded once
    CONSTRAINT dead_letters_source UNIQUE (source_topic, source_partition, source_offset)
);
CREATE INDEX dead_letters_open ON dead_letters (dead_lettered_at) WHERE replayed_at IS NULL;
