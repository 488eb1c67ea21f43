package io.lakemesh.governance.rules;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsLinks;
import io.lakemesh.catalog.SupportsTags;
import io.lakemesh.catalog.SupportsTransactions;
import io.lakemesh.exceptions.InvalidConfigException;
import java.util.function.Supplier;

/** A catalog seen through the capabilities governance needs, checked once when it is wrapped. */
record GovernanceStore(
    GovernanceCatalog catalog,
    SupportsGrants grants,
    SupportsTags tags,
    SupportsLinks links,
    SupportsAccessRequests requests,
    SupportsAudit audit) {

  static GovernanceStore of(GovernanceCatalog catalog) {
    return new GovernanceStore(
        catalog,
        capability(catalog, SupportsGrants.class),
        capability(catalog, SupportsTags.class),
        capability(catalog, SupportsLinks.class),
        capability(catalog, SupportsAccessRequests.class),
        capability(catalog, SupportsAudit.class));
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
