-- Member ids come from identity providers now (a JWT's subject): up to 255 printable characters.
ALTER TABLE coupon_issues ALTER COLUMN member_id TYPE varchar(255) COLLATE "C";

-- Member tickets are signed with these keys (HMAC-SHA256), shared by every instance and rotated by them. The secret
-- is encrypted with ASP.NET Core Data Protection, whose keys live beside it in data_protection_keys.
CREATE TABLE member_ticket_keys (
    id               integer     GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    protected_secret text        NOT NULL,
    created_at       timestamptz NOT NULL,
    activates_at     timestamptz NOT NULL,
    retires_at       timestamptz NOT NULL,   -- signs no ticket from then on
    expires_at       timestamptz NOT NULL    -- verifies no ticket from then on (retires_at + the ticket lifetime)
);
