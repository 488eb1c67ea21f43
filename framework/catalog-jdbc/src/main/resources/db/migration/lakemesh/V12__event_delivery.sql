-- Subscriptions to the event stream (lm_events, V10) and the state of each delivery, drained by
-- serve or `events deliver`. cursor_seq is the last event a subscription has looked at; an event
-- it asked for gets a row in lm_event_deliveries (pending, delivered, skipped or dead) in the same
-- transaction as the cursor moves past it, so a pass that stops half-way starts again where it
-- was. secret is the webhook's signing key (the catalog database is already the place that must
-- be protected: it holds the audit key's anchor and access tokens' hashes). Same conventions as
-- V1 and V2.
CREATE TABLE lm_event_subscriptions (
  subscription_id BIGINT       NOT NULL PRIMARY KEY,
  subscriber      VARCHAR(200) NOT NULL,
  catalog_name    VARCHAR(63)  NOT NULL,
  database_name   VARCHAR(128) NOT NULL,
  table_name      VARCHAR(128) NOT NULL,
  kinds           TEXT         NOT NULL,
  endpoint_type   VARCHAR(20)  NOT NULL,
  endpoint        TEXT         NOT NULL,
  secret          TEXT,
  cursor_seq      BIGINT       NOT NULL,
  created_at      VARCHAR(30)  NOT NULL
);
CREATE TABLE lm_event_deliveries (
  subscription_id BIGINT       NOT NULL,
  seq             BIGINT       NOT NULL,
  event_id        VARCHAR(64)  NOT NULL,
  state           VARCHAR(20)  NOT NULL,
  attempts_json   TEXT         NOT NULL,
  next_attempt_at VARCHAR(30),
  last_error      TEXT         NOT NULL,
  PRIMARY KEY (subscription_id, seq)
);
CREATE INDEX lm_event_deliveries_by_state ON lm_event_deliveries (subscription_id, state, seq);
