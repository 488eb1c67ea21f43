package io.lakemesh.catalog;

import io.lakemesh.governance.TagAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A catalog that finds tables from an index, so that discovery costs what it finds rather than what
 * the catalog holds. Backends without it are searched by {@link #scan}: every table of the searched
 * catalogs is read.
 */
public interface SupportsTableSearch {

  /**
   * The tables that meet {@link TableSearch#matches}, each with its LF-tag assignments, ordered by
   * table id ({@code catalog:database.table}).
   */
  List<TableMatch> searchTables(TableSearch search);

  /** Searches through the catalog's index when it has one, else by {@link #scan}. */
  static List<TableMatch> search(GovernanceCatalog catalog, SupportsTags tags, TableSearch search) {
    return catalog instanceof SupportsTableSearch indexed
        ? indexed.searchTables(search)
        : scan(catalog, tags, search);
  }

  /**
   * The search done by reading every table of the searched catalogs; the LF-tag assignments are
   * read for the tables that meet the other criteria.
   */
  static List<TableMatch> scan(GovernanceCatalog catalog, SupportsTags tags, TableSearch search) {
    List<TableMatch> found = new ArrayList<>();
    for (String name : search.catalogs()) {
      for (CatalogTable table : catalog.listTables(name)) {
        if (search.matchesAllButTags(table)) {
          List<TagAssignment> assignments = tags.tagsOf(table.id());
          if (search.matches(table, assignments)) {
            found.add(new TableMatch(table, assignments));
          }
        }
      }
    }
    found.sort(ORDER);
    return found;
  }

  /** The order of results: by table id as text. */
  Comparator<TableMatch> ORDER = Comparator.comparing(m -> m.table().id().toString());
}
