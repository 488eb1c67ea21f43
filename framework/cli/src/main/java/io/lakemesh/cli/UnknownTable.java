package io.lakemesh.cli;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.NotFoundException;
import java.util.Comparator;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The answer to a table the catalog does not hold: an error naming it and, when the reader may see
 * a table whose name differs by a typo or two, that one. An empty answer with exit 0 would read as
 * "no runs yet".
 */
final class UnknownTable {
  // More edits than this and the suggestion is more likely wrong than helpful.
  private static final int MAX_EDITS = 2;
  private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(MAX_EDITS);

  private UnknownTable() {}

  static NotFoundException of(GovernanceCatalog catalog, TableId id) {
    String asked = id.qualifiedName();
    String suggestion =
        catalog.listTables(null).stream()
            .map(CatalogTable::id)
            .map(TableId::qualifiedName)
            .filter(name -> edits(asked, name) <= MAX_EDITS)
            .min(
                Comparator.comparingInt((String name) -> edits(asked, name))
                    .thenComparing(name -> name))
            .map(name -> "; did you mean " + name + "?")
            .orElse("; 'lakemesh catalog list' shows the tables there are");
    return new NotFoundException("no table " + asked + " in the catalog" + suggestion);
  }

  /** Edits between the names, case-insensitive; more than {@link #MAX_EDITS} count as too many. */
  private static int edits(String a, String b) {
    int d = DISTANCE.apply(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
    return d < 0 ? Integer.MAX_VALUE : d;
  }
}
