package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogObject;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.util.Optional;

/**
 * What an engine outside lakemesh may do with a table when it is handed the table's metadata and
 * files (an Iceberg REST client: Trino, a stock Spark, PyIceberg, DuckDB), and so enforces nothing
 * itself: Lake Formation's "full table access" for third-party engines
 * (https://docs.aws.amazon.com/lake-formation/latest/dg/full-table-credential-vending.html).
 *
 * <p>Such an engine reads a table only when the reader's grants show every cell of it; a reader
 * held to some columns or to data filters is refused and pointed at the governed engines, which
 * apply them on every read (as Lake Formation answers an engine that cannot apply column or cell
 * permissions with {@code PermissionTypeMismatchException}, "to avoid data leakage":
 * https://docs.aws.amazon.com/lake-formation/latest/dg/api-overview.html). Reads are recorded as
 * {@code READ} events, collapsed per principal, table and minute. Nothing changes through a
 * resource link: a link is read-only.
 */
final class FullTableAccess {
  private final Context ctx;
  private final AccessChecks access;

  FullTableAccess(Context ctx, AccessChecks access) {
    this.ctx = ctx;
    this.access = access;
  }

  /** SELECT as {@code query} checks it, then every cell; the read is on record when allowed. */
  AccessDecision read(Principal principal, TableId name) {
    AccessDecision decision;
    try {
      decision = access.select(principal, name);
    } catch (AccessDeniedException e) {
      throw withHowToAsk(principal, name, e);
    }
    AuditTrail.Scope scope =
        ctx.trail()
            .of(ctx.subjects().logOf(Resource.table(decision.target()), principal), principal);
    String target = "table " + decision.target();
    scope.check(AuditAction.SELECT, target, () -> requireEveryCell(decision));
    scope.read(target, decision.via().isEmpty() ? "" : "through " + name);
    return decision;
  }

  /**
   * Refuses a change asked for where an engine may make none, on record: through a resource link
   * (the table behind it changes only through its producer's jobs), or in the catalog of an account
   * that produces nothing. Always throws.
   *
   * @param name the table or database the change names, in the principal's catalog
   * @param change what was asked, as a verb phrase ({@code "commit to"}, {@code "drop"})
   */
  void refuseChange(Principal principal, CatalogObject name, String change) {
    Resource resource =
        name instanceof TableId t ? Resource.table(t) : Resource.database((DatabaseId) name);
    ctx.trail()
        .of(ctx.subjects().logOf(resource, principal), principal)
        .check(
            AuditAction.WRITE,
            resource,
            () -> {
              throw Denials.of(principal, change, resource, why(principal, name));
            });
  }

  private String why(Principal principal, CatalogObject name) {
    if (!ctx.mesh().knows(principal)) {
      return "unknown principal " + principal + " (not declared in the mesh)";
    }
    Optional<ResourceLink> link =
        name instanceof TableId t
            ? ctx.resolver().linkAt(t)
            : ctx.store().links().findDatabaseLink((DatabaseId) name).map(ResourceLink.class::cast);
    if (link.isPresent()) {
      return "it is a resource link to "
          + link.get().targetName()
          + ", which is read-only: the data behind it changes only through its producer's jobs";
    }
    if (name instanceof DatabaseId d && holdsTableLinks(d)) {
      return "it holds resource links, which are read-only: the data behind them changes only"
          + " through their producers' jobs";
    }
    return "account "
        + principal.account()
        + " writes tables only in its own catalog as a producer; what it was granted it reads"
        + " through its links";
  }

  private boolean holdsTableLinks(DatabaseId database) {
    return ctx.store().links().listLinks(database.catalog()).stream()
        .anyMatch(
            l -> l instanceof ResourceLink.TableLink t && t.link().databaseId().equals(database));
  }

  /**
   * The refusal with the command that asks the producer for the table, when the name leads to one
   * and the principal is one the mesh knows; the log holds the refusal as {@code query} gets it.
   */
  private AccessDeniedException withHowToAsk(
      Principal principal, TableId name, AccessDeniedException refusal) {
    Optional<TableId> target =
        ctx.mesh().knows(principal)
            ? ctx.resolver().resolve(name).table().map(t -> t.id())
            : Optional.empty();
    return target
        .map(t -> refusal.getMessage() + "; " + askFor(principal, t, "the table"))
        .map(AccessDeniedException::new)
        .orElse(refusal);
  }

  private static String askFor(Principal principal, TableId target, String what) {
    return "ask the producer for "
        + what
        + ": bin/lakemesh request-access --as "
        + principal
        + " --table "
        + target
        + " --perm SELECT";
  }

  /** Refuses a decision that hides cells: only a governed engine can be trusted to hide them. */
  static void requireEveryCell(AccessDecision decision) {
    if (!decision.restricted()) {
      return;
    }
    Principal p = decision.principal();
    String partial =
        decision.filters().isEmpty()
            ? "its grants show only some of the table's columns"
            : "its grants show the table through data filter(s) "
                + String.join(", ", decision.filters().stream().map(DataFilter::name).toList());
    throw new AccessDeniedException(
        Denials.of(p, "SELECT", "table " + decision.target() + " with full table access", partial)
                .getMessage()
            + "; an engine handed the table's files cannot be trusted to hide the rest. Read it"
            + " through a governed engine, which applies the grants on every read: bin/lakemesh"
            + " query --as "
            + p
            + " \"SELECT * FROM "
            + decision.name().qualifiedName()
            + "\", or Spark with the governed catalog"
            + " (spark.sql.catalog.NAME=io.lakemesh.governance.spark.GovernedCatalog,"
            + " spark.sql.catalog.NAME.principal="
            + p
            + "); or "
            + askFor(p, decision.target(), "the whole table"));
  }
}
