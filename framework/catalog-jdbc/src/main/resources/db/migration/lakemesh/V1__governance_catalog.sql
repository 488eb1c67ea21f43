-- One dialect for SQLite and PostgreSQL.
-- Every name starts with lm_: the same database holds Iceberg's JDBC catalog tables.
-- Times are UTC ISO-8601 text with nine fractional digits: exact, readable, and ordered as text.
-- Lists and maps are JSON text: they are read whole and never queried into.

CREATE TABLE lm_databases (
  catalog_name    VARCHAR(63)  NOT NULL,
  database_name   VARCHAR(128) NOT NULL,
  parameters_json TEXT         NOT NULL,
  created_at      VARCHAR(30)  NOT NULL,
  PRIMARY KEY (catalog_name, database_name)
);

-- One row per table pointing at its current version; publishers lock this row to take turns.
CREATE TABLE lm_tables (
  catalog_name    VARCHAR(63)  NOT NULL,
  database_name   VARCHAR(128) NOT NULL,
  table_name      VARCHAR(128) NOT NULL,
  current_version BIGINT       NOT NULL,
  PRIMARY KEY (catalog_name, database_name, table_name)
);

CREATE TABLE lm_table_versions (
  catalog_name      VARCHAR(63)  NOT NULL,
  database_name     VARCHAR(128) NOT NULL,
  table_name        VARCHAR(128) NOT NULL,
  version           BIGINT       NOT NULL,
  columns_json      TEXT         NOT NULL,
  location          TEXT,
  format            VARCHAR(32),
  partitioning_json TEXT         NOT NULL,
  parameters_json   TEXT         NOT NULL,
  updated_at        VARCHAR(30)  NOT NULL,
  PRIMARY KEY (catalog_name, database_name, table_name, version)
);

CREATE TABLE lm_quality_runs (
  run_id           VARCHAR(255) NOT NULL PRIMARY KEY,
  catalog_name     VARCHAR(63)  NOT NULL,
  database_name    VARCHAR(128) NOT NULL,
  table_name       VARCHAR(128) NOT NULL,
  snapshot_id      BIGINT,
  run_at           VARCHAR(30)  NOT NULL,
  outcome          VARCHAR(32)  NOT NULL,
  metrics_json     TEXT         NOT NULL,
  constraints_json TEXT         NOT NULL
);
CREATE INDEX lm_quality_runs_by_table ON lm_quality_runs (catalog_name, database_name, table_name, run_at);

CREATE TABLE lm_job_runs (
  run_id        VARCHAR(255) NOT NULL PRIMARY KEY,
  product       VARCHAR(255),
  catalog_name  VARCHAR(63),
  database_name VARCHAR(128),
  table_name    VARCHAR(128),
  status        VARCHAR(32)  NOT NULL,
  started_at    VARCHAR(30)  NOT NULL,
  ended_at      VARCHAR(30),
  snapshot_id   BIGINT,
  message       TEXT,
  report        TEXT
);
CREATE INDEX lm_job_runs_by_product ON lm_job_runs (product, started_at);
CREATE INDEX lm_job_runs_by_start ON lm_job_runs (started_at);

CREATE TABLE lm_lineage_events (
  run_id       VARCHAR(255) NOT NULL PRIMARY KEY,
  job          TEXT         NOT NULL,
  event_time   VARCHAR(30)  NOT NULL,
  inputs_json  TEXT         NOT NULL,
  outputs_json TEXT         NOT NULL,
  document     TEXT
);

-- Every dataset an event reads or writes, so lineage is looked up through an index.
CREATE TABLE lm_lineage_datasets (
  dataset VARCHAR(1024) NOT NULL,
  run_id  VARCHAR(255)  NOT NULL,
  PRIMARY KEY (dataset, run_id)
);
CREATE INDEX lm_lineage_datasets_by_run ON lm_lineage_datasets (run_id);
