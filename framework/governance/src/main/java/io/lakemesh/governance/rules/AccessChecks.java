package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Reads: SELECT and DESCRIBE checks on a name as a principal uses it, and the catalog a principal
 * browses (its own account's databases, tables and links). Every check reads the stored grants.
 */
final class AccessChecks {
  private static final String NO_SELECT =
      "missing SELECT (no grant on the table, its columns, its database or a matching LF-tag"
          + " policy)";
  private static final String NO_DESCRIBE = "missing DESCRIBE (no permission on the table)";

  private final Context ctx;
  private final RecordRedaction redaction;

  AccessChecks(Context ctx) {
    this.ctx = ctx;
    this.redaction = new RecordRedaction(ctx);
  }

  /** What a reader sees of the catalog's records. */
  RecordRedaction redaction() {
    return redaction;
  }

  AccessDecision select(Principal principal, TableId name) {
    return decide(
        principal, name, AuditAction.SELECT, NO_SELECT, ctx.entitlements()::selectableCells);
  }

  /** The entry with the columns the principal may see. */
  CatalogTable describe(Principal principal, TableId name) {
    AccessDecision d =
        decide(
            principal,
            name,
            AuditAction.DESCRIBE,
            NO_DESCRIBE,
            (p, t) -> new Cells(names(ctx.entitlements().describable(p, t)), List.of()));
    return d.table();
  }

  /** The databases of the principal's account catalog: its own, and its links. */
  List<String> databases(Principal principal) {
    requireKnown(principal);
    String account = principal.account();
    TreeSet<String> names = new TreeSet<>();
    ctx.store().catalog().listDatabases(account).forEach(d -> names.add(d.database()));
    for (ResourceLink link : ctx.store().links().listLinks(account)) {
      names.add(
          link instanceof ResourceLink.TableLink t
              ? t.link().database()
              : ((ResourceLink.DatabaseLink) link).link().database());
    }
    return List.copyOf(names);
  }

  /**
   * The tables of one database of the principal's catalog that it may see. The name is of the
   * reader's own catalog: a refusal goes to its own account's log.
   */
  List<String> tables(Principal principal, String database) {
    requireKnown(principal);
    return ctx.trail()
        .of(ctx.subjects().logOf(principal), principal)
        .decide(
            AuditAction.DESCRIBE,
            "database " + principal.account() + ":" + database,
            () -> tableNames(principal, DatabaseId.of(principal.account(), database)));
  }

  private List<String> tableNames(Principal principal, DatabaseId db) {
    TreeSet<String> names = new TreeSet<>();
    LinkResolver.DatabaseResolution r = ctx.resolver().resolve(db);
    if (r.throughLink() && !r.exists()) {
      throw new NotFoundException(
          "dangling link: "
              + r.via().get(r.via().size() - 1)
              + " points at "
              + r.target()
              + ", which is not in the catalog");
    }
    for (CatalogTable table : ctx.store().catalog().listTables(r.target().catalog())) {
      if (table.id().databaseId().equals(r.target())
          && !ctx.entitlements().describable(principal, table).isEmpty()) {
        names.add(table.id().table());
      }
    }
    boolean holdsLinks = false;
    for (ResourceLink link : ctx.store().links().listLinks(principal.account())) {
      if (link instanceof ResourceLink.TableLink t && t.link().databaseId().equals(db)) {
        names.add(t.link().table());
        holdsLinks = true;
      }
    }
    if (!r.exists() && !holdsLinks) {
      throw new NotFoundException("database not found: " + db);
    }
    return List.copyOf(names);
  }

  private AccessDecision decide(
      Principal principal,
      TableId name,
      AuditAction action,
      String missing,
      BiFunction<Principal, CatalogTable, Cells> visible) {
    AuditTrail.Scope own = ctx.trail().of(ctx.subjects().logOf(principal), principal);
    LinkResolver.TableResolution r =
        own.decide(action, "table " + name, () -> ctx.resolver().resolve(name));
    String target = "table " + r.target();
    Optional<CatalogTable> entry = entry(r);
    // A refusal about a stored table or table link goes to its holder's log; about any other name
    // (the caller's to choose, even through a database link) to the reader's own account's log.
    String log =
        r.reachesStored() || entry.isPresent()
            ? ctx.subjects().logOf(Resource.table(r.target()), principal)
            : ctx.subjects().logOf(principal);
    String shown = r.throughLink() ? target + " (through " + name + ")" : target;
    return ctx.trail()
        .of(log, principal)
        .decide(
            action,
            target,
            () -> {
              if (!ctx.mesh().knows(principal)) {
                throw Denials.unknown(principal, action.name(), shown);
              }
              if (r.throughLink() && !r.via().get(0).catalog().equals(principal.account())) {
                throw Denials.of(
                    principal,
                    action.name(),
                    shown,
                    r.via().get(0)
                        + " is in account "
                        + r.via().get(0).catalog()
                        + "'s catalog; a principal reads through its own account's links");
              }
              CatalogTable table = entry.orElseGet(r::require);
              Cells cells = visible.apply(principal, table);
              List<Column> columns = cells.visible(table);
              if (columns.isEmpty()) {
                throw Denials.of(
                    principal,
                    action.name(),
                    shown,
                    QuarantineTable.is(table.id())
                        ? QuarantineTables.refusal(table.id())
                        : missing(principal, table, action, missing));
              }
              return new AccessDecision(
                  principal,
                  name,
                  r.target(),
                  r.via(),
                  redaction.table(principal, table, columns),
                  columns,
                  cells.whole(table),
                  cells.unfiltered(),
                  cells.filters().stream()
                      .map(f -> redaction.filter(principal, f, table))
                      .toList());
            });
  }

  /** The entry a name leads to; a product's quarantine table follows from the product's. */
  private Optional<CatalogTable> entry(LinkResolver.TableResolution r) {
    return QuarantineTable.is(r.target())
        ? ctx.entitlements().quarantines().entry(r.target(), r.table())
        : r.table();
  }

  /** What is missing; for a principal whose grant has expired, that grant and when it ended. */
  private String missing(
      Principal principal, CatalogTable table, AuditAction action, String otherwise) {
    return ctx.entitlements()
        .expiredOn(principal, table.id())
        .map(
            g ->
                "missing "
                    + action.name()
                    + " (its grant of "
                    + Permission.format(g.permissions())
                    + " on "
                    + g.resource()
                    + " expired at "
                    + g.expires()
                    + ")")
        .orElse(otherwise);
  }

  private static Set<String> names(List<Column> columns) {
    return columns.stream().map(Column::name).collect(Collectors.toSet());
  }

  /**
   * The principal a caller acts as: the one its token names. A claim to act as another is refused,
   * and recorded in the log responsible for the principal claimed (else for the caller).
   */
  Principal actingAs(Principal authenticated, String claimed) {
    String text = claimed == null ? "" : claimed.strip();
    if (text.isEmpty() || text.equals(authenticated.toString())) {
      return authenticated;
    }
    // The claim is the caller's text: keep the log readable whatever it sent.
    String other = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    String log =
        claimedAccount(other)
            .flatMap(ctx.mesh()::auditLogFor)
            .orElse(ctx.subjects().logOf(authenticated));
    return ctx.trail()
        .of(log, authenticated)
        .decide(
            AuditAction.ACT_AS,
            "principal " + other,
            () -> {
              throw new AccessDeniedException(
                  "access denied: the token of " + authenticated + " cannot act as " + other);
            });
  }

  private static Optional<String> claimedAccount(String claimed) {
    try {
      return Optional.of(Principal.parse(claimed).account());
    } catch (RuntimeException notAPrincipal) {
      return Optional.empty();
    }
  }

  void requireKnown(Principal principal) {
    ctx.requireKnown(principal, "BROWSE", "catalog " + principal.account());
  }
}
