package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import java.util.List;

/**
 * A granted read: where the name led and which columns the principal may see. Decided from the
 * stored grants at the moment of the check; a reader checks again for every query.
 *
 * @param principal who reads
 * @param name the name it used (its own link, or the table itself)
 * @param target the table read
 * @param via the links followed, first to last; empty for a direct read
 * @param table the target's current entry as the principal may see it (see {@link
 *     RecordRedaction}): its visible columns only
 * @param visibleColumns the columns granted, in table order; never empty
 * @param allColumns true when every column of the table may be read
 */
public record AccessDecision(
    Principal principal,
    TableId name,
    TableId target,
    List<ResourceLink> via,
    CatalogTable table,
    List<Column> visibleColumns,
    boolean allColumns) {

  public AccessDecision {
    via = List.copyOf(via);
    visibleColumns = List.copyOf(visibleColumns);
  }

  public List<String> visibleColumnNames() {
    return visibleColumns.stream().map(Column::name).toList();
  }
}
