-- Each stored coupon carries the code the member redeems (derived from its claim id: see CouponCode.cs). Rows stored
-- before codes existed get the same rule's fallback: the first 64 bits of the MD5 of their claim id, in hex groups.
ALTER TABLE coupon_issues ADD COLUMN coupon_code varchar(19);
UPDATE coupon_issues SET coupon_code = upper(substr(md5(claim_id), 1, 4) || '-' || substr(md5(claim_id), 5, 4) || '-'
                                          || substr(md5(claim_id), 9, 4) || '-' || substr(md5(claim_id), 13, 4));
ALTER TABLE coupon_issues ALTER COLUMN coupon_code SET NOT NULL;

-- Member ids compare byte-wise, whatever the server's locale: the winners list pages by member id and searches by
-- prefix on the (event_code, member_id) index.
ALTER TABLE coupon_issues ALTER COLUMN member_id TYPE varchar(64) COLLATE "C";
-- The winners list in the order they won.
CREATE INDEX coupon_issues_event_issued ON coupon_issues (event_code, issued_at, member_id);

-- Every operator action: who, when, from where, and the values before and after.
CREATE TABLE audit_log (
    id          bigserial    PRIMARY KEY,
    at          timestamptz  NOT NULL DEFAULT now(),
    actor       varchar(100) NOT NULL,
    address     varchar(64)  NULL,
    action      varchar(32)  NOT NULL,
    event_code  varchar(32)  NULL,
    before      jsonb        NULL,
    after       jsonb        NULL,
    detail      text         NULL
);
CREATE INDEX audit_log_event ON audit_log (event_code, id);
