-- Access tokens of the catalog server: one row per token, the secret only as its SHA-256 (hex).
-- Same conventions as V1 and V2: portable SQL, times as fixed-width UTC text.
CREATE TABLE lm_access_tokens (
  token_id     VARCHAR(32)  NOT NULL PRIMARY KEY,
  secret_hash  CHAR(64)     NOT NULL UNIQUE,
  principal    VARCHAR(127) NOT NULL,
  account      VARCHAR(63)  NOT NULL,
  description  TEXT         NOT NULL,
  created_at   VARCHAR(32)  NOT NULL,
  expires_at   VARCHAR(32),
  revoked_at   VARCHAR(32)
);
CREATE INDEX lm_access_tokens_account ON lm_access_tokens (account);
