-- Events (the record of each sale) and the coupons issued for them.
CREATE TABLE flash_sale_events (
    code        varchar(32)  PRIMARY KEY,
    name        varchar(100) NOT NULL,
    stock       integer      NOT NULL CHECK (stock BETWEEN 1 AND 10000000),
    opens_at    timestamptz  NULL,
    closes_at   timestamptz  NULL,
    closed_at   timestamptz  NULL,
    created_at  timestamptz  NOT NULL,
    -- rows in coupon_issues for this event, kept in the same transaction as the inserts (O(1) to read live)
    persisted   bigint       NOT NULL DEFAULT 0,
    CHECK (closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at)
);

CREATE TABLE coupon_issues (
    event_code   varchar(32) NOT NULL REFERENCES flash_sale_events (code),
    member_id    varchar(64) NOT NULL,
    claim_id     varchar(64) NOT NULL,
    issued_at    timestamptz NOT NULL,
    persisted_at timestamptz NOT NULL DEFAULT now(),
    -- one coupon per member per event: a redelivered message inserts nothing
    CONSTRAINT coupon_issues_event_member UNIQUE (event_code, member_id)
);
