package io.lakemesh.catalog;

import io.lakemesh.governance.TagAssignment;
import java.util.List;
import java.util.Objects;

/**
 * A table a search found: its current entry and the LF-tag assignments bearing on it (on its
 * database, on it and on its columns: those {@link SupportsTags#tagsOf(TableId)} returns, in no
 * particular order), so that the caller can work out the values in force without asking again for
 * each table.
 */
public record TableMatch(CatalogTable table, List<TagAssignment> tags) {
  public TableMatch {
    Objects.requireNonNull(table, "table");
    tags = List.copyOf(tags);
  }
}
