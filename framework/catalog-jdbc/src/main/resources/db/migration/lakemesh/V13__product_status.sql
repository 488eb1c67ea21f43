-- Each product's status between runs, kept apart from its versioned entry so that a run or a
-- monitor pass never makes a new table version: when it was last checked (the end of its last
-- PUBLISHED or UNCHANGED run) and its freshness SLA state as the monitor last recorded it. A job
-- run writes the check columns only and the monitor the SLA columns only, so neither overwrites
-- the other. Products stamped before this migration have no row: readers fall back to the run
-- records. Same conventions as V1 and V2 (times as fixed-width UTC text).
CREATE TABLE lm_product_status (
  catalog_name    VARCHAR(63)  NOT NULL,
  database_name   VARCHAR(128) NOT NULL,
  table_name      VARCHAR(128) NOT NULL,
  last_checked_at VARCHAR(30),
  last_run_id     VARCHAR(128),
  sla_state       VARCHAR(20)  NOT NULL DEFAULT 'WITHIN',
  sla_since       VARCHAR(30),
  PRIMARY KEY (catalog_name, database_name, table_name)
);
