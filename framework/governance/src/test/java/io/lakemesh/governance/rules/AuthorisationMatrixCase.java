package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.SupportsDataFilters;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsLinks;
import io.lakemesh.catalog.SupportsTags;
import io.lakemesh.catalog.SupportsTransactions;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.AuthorisationMatrixTest.Action;
import io.lakemesh.governance.rules.AuthorisationMatrixTest.Kind;
import io.lakemesh.governance.rules.AuthorisationMatrixTest.Outcome;
import io.lakemesh.governance.rules.AuthorisationMatrixTest.Role;
import io.lakemesh.governance.rules.AuthorisationMatrixTest.Row;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One row of {@link AuthorisationMatrixTest} in one topology, on resources of its own: arranges
 * what the class comment there describes, performs the action as the row's actor and checks the
 * decision, its audit and, after a refusal, that nothing changed.
 */
final class AuthorisationMatrixCase {
  // What the producer and governance read of the quarantine table: the product's columns, then
  // the run, the rules broken and the time each row was set aside.
  private static final List<String> QUARANTINE_COLUMNS =
      List.of(
          "order_id", "customer_id", "amount", "country", "_run_id", "_rules", "_quarantined_at");

  // The data filter R of the filter kind: the US rows, every column but customer_id.
  private static final String FILTER_NAME = "us_only";

  private final MeshWorld world;
  private final Governance g;
  private final GovernanceService acting;
  private final Row row;
  private final TableId table;
  private final DatabaseId database;
  private final Resource resource;
  private final Principal actor;
  private final String log;
  private long request;

  AuthorisationMatrixCase(MeshWorld world, GovernanceService acting, int n, Row row) {
    this.world = world;
    this.g = world.governance;
    this.acting = acting;
    this.row = row;
    this.table = TableId.of("sales", "c" + n, "orders");
    this.database = table.databaseId();
    this.resource = resource(row.kind(), table, n);
    this.actor = actor(row.role(), world);
    this.log = world.mesh.auditLogOf("sales");
  }

  /** Null when the decision is right, else what is wrong. */
  String run(Outcome expected) {
    arrange();
    long before = world.lastSeq(log);
    BooleanSupplier unchanged = unchangedProbe();
    RuntimeException failure = null;
    List<String> columns = null;
    try {
      columns = act();
    } catch (RuntimeException e) {
      failure = e;
    }
    List<AuditEvent> added = world.eventsAfter(log, before);
    if (expected == Outcome.ALLOW) {
      if (failure != null) {
        return "expected ALLOW, refused: " + failure;
      }
      if (columns != null && !columns.equals(expectedColumns())) {
        return "allowed, but shows columns " + columns + " instead of " + expectedColumns();
      }
      if (changesState()
          && added.stream().noneMatch(e -> !e.refused() && e.actor().equals(actor))) {
        return "allowed, but not audited in log " + log;
      }
      return null;
    }
    if (!(failure instanceof AccessDeniedException)) {
      return "expected DENY (AccessDeniedException), got "
          + (failure == null ? "success" : failure);
    }
    if (!failure.getMessage().contains(actor.toString())) {
      return "refusal does not name the principal: " + failure.getMessage();
    }
    if (!unchanged.getAsBoolean()) {
      return "refused, but something changed";
    }
    if (added.stream().noneMatch(e -> e.refused() && e.actor().equals(actor))) {
      return "refused, but not audited in log " + log;
    }
    return null;
  }

  /** In one transaction where the backend has them (it is faster), call by call otherwise. */
  private void arrange() {
    if (world.catalog instanceof SupportsTransactions tx) {
      tx.inTransaction(
          () -> {
            arrangeInOneUnit();
            return null;
          });
    } else {
      arrangeInOneUnit();
    }
  }

  private void arrangeInOneUnit() {
    world.publish(table);
    g.assignTag(SALES, TagTarget.database(database), "case", database.database());
    g.assignTag(SALES, TagTarget.table(table), "classification", "internal");
    g.assignTag(SALES, TagTarget.column(table, "customer_id"), "classification", "confidential");
    if (row.kind() == Kind.FILTER) {
      g.createFilter(
          SALES,
          new DataFilter(table, FILTER_NAME, "country = 'US'", List.of(), List.of("customer_id")));
    }
    Set<Permission> held = permissions();
    g.grant(SALES, MARKETING, resource, held, held);
    if (row.role() == Role.GOVERNANCE_AUTHORISED && world.topology != Topology.FEDERATED) {
      g.grant(SALES, world.governor(), resource, held, held);
    }
    if (row.action() == Action.APPROVE || row.action() == Action.DENY) {
      request = g.requestAccess(FINANCE, resource, Set.of(Permission.SELECT)).id();
    }
    if (row.action() == Action.REVOKE) {
      g.grant(MARKETING, ANALYST, resource, Set.of(Permission.SELECT));
    }
  }

  /** Performs the action as the actor; returns the columns shown by a read. */
  private List<String> act() {
    switch (row.action()) {
      case GRANT -> acting.grant(actor, ANALYST, resource, Set.of(Permission.SELECT));
      case REVOKE -> acting.revoke(actor, ANALYST, resource, Set.of(Permission.SELECT));
      case APPROVE -> acting.approve(actor, request);
      case DENY -> acting.deny(actor, request, "not for finance");
      case QUERY -> {
        return shown(acting.checkSelect(actor, table));
      }
      case CREATE_FILTER -> acting.createFilter(actor, newFilter());
      case DROP_FILTER -> acting.dropFilter(actor, table, FILTER_NAME);
      case QUERY_AFTER_DROP -> {
        g.dropFilter(SALES, table, FILTER_NAME);
        return shown(acting.checkSelect(actor, table));
      }
      case DESCRIBE -> acting.describe(actor, table);
      case QUERY_QUARANTINE -> {
        return shown(acting.checkSelect(actor, QuarantineTable.of(table)));
      }
      case DESCRIBE_QUARANTINE -> acting.describe(actor, QuarantineTable.of(table));
      case CREATE_LINK -> acting.createLink(actor, link());
      case TAG -> tag();
      case PUBLISH ->
          acting.publish(actor, world.publication(table, MeshWorld.ORDER_COLUMNS, Map.of()));
    }
    return null;
  }

  /** What a read shows: its columns, and the rows it keeps when not all. */
  private static List<String> shown(AccessDecision read) {
    List<String> shown = new ArrayList<>(read.visibleColumnNames());
    read.rowFilter().ifPresent(rows -> shown.add("rows where " + rows));
    return shown;
  }

  private DataFilter newFilter() {
    return new DataFilter(table, "big", "amount > 100", null, null);
  }

  private void tag() {
    switch (row.kind()) {
      case DATABASE -> acting.assignTag(actor, TagTarget.database(database), "domain", "sales");
      case TABLE -> acting.assignTag(actor, TagTarget.table(table), "domain", "sales");
      case COLUMNS, FILTER ->
          acting.assignTag(actor, TagTarget.column(table, "amount"), "domain", "sales");
      case TAG_POLICY ->
          acting.createTag(actor, world.salesTagCatalog(), LfTag.of(newTagKey(), "yes", "no"));
    }
  }

  private ResourceLink link() {
    String name = database.database() + "_link";
    return row.kind() == Kind.DATABASE
        ? new ResourceLink.DatabaseLink(DatabaseId.of(actor.account(), name), database)
        : new ResourceLink.TableLink(TableId.of(actor.account(), name, "orders"), table);
  }

  /** What must still hold after a refusal. */
  private BooleanSupplier unchangedProbe() {
    SupportsTags tags = (SupportsTags) world.catalog;
    SupportsLinks links = (SupportsLinks) world.catalog;
    SupportsDataFilters filters = (SupportsDataFilters) world.catalog;
    String linkName = actor.account() + ":" + database.database() + "_link";
    return switch (row.action()) {
      case GRANT -> () -> analystGrant().isEmpty();
      case REVOKE -> () -> analystGrant().isPresent();
      case APPROVE, DENY -> () -> state() == AccessRequest.State.PENDING;
      case QUERY, DESCRIBE, QUERY_AFTER_DROP, QUERY_QUARANTINE, DESCRIBE_QUARANTINE -> () -> true;
      case CREATE_FILTER -> () -> filters.findFilter(table, newFilter().name()).isEmpty();
      case DROP_FILTER -> () -> filters.findFilter(table, FILTER_NAME).isPresent();
      case CREATE_LINK -> () -> noLinkNamed(links, linkName);
      case TAG ->
          row.kind() == Kind.TAG_POLICY
              ? () -> tags.findTag(world.salesTagCatalog(), newTagKey()).isEmpty()
              : () ->
                  tags.tagsOf(table).stream().map(TagAssignment::key).noneMatch("domain"::equals);
      case PUBLISH -> () -> world.catalog.loadTable(table).version() == 1;
    };
  }

  private boolean noLinkNamed(SupportsLinks links, String name) {
    try {
      return links.listLinks(actor.account()).stream().noneMatch(l -> l.name().startsWith(name));
    } catch (InvalidConfigException e) {
      // The backend has no catalog for the account (on AWS, no AWS account is configured for
      // it), so no link can have been created there.
      return true;
    }
  }

  private Optional<Grant> analystGrant() {
    return ((SupportsGrants) world.catalog).findGrant(ANALYST, resource);
  }

  private AccessRequest.State state() {
    return ((SupportsAccessRequests) world.catalog).findRequest(request).orElseThrow().state();
  }

  private boolean changesState() {
    return row.action() != Action.QUERY
        && row.action() != Action.DESCRIBE
        && row.action() != Action.QUERY_AFTER_DROP
        && row.action() != Action.QUERY_QUARANTINE
        && row.action() != Action.DESCRIBE_QUARANTINE;
  }

  private String newTagKey() {
    return "extra_" + database.database();
  }

  private Set<Permission> permissions() {
    return row.kind() == Kind.COLUMNS || row.kind() == Kind.FILTER
        ? EnumSet.of(Permission.SELECT)
        : EnumSet.of(Permission.SELECT, Permission.DESCRIBE);
  }

  /** Columns an allowed query shows: all to the owner, what R covers to its grantees. */
  private List<String> expectedColumns() {
    if (row.action() == Action.QUERY_QUARANTINE) {
      return QUARANTINE_COLUMNS;
    }
    if (row.role() == Role.OWNER) {
      return MeshWorld.ORDER_COLUMNS;
    }
    return switch (row.kind()) {
      case DATABASE, TABLE -> MeshWorld.ORDER_COLUMNS;
      case COLUMNS -> List.of("order_id", "amount");
      case TAG_POLICY -> List.of("order_id", "amount", "country");
      case FILTER -> List.of("order_id", "amount", "country", "rows where (country = 'US')");
    };
  }

  private static Resource resource(Kind kind, TableId table, int n) {
    return switch (kind) {
      case DATABASE -> Resource.database(table.databaseId());
      case TABLE -> Resource.table(table);
      case COLUMNS -> Resource.columns(table, List.of("order_id", "amount"));
      case FILTER -> Resource.filter(table, FILTER_NAME);
      case TAG_POLICY ->
          Resource.tagPolicy(
              "sales",
              TagExpression.parse("case=c" + n + " AND classification IN (internal,public)"));
    };
  }

  private static Principal actor(Role role, MeshWorld world) {
    return switch (role) {
      case OWNER -> SALES;
      case OTHER_PRODUCER -> PRODUCT;
      case GOVERNANCE, GOVERNANCE_AUTHORISED -> world.governor();
      case CONSUMER_ADMIN -> MARKETING;
      case CONSUMER_PRINCIPAL -> ANALYST;
      case UNKNOWN -> MeshWorld.NOBODY;
    };
  }
}
