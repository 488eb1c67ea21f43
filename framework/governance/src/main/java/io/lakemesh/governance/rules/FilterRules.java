package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.RowPredicate;
import java.util.ArrayList;
import java.util.List;

/**
 * Data filters (Lake Formation's data cells filters): named restrictions of a producer's table to
 * some rows and columns, granted like a table. The producer creates and drops them, and so may the
 * governance account holding its entries (as Lake Formation's data lake administrator may); a
 * filter grants nothing by itself. Dropping one ends, in the same unit, every grant made on it and
 * every request for it.
 */
final class FilterRules {
  private final Context ctx;
  private final Cascade cascade;
  private final RecordRedaction redaction;

  FilterRules(Context ctx, Cascade cascade, RecordRedaction redaction) {
    this.ctx = ctx;
    this.cascade = cascade;
    this.redaction = redaction;
  }

  DataFilter create(Principal actor, DataFilter filter) {
    Resource resource = filter.resource();
    AuditTrail.Scope audit = ctx.trail().of(ctx.subjects().logOf(resource, actor), actor);
    audit.check(
        AuditAction.FILTER_CREATE,
        resource,
        () -> {
          requireProducerSide(actor, "CREATE", resource);
          ctx.store().filters();
          CatalogTable table = ctx.subjects().table(filter.table());
          requireValid(filter, table);
          if (ctx.store().findFilter(filter.table(), filter.name()).isPresent()) {
            throw new AlreadyExistsException(
                "table "
                    + filter.table()
                    + " has a data filter named "
                    + filter.name()
                    + " already; drop it first or choose another name");
          }
        });
    return ctx.store()
        .atomically(
            () -> {
              ctx.store().filters().createFilter(filter);
              audit
                  .actingAs(filter.table().catalog())
                  .allowed(AuditAction.FILTER_CREATE, resource, "", definition(filter));
              return filter;
            });
  }

  /**
   * The filters of a table (or of the table a link of the actor's account leads to): all of them to
   * its producer and the governance account holding its entries; to anyone else, those it holds a
   * grant on.
   */
  List<DataFilter> list(Principal actor, TableId name) {
    ctx.requireKnown(actor, "LIST data filters of", "table " + name);
    CatalogTable table =
        ctx.trail()
            .of(ctx.subjects().logOf(actor), actor)
            .decide(
                AuditAction.DESCRIBE,
                "table " + name,
                () -> ctx.resolver().resolve(name).require());
    if (ctx.store().dataFilters() == null) {
      return List.of();
    }
    String owner = table.id().catalog();
    return ctx.store().dataFilters().listFilters(owner).stream()
        .filter(f -> f.table().equals(table.id()))
        .filter(f -> redaction.ownerOrGovernor(actor, owner) || holds(actor, f))
        .map(f -> redaction.filter(actor, f, table))
        .toList();
  }

  private boolean holds(Principal actor, DataFilter filter) {
    return ctx.store()
        .grants()
        .findGrant(actor, filter.resource())
        .flatMap(ctx.entitlements()::inForce)
        .isPresent();
  }

  void drop(Principal actor, TableId table, String name) {
    Resource resource = Resource.filter(table, name);
    AuditTrail.Scope audit = ctx.trail().of(ctx.subjects().logOf(resource, actor), actor);
    DataFilter filter =
        audit.decide(
            AuditAction.FILTER_DROP,
            resource,
            () -> {
              requireProducerSide(actor, "DROP", resource);
              ctx.store().filters();
              return ctx.subjects().filter(table, name);
            });
    AuditTrail.Scope onBehalf = audit.actingAs(table.catalog());
    ctx.store()
        .atomically(
            () -> {
              String cause = "data filter " + name + " of " + table + " dropped";
              endRequests(actor, onBehalf, resource, cause);
              cascade.endAllOn(actor, resource, cause);
              ctx.store().filters().dropFilter(table, name);
              onBehalf.allowed(AuditAction.FILTER_DROP, resource, definition(filter), "");
              return null;
            });
  }

  /**
   * A pending request for the filter is denied, and a subscription through it (asked for the
   * filter, or approved with it) is revoked: the cells it was about no longer exist.
   */
  private void endRequests(Principal actor, AuditTrail.Scope audit, Resource filter, String cause) {
    for (AccessRequest r : ctx.store().requests().requestsFor(filter.catalog())) {
      boolean asked = filter.equals(r.resource());
      boolean approved = filter.equals(r.granted());
      AccessRequest next = null;
      AuditAction action = null;
      if (r.state() == AccessRequest.State.PENDING && asked) {
        next = r.denied(actor, cause, ctx.now());
        action = AuditAction.DENY;
      } else if (r.state() == AccessRequest.State.ACTIVE && (asked || approved)) {
        next = r.revoked(actor, ctx.now());
        action = AuditAction.REVOKE_SUBSCRIPTION;
      }
      if (next != null) {
        ctx.events().requestMoved(ctx.store().requests().updateRequest(next, r.state()));
        audit.allowed(
            action,
            r.resource(),
            "request " + r.id() + " " + r.state(),
            "request " + r.id() + " " + next.state() + "; " + cause);
      }
    }
  }

  private void requireProducerSide(Principal actor, String action, Resource resource) {
    String producer = resource.catalog();
    switch (ctx.standing(actor, producer)) {
      case UNKNOWN -> throw Denials.unknown(actor, action, resource);
      case OWNER, GOVERNOR -> {}
      default ->
          throw Denials.of(
              actor,
              action,
              resource,
              "only the producer "
                  + producer
                  + " (or the governance account holding its entries) manages the data filters"
                  + " of its tables");
    }
    if (!ctx.mesh().isProducer(producer)) {
      throw new InvalidRequestException(
          "data filters restrict a producer's tables; " + producer + " is not a producer");
    }
  }

  /** The filter's columns exist, it shows at least one, and its row filter is a predicate on it. */
  private static void requireValid(DataFilter filter, CatalogTable table) {
    List<String> named = new ArrayList<>(filter.includedColumns());
    named.addAll(filter.excludedColumns());
    Subjects.requireColumns(table, named);
    if (filter.visible(table.columns()).isEmpty()) {
      throw new InvalidRequestException(
          filter + " would show no column of the table; exclude fewer columns");
    }
    if (filter.allRows()) {
      return;
    }
    List<String> hidden =
        RowPredicate.columnsOf(
                filter.rowFilter(), table.columns().stream().map(Column::name).toList(), filter)
            .stream()
            .filter(c -> !filter.shows(c))
            .toList();
    // Engines receive the predicate to apply it, and so does the holder who asks for the filter:
    // a name in it must be one the filter shows (one redaction rule for what a reader sees).
    if (!hidden.isEmpty()) {
      throw new InvalidRequestException(
          "the row filter of "
              + filter
              + " names "
              + String.join(", ", hidden)
              + ", which the filter hides, and its holders would read that name in it; show the"
              + " column, or filter on columns the filter shows");
    }
  }

  /** How the audit log records a filter's definition. */
  private static String definition(DataFilter f) {
    String columns =
        !f.includedColumns().isEmpty()
            ? "columns " + String.join(",", f.includedColumns())
            : f.excludedColumns().isEmpty()
                ? "all columns"
                : "all columns except " + String.join(",", f.excludedColumns());
    return "rows " + (f.allRows() ? "all" : "where " + f.rowFilter()) + "; " + columns;
  }
}
