-- Audit events gain the id of the access token they were made with (never its secret; empty from
-- the command line) and how many identical refusals a collapsed event stands for; hashes made with
-- the audit key read "hmac:" and 64 hex digits, so the hash columns widen. Same dialect as V1 to
-- V5: SQLite cannot alter a column, so each table is copied into its new shape, its rows unchanged.
CREATE TABLE lm_audit_events_v6 (
  log_name      VARCHAR(63)  NOT NULL,
  seq           BIGINT       NOT NULL,
  actor         VARCHAR(127) NOT NULL,
  acting_as     VARCHAR(63)  NOT NULL,
  action        VARCHAR(32)  NOT NULL,
  resource      TEXT         NOT NULL,
  before_value  TEXT         NOT NULL,
  after_value   TEXT         NOT NULL,
  outcome       VARCHAR(16)  NOT NULL,
  reason        TEXT         NOT NULL,
  event_time    VARCHAR(30)  NOT NULL,
  previous_hash VARCHAR(80)  NOT NULL,
  hash          VARCHAR(80)  NOT NULL,
  token_id      VARCHAR(64)  NOT NULL DEFAULT '',
  repeat_count  INTEGER      NOT NULL DEFAULT 1,
  PRIMARY KEY (log_name, seq)
);
INSERT INTO lm_audit_events_v6 (log_name, seq, actor, acting_as, action, resource, before_value,
    after_value, outcome, reason, event_time, previous_hash, hash)
  SELECT log_name, seq, actor, acting_as, action, resource, before_value, after_value, outcome,
    reason, event_time, previous_hash, hash FROM lm_audit_events;
DROP TABLE lm_audit_events;
ALTER TABLE lm_audit_events_v6 RENAME TO lm_audit_events;
CREATE INDEX lm_audit_events_by_time ON lm_audit_events (event_time);

CREATE TABLE lm_audit_heads_v6 (
  log_name  VARCHAR(63) NOT NULL PRIMARY KEY,
  last_seq  BIGINT      NOT NULL,
  last_hash VARCHAR(80) NOT NULL
);
INSERT INTO lm_audit_heads_v6 (log_name, last_seq, last_hash)
  SELECT log_name, last_seq, last_hash FROM lm_audit_heads;
DROP TABLE lm_audit_heads;
ALTER TABLE lm_audit_heads_v6 RENAME TO lm_audit_heads;
