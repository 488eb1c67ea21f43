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
   * The order of tables: by catalog, then database, then table, each name compared as text. It is
   * the order of a catalog's key, so that a backend can read a page in the order of an index.
   */
  Comparator<TableId> ID_ORDER =
      Comparator.comparing(TableId::catalog)
          .thenComparing(TableId::database)
          .thenComparing(TableId::table);

  /** The order of results: {@link #ID_ORDER} of their tables. */
  Comparator<TableMatch> ORDER = Comparator.comparing(m -> m.table().id(), ID_ORDER);

  /**
   * The page {@code search} asks for: the first {@link TableSearch#limit} tables after {@link
   * TableSearch#after} that meet {@link TableSearch#matches}, in {@link #ORDER}, each with its
   * LF-tag assignments.
   */
  List<TableMatch> searchTables(TableSearch search);

  /** Searches through the catalog's index when it has one, else by {@link #scan}. */
  static List<TableMatch> search(GovernanceCatalog catalog, SupportsTags tags, TableSearch search) {
    return catalog instanceof SupportsTableSearch indexed
        ? indexed.searchTables(search)
        : scan(catalog, tags, search);
  }

  /**
   * The search done by reading every table of the searched catalogs. The LF-tag assignments are
   * read for the tables that meet the other criteria, in order, until the page is full.
   */
  static List<TableMatch> scan(GovernanceCatalog catalog, SupportsTags tags, TableSearch search) {
    List<CatalogTable> candidates = new ArrayList<>();
    for (String name : search.catalogs()) {
      for (CatalogTable table : catalog.listTables(name)) {
        if (search.startsBefore(table.id()) && search.matchesAllButTags(table)) {
          candidates.add(table);
        }
      }
    }
    candidates.sort(Comparator.comparing(CatalogTable::id, ID_ORDER));
    List<TableMatch> found = new ArrayList<>();
    for (CatalogTable table : candidates) {
      if (found.size() == search.limit()) {
        break;
      }
      List<TagAssignment> assignments = tags.tagsOf(table.id());
      if (search.matches(table, assignments)) {
        found.add(new TableMatch(table, assignments));
      }
    }
    return found;
  }
}
