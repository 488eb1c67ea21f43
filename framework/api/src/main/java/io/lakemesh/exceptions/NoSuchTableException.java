package io.lakemesh.exceptions;

import io.lakemesh.catalog.TableId;

/** The table is not in the catalog. */
public class NoSuchTableException extends NotFoundException {
  public NoSuchTableException(TableId id) {
    super("table not found: " + id);
  }
}
