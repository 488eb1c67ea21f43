package io.lakemesh.governance.rules;

import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Principal;
import java.util.List;
import java.util.Objects;

/**
 * What one reader holds on one product and what it may do there: the answer a product page asks for
 * first, so that it calls for nothing the reader may not read (each such call would be refused, and
 * every refusal is audited). Reading one's own access is never refused.
 *
 * @param table the product's table
 * @param reader who asks
 * @param mayDescribe the reader may describe the table (its records, tags, grants and lineage)
 * @param mayDecide the reader decides on requests for it (the owning producer's administrator)
 * @param mayReadQuarantine the reader reads the rows its quality gate set aside (its quarantine
 *     table: the producer and governance)
 * @param grants the reader's own grants in force that reach the table (on it, some of its columns,
 *     one of its data filters, its database, or a tag policy that matches it)
 * @param requests the reader's own requests for the table or its database, oldest first
 */
public record OwnAccess(
    TableId table,
    Principal reader,
    boolean mayDescribe,
    boolean mayDecide,
    boolean mayReadQuarantine,
    List<Grant> grants,
    List<AccessRequest> requests) {

  public OwnAccess {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(reader, "reader");
    grants = List.copyOf(grants);
    requests = List.copyOf(requests);
  }
}
