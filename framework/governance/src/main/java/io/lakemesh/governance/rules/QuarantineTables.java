package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who reads a product's quarantine table ({@link QuarantineTable}): the rows its quality gate set
 * aside are values no consumer was shown, kept for the producer to fix and re-submit. So the
 * producer's administrator, principals of the producer's account that read the whole product, and
 * the governance account holding the producer's entries see and read it; nobody else, whatever they
 * hold on the product, its database or its tags. Every read path asks here, through {@link
 * Entitlements}; grants and requests may not name it.
 */
final class QuarantineTables {
  private final Mesh mesh;
  private final GovernanceStore store;

  QuarantineTables(Mesh mesh, GovernanceStore store) {
    this.mesh = mesh;
    this.store = store;
  }

  /**
   * True when the principal may see and read the quarantine table.
   *
   * @param readsWholeProduct whether the principal's own grants show every cell of the product
   */
  boolean readable(
      Principal principal, TableId quarantine, Predicate<CatalogTable> readsWholeProduct) {
    Standing standing = Standing.of(mesh, principal, quarantine.catalog());
    if (standing == Standing.OWNER || standing == Standing.GOVERNOR) {
      return true;
    }
    return standing == Standing.OTHER
        && principal.account().equals(quarantine.catalog())
        && store
            .catalog()
            .findTable(QuarantineTable.productOf(quarantine))
            .filter(readsWholeProduct)
            .isPresent();
  }

  /**
   * The quarantine table's entry: as registered, if someone registered a table by that name, else
   * as it follows from its product's entry; empty when neither exists.
   */
  Optional<CatalogTable> entry(TableId quarantine, Optional<CatalogTable> stored) {
    if (stored.isPresent()) {
      return stored;
    }
    return store
        .catalog()
        .findTable(QuarantineTable.productOf(quarantine))
        .map(QuarantineTable::entryOf);
  }

  /** Why a principal that may not read the quarantine table is refused it. */
  static String refusal(TableId quarantine) {
    TableId product = QuarantineTable.productOf(quarantine);
    return "it is the quarantine table of "
        + product
        + ", whose rows only the producer "
        + quarantine.catalog()
        + " and governance read (the counts are in bin/lakemesh catalog show "
        + product.qualifiedName()
        + ")";
  }

  /** Refuses a grant or request naming a quarantine table: it is no product to give access to. */
  static void requireNotNamed(Resource resource) {
    Optional<TableId> table = resource.tableId();
    if (table.isPresent() && QuarantineTable.is(table.get())) {
      TableId product = QuarantineTable.productOf(table.get());
      throw new InvalidRequestException(
          table.get()
              + " is the quarantine table of "
              + product
              + ": no grant or request gives access to it (only the producer and governance read"
              + " it, with bin/lakemesh quarantine show "
              + product.qualifiedName()
              + "); name the product instead");
    }
  }
}
