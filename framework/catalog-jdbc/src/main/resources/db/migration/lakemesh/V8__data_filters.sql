-- Data filters (Lake Formation's data cells filters): a named row predicate and column list on one
-- producer table. Grants on a filter live in lm_grants (column_mode FILTER, the name in
-- columns_json); this table keeps the definitions they refer to. Same conventions as V1 and V2.
CREATE TABLE lm_data_filters (
  catalog_name      VARCHAR(63)  NOT NULL,
  database_name     VARCHAR(128) NOT NULL,
  table_name        VARCHAR(128) NOT NULL,
  filter_name       VARCHAR(128) NOT NULL,
  row_filter        TEXT         NOT NULL,
  included_json     TEXT         NOT NULL,
  excluded_json     TEXT         NOT NULL,
  created_at        VARCHAR(30)  NOT NULL,
  PRIMARY KEY (catalog_name, database_name, table_name, filter_name)
);
