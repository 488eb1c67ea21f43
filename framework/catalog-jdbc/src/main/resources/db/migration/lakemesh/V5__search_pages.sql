-- Pages of search results, cut in key order (catalog, database, table). Same dialect and
-- conventions as V1 to V4.
--
-- The tables declaring a tag value, in key order, so that a search starting from that value reads
-- its rows in the order of the page and stops once the page is full. It serves every lookup by
-- value, so it replaces the index on the value alone.
CREATE INDEX lm_table_search_tags_by_value_key
  ON lm_table_search_tags (tag_key, tag_value, catalog_name, database_name, table_name);
DROP INDEX lm_table_search_tags_by_value;
