-- Access that ends by itself: a grant's expiry (ISO-8601, null for none), how far that expiry has
-- been recorded (NONE, EXPIRING told, EXPIRED recorded), and the expiry an approval set on its
-- request. Rows stored before this migration never expire.
ALTER TABLE lm_grants ADD COLUMN expires_at TEXT;
ALTER TABLE lm_grants ADD COLUMN expiry_notice TEXT NOT NULL DEFAULT 'NONE';
ALTER TABLE lm_access_requests ADD COLUMN expires_at TEXT;
-- The sweep reads the grants whose expiry is near from this index (expires_at is written at a
-- fixed width, so text order is time order).
CREATE INDEX lm_grants_by_expiry ON lm_grants (expires_at);
