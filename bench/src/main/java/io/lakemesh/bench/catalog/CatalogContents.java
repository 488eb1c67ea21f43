package io.lakemesh.bench.catalog;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsTags;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Resource;
import java.util.List;

/**
 * What a catalog holds, counted from the catalog itself (not from what the fill meant to do).
 *
 * @param products current table entries
 * @param grants grants held in the governance account's catalog (all of them, in central)
 * @param tagPolicies those of them on LF-tag expressions
 * @param tagAssignments LF-tag values assigned to the products' tables and columns
 * @param auditEvents events in the governance account's audit log
 */
record CatalogContents(
    int products, int grants, int tagPolicies, int tagAssignments, long auditEvents) {

  static CatalogContents of(GovernanceCatalog catalog) {
    List<CatalogTable> tables = catalog.listTables(null);
    List<Grant> grants = ((SupportsGrants) catalog).grantsHeldIn(ScaleMesh.GOVERNANCE);
    int policies =
        (int) grants.stream().filter(g -> g.resource() instanceof Resource.LfTagPolicy).count();
    SupportsTags tags = (SupportsTags) catalog;
    int assigned = 0;
    for (CatalogTable t : tables) {
      assigned +=
          (int)
              tags.tagsOf(t.id()).stream()
                  .filter(a -> a.target().table().equals(t.id().table()))
                  .count();
    }
    List<AuditEvent> newest =
        ((SupportsAudit) catalog).auditEvents(AuditQuery.ofLog(ScaleMesh.GOVERNANCE).limit(1));
    long events = newest.isEmpty() ? 0 : newest.get(0).seq();
    return new CatalogContents(tables.size(), grants.size(), policies, assigned, events);
  }

  @Override
  public String toString() {
    return String.format(
        "%,d products, %,d grants (%,d of them LF-tag policies), %,d LF-tag assignments,"
            + " %,d audit events",
        products, grants, tagPolicies, tagAssignments, auditEvents);
  }
}
