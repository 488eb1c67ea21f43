package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.List;

/**
 * A reader's own access to a product ({@link OwnAccess}). Only an unknown principal is refused (on
 * record, as every listing refuses it); a product outside the reader's discovery scope, which it
 * may not learn of, reads as not found, unless the reader holds something on it.
 */
final class OwnAccessReading {
  private final Context ctx;
  private final Discovery discovery;
  private final RequestWorkflow requests;

  OwnAccessReading(Context ctx, Discovery discovery, RequestWorkflow requests) {
    this.ctx = ctx;
    this.discovery = discovery;
    this.requests = requests;
  }

  OwnAccess of(Principal reader, TableId product) {
    CatalogTable table = discoverable(reader, product, "READ the access of");
    boolean mayDescribe = !ctx.entitlements().describable(reader, table).isEmpty();
    List<AccessRequest> own =
        requests.madeBy(reader).stream()
            .filter(
                r ->
                    r.scope().equals(Resource.table(product))
                        || r.scope().equals(Resource.database(product.databaseId())))
            .toList();
    return new OwnAccess(
        product,
        reader,
        mayDescribe,
        ctx.standing(reader, product.catalog()) == Standing.OWNER,
        !ctx.entitlements().describable(reader, QuarantineTable.entryOf(table)).isEmpty(),
        ctx.entitlements().held(reader, table),
        own);
  }

  /**
   * The product's entry, for a reader who may discover it or holds something on it; an unknown
   * principal is refused on record, and a product out of the reader's sight reads as not found.
   */
  CatalogTable discoverable(Principal reader, TableId product, String action) {
    ctx.requireKnown(reader, action, "table " + product);
    CatalogTable table =
        ctx.store().catalog().findTable(product).orElseThrow(() -> notFound(reader, product));
    if (!discovery.covers(reader, product)
        && ctx.entitlements().describable(reader, table).isEmpty()) {
      throw notFound(reader, product);
    }
    return table;
  }

  private static NotFoundException notFound(Principal reader, TableId product) {
    return new NotFoundException(
        "no product "
            + product
            + " that "
            + reader
            + " may discover (bin/lakemesh search --as "
            + reader
            + " lists them)");
  }
}
