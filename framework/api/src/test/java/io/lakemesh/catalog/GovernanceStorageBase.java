package io.lakemesh.catalog;

import static io.lakemesh.catalog.CatalogFixtures.T0;

import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.time.Instant;
import java.util.Set;

/**
 * What every part of the governance storage contract shares: the identifiers and principals its
 * tests use, the backend's capabilities, and the records the tests store. See {@link
 * GovernanceStorageTests}, the suite a backend subclasses.
 */
abstract class GovernanceStorageBase extends CatalogContract {
  protected static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  protected static final TableId RETURNS = TableId.of("sales", "sales", "returns");
  protected static final TableId STOCK = TableId.of("product", "product", "inventory");
  protected static final Principal SALES = Principal.administrator("sales");
  protected static final Principal MARKETING = Principal.administrator("marketing");
  protected static final Principal ANALYST = Principal.of("marketing", "analyst");
  static final Principal FINANCE = Principal.administrator("finance");

  // ---- helpers

  protected SupportsGrants grants() {
    return capability(SupportsGrants.class);
  }

  protected SupportsTags tags() {
    return capability(SupportsTags.class);
  }

  protected SupportsLinks links() {
    return capability(SupportsLinks.class);
  }

  protected SupportsAccessRequests requests() {
    return capability(SupportsAccessRequests.class);
  }

  protected SupportsAudit audit() {
    return capability(SupportsAudit.class);
  }

  protected SupportsProductStatus status() {
    return capability(SupportsProductStatus.class);
  }

  protected SupportsEvents events() {
    return capability(SupportsEvents.class);
  }

  protected SupportsEventDelivery deliveries() {
    return capability(SupportsEventDelivery.class);
  }

  static EventSubscription subscription(long cursor) {
    return new EventSubscription(
        0,
        ANALYST,
        ORDERS,
        Set.of(MeshEvent.Kind.PUBLISHED, MeshEvent.Kind.ACCESS_EXPIRED),
        EventSubscription.Endpoint.webhook("https://hooks.example.com/lakemesh"),
        "key-1",
        cursor,
        T0);
  }

  protected static Grant grant(Principal grantee, Resource resource, Set<Permission> permissions) {
    return grantable(grantee, resource, permissions, Set.of());
  }

  protected static Grant grantable(
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable) {
    return Grant.builder(grantee, resource, permissions)
        .catalog("governance")
        .grantable(grantable)
        .grantor(SALES)
        .grantedAt(T0)
        .build();
  }

  /** An allowed event by the sales producer, {@code minutes} after {@link CatalogFixtures#T0}. */
  protected static AuditEvent event(String log, AuditAction action, String resource, int minutes) {
    Instant at = T0.plusSeconds(60L * minutes);
    return AuditEvent.draft(
        log,
        SALES,
        "sales",
        action,
        resource,
        "none",
        "SELECT",
        AuditEvent.Outcome.ALLOWED,
        "",
        at);
  }
}
