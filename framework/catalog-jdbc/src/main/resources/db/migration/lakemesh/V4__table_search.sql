-- Discovery's index: what a search narrows by, one row per table, rewritten with each published
-- version in the same transaction (the catalog fills it for tables published before V4 when it
-- opens). Same dialect and conventions as V1 and V2; V3 holds the catalog server's access tokens.
--   search_text     table name, product, description and column names, one a line, lower-cased
--   domain_key      the product's domain, owner_team_key its owning team, quality_key its latest
--                   quality status: each folded so that equality ignores case
CREATE TABLE lm_table_search (
  catalog_name   VARCHAR(63)  NOT NULL,
  database_name  VARCHAR(128) NOT NULL,
  table_name     VARCHAR(128) NOT NULL,
  search_text    TEXT         NOT NULL,
  domain_key     TEXT         NOT NULL,
  owner_team_key TEXT         NOT NULL,
  quality_key    TEXT         NOT NULL,
  PRIMARY KEY (catalog_name, database_name, table_name)
);
CREATE INDEX lm_table_search_by_domain ON lm_table_search (domain_key, catalog_name);
CREATE INDEX lm_table_search_by_owner_team ON lm_table_search (owner_team_key, catalog_name);

-- One row per tag a table's current version declares (table parameters lakemesh.tag.KEY), with a
-- copy of the table's row above, so that a search by a declared value reads these rows alone.
CREATE TABLE lm_table_search_tags (
  catalog_name   VARCHAR(63)  NOT NULL,
  database_name  VARCHAR(128) NOT NULL,
  table_name     VARCHAR(128) NOT NULL,
  tag_key        TEXT         NOT NULL,
  tag_value      TEXT         NOT NULL,
  search_text    TEXT         NOT NULL,
  domain_key     TEXT         NOT NULL,
  owner_team_key TEXT         NOT NULL,
  quality_key    TEXT         NOT NULL,
  PRIMARY KEY (catalog_name, database_name, table_name, tag_key)
);
CREATE INDEX lm_table_search_tags_by_value ON lm_table_search_tags (tag_key, tag_value);

-- LF-tag values assigned to databases and tables, by value, for searches by tag.
CREATE INDEX lm_tag_assignments_by_value ON lm_tag_assignments (tag_key, tag_value);

-- The catalogs granted to an account, which bound a search in lob-federated, from the index alone;
-- it serves every lookup by grantee account, so it replaces the index on that column alone.
CREATE INDEX lm_grants_by_grantee_account_catalog ON lm_grants (grantee_account, catalog_name);
DROP INDEX lm_grants_by_grantee_account;
