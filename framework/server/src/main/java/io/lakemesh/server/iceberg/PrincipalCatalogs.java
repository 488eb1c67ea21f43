package io.lakemesh.server.iceberg;

import io.lakemesh.governance.Principal;
import org.apache.iceberg.catalog.Catalog;

/**
 * The Iceberg catalog a principal sees through the REST endpoint: its own account's databases,
 * where a producer creates and commits tables, and its link databases, where it reads what it was
 * granted. Every call on the returned catalog is decided by the governance rules afresh.
 */
public interface PrincipalCatalogs {

  Catalog catalogFor(Principal principal);
}
