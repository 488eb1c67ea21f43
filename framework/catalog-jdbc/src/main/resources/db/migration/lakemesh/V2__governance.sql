-- Governance state: grants, LF-tags, resource links, access requests and audit logs.
-- Same dialect and conventions as V1: portable SQL for SQLite and PostgreSQL, names prefixed lm_,
-- times as fixed-width UTC text. Principals are stored as text: ACCOUNT or ACCOUNT:NAME.
-- '*' stands for "every database / every table" so that one index serves every entitlement lookup.

-- Counters for ids; a row is locked by its increment, so concurrent writers never share an id.
CREATE TABLE lm_sequences (
  sequence_name VARCHAR(63) NOT NULL PRIMARY KEY,
  last_value    BIGINT      NOT NULL
);

-- One row per (grantee, resource). Database grants have table_name '*'; LF-tag policies have
-- database_name and table_name '*' and their expression in tag_expression.
CREATE TABLE lm_grants (
  grant_id        BIGINT       NOT NULL PRIMARY KEY,
  held_in         VARCHAR(63)  NOT NULL,
  grantee         VARCHAR(127) NOT NULL,
  grantee_account VARCHAR(63)  NOT NULL,
  resource_kind   VARCHAR(32)  NOT NULL,
  catalog_name    VARCHAR(63)  NOT NULL,
  database_name   VARCHAR(128) NOT NULL,
  table_name      VARCHAR(128) NOT NULL,
  column_mode     VARCHAR(16)  NOT NULL,
  columns_json    TEXT         NOT NULL,
  tag_expression  TEXT         NOT NULL,
  resource_hash   CHAR(64)     NOT NULL,
  permissions     VARCHAR(128) NOT NULL,
  grantable       VARCHAR(128) NOT NULL,
  grantor         VARCHAR(127) NOT NULL,
  authorisation   VARCHAR(64),
  granted_at      VARCHAR(30)  NOT NULL,
  UNIQUE (grantee, resource_hash)
);
-- The entitlement lookup: a grantee's grants on a table, its database and its catalog's policies.
CREATE INDEX lm_grants_by_grantee ON lm_grants (grantee, catalog_name, database_name, table_name);
CREATE INDEX lm_grants_by_resource ON lm_grants (catalog_name, database_name, table_name);
CREATE INDEX lm_grants_by_holder ON lm_grants (held_in);
CREATE INDEX lm_grants_by_grantee_account ON lm_grants (grantee_account);

-- LF-tag definitions, per catalog.
CREATE TABLE lm_lf_tags (
  catalog_name        VARCHAR(63)  NOT NULL,
  tag_key             VARCHAR(128) NOT NULL,
  allowed_values_json TEXT         NOT NULL,
  created_at          VARCHAR(30)  NOT NULL,
  PRIMARY KEY (catalog_name, tag_key)
);

-- LF-tag values on databases (table_name and column_name ''), tables (column_name '') and columns.
CREATE TABLE lm_tag_assignments (
  catalog_name  VARCHAR(63)  NOT NULL,
  database_name VARCHAR(128) NOT NULL,
  table_name    VARCHAR(128) NOT NULL,
  column_name   VARCHAR(128) NOT NULL,
  tag_key       VARCHAR(128) NOT NULL,
  tag_value     VARCHAR(256) NOT NULL,
  PRIMARY KEY (catalog_name, database_name, table_name, column_name, tag_key)
);

-- Resource links; database links have table_name '' and target_table ''.
CREATE TABLE lm_resource_links (
  catalog_name    VARCHAR(63)  NOT NULL,
  database_name   VARCHAR(128) NOT NULL,
  table_name      VARCHAR(128) NOT NULL,
  target_catalog  VARCHAR(63)  NOT NULL,
  target_database VARCHAR(128) NOT NULL,
  target_table    VARCHAR(128) NOT NULL,
  created_at      VARCHAR(30)  NOT NULL,
  PRIMARY KEY (catalog_name, database_name, table_name)
);
CREATE INDEX lm_resource_links_by_target ON lm_resource_links (target_catalog, target_database);

-- Access requests. The granted columns describe what was approved on the same table or database.
CREATE TABLE lm_access_requests (
  request_id            BIGINT       NOT NULL PRIMARY KEY,
  requester             VARCHAR(127) NOT NULL,
  requester_account     VARCHAR(63)  NOT NULL,
  resource_kind         VARCHAR(32)  NOT NULL,
  catalog_name          VARCHAR(63)  NOT NULL,
  database_name         VARCHAR(128) NOT NULL,
  table_name            VARCHAR(128) NOT NULL,
  column_mode           VARCHAR(16)  NOT NULL,
  columns_json          TEXT         NOT NULL,
  permissions           VARCHAR(128) NOT NULL,
  state                 VARCHAR(16)  NOT NULL,
  granted_kind          VARCHAR(32),
  granted_column_mode   VARCHAR(16),
  granted_columns_json  TEXT,
  granted_permissions   VARCHAR(128) NOT NULL,
  reason                TEXT         NOT NULL,
  decided_by            VARCHAR(127),
  created_at            VARCHAR(30)  NOT NULL,
  updated_at            VARCHAR(30)  NOT NULL
);
CREATE INDEX lm_access_requests_by_catalog ON lm_access_requests (catalog_name, request_id);
CREATE INDEX lm_access_requests_by_requester ON lm_access_requests (requester_account, request_id);

-- Audit events, numbered per log and chained by hash; never updated or deleted by lakemesh.
CREATE TABLE lm_audit_events (
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
  previous_hash CHAR(64)     NOT NULL,
  hash          CHAR(64)     NOT NULL,
  PRIMARY KEY (log_name, seq)
);
CREATE INDEX lm_audit_events_by_time ON lm_audit_events (event_time);

-- The last event of each log. Appenders lock this row to take turns, and verification compares
-- it with the events so that removing the newest ones is noticed.
CREATE TABLE lm_audit_heads (
  log_name  VARCHAR(63) NOT NULL PRIMARY KEY,
  last_seq  BIGINT      NOT NULL,
  last_hash CHAR(64)    NOT NULL
);
