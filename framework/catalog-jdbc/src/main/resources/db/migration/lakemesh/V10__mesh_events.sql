-- The mesh's event stream: what happened to products and to access, appended in the same
-- transaction as the change it tells of, and read in seq order by whatever delivers it (the
-- outbox). seq comes from lm_sequences, whose row lock serialises appends, so a reader that keeps
-- the last seq it saw never skips an event committed later with a lower number. Metadata only:
-- data_json never holds a value of a column. Same conventions as V1 and V2.
CREATE TABLE lm_events (
  seq           BIGINT       NOT NULL PRIMARY KEY,
  event_id      VARCHAR(64)  NOT NULL UNIQUE,
  kind          VARCHAR(40)  NOT NULL,
  catalog_name  VARCHAR(63),
  database_name VARCHAR(128),
  table_name    VARCHAR(128),
  account       VARCHAR(63),
  occurred_at   VARCHAR(30)  NOT NULL,
  data_json     TEXT         NOT NULL
);
CREATE INDEX lm_events_by_table ON lm_events (catalog_name, database_name, table_name, seq);
