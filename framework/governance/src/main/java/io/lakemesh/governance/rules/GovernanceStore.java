package io.lakemesh.governance.rules;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.ProductStatus;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.SupportsDataFilters;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsLinks;
import io.lakemesh.catalog.SupportsProductStatus;
import io.lakemesh.catalog.SupportsTags;
import io.lakemesh.catalog.SupportsTransactions;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.DataFilter;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A catalog seen through the capabilities governance needs, checked once when it is wrapped. Data
 * filters are optional: a backend without them holds no filter, so no filter grant can exist there
 * and every other rule works as before.
 *
 * @param dataFilters the catalog's data filters; null when it keeps none
 * @param events the catalog's event stream; null when it keeps none (then no event is kept)
 * @param status the products' status store; null when it keeps none (then freshness is read from
 *     run records and the monitor records no breach)
 */
record GovernanceStore(
    GovernanceCatalog catalog,
    SupportsGrants grants,
    SupportsTags tags,
    SupportsLinks links,
    SupportsAccessRequests requests,
    SupportsAudit audit,
    SupportsDataFilters dataFilters,
    SupportsEvents events,
    SupportsProductStatus status) {

  static GovernanceStore of(GovernanceCatalog catalog) {
    return new GovernanceStore(
        catalog,
        capability(catalog, SupportsGrants.class),
        capability(catalog, SupportsTags.class),
        capability(catalog, SupportsLinks.class),
        capability(catalog, SupportsAccessRequests.class),
        capability(catalog, SupportsAudit.class),
        catalog instanceof SupportsDataFilters f ? f : null,
        catalog instanceof SupportsEvents e ? e : null,
        catalog instanceof SupportsProductStatus p ? p : null);
  }

  /** The catalog's data filters, or a clear refusal on a backend that keeps none. */
  SupportsDataFilters filters() {
    if (dataFilters == null) {
      throw new InvalidRequestException(
          "data filters are not available on the catalog backend "
              + catalog.getClass().getSimpleName()
              + "; grant columns instead (grant --columns)");
    }
    return dataFilters;
  }

  /** The filter's current definition; empty when it is gone or the backend keeps none. */
  Optional<DataFilter> findFilter(TableId table, String name) {
    return dataFilters == null ? Optional.empty() : dataFilters.findFilter(table, name);
  }

  /** The statuses kept for the tables; none where the backend keeps no status store. */
  Map<TableId, ProductStatus> productStatuses(Collection<TableId> tables) {
    return status == null || tables.isEmpty() ? Map.of() : status.productStatuses(tables);
  }

  /**
   * Runs the work as one unit when the backend can; otherwise call by call, in an order chosen so
   * that a retry converges (grants and links are idempotent, state changes come last).
   */
  <T> T atomically(Supplier<T> work) {
    return catalog instanceof SupportsTransactions tx ? tx.inTransaction(work) : work.get();
  }

  private static <T> T capability(GovernanceCatalog catalog, Class<T> type) {
    if (!type.isInstance(catalog)) {
      throw new InvalidConfigException(
          "catalog.type",
          "catalog backend "
              + catalog.getClass().getSimpleName()
              + " cannot hold governance state: it does not implement "
              + type.getSimpleName());
    }
    return type.cast(catalog);
  }
}
