package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.EffectiveTags;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a principal holds, computed from the stored grants on every call (nothing is cached, so a
 * revoke counts from the next check, whichever process made it). A principal's grants are its own:
 * a grant to an account's administrator does not reach the principals inside it. A stored grant
 * counts only as far as its chain of authority is in force and it has not expired (see {@link
 * AuthorityChain}).
 */
final class Entitlements {
  private final Mesh mesh;
  private final GovernanceStore store;
  private final TagView tags;
  private final Clock clock;
  private final AuthorityChain chain;
  private final QuarantineTables quarantines;

  Entitlements(
      Mesh mesh, GovernanceStore store, TagView tags, Clock clock, Consumer<Grant> expired) {
    this.mesh = mesh;
    this.store = store;
    this.tags = tags;
    this.clock = clock;
    this.chain = new AuthorityChain(mesh, store, clock, expired);
    this.quarantines = new QuarantineTables(mesh, store);
  }

  /** Who reads products' quarantine tables, which every check here applies. */
  QuarantineTables quarantines() {
    return quarantines;
  }

  /** The grant as far as its chain of authority supports it; empty when it gives nothing. */
  Optional<Grant> inForce(Grant grant) {
    return chain.inForce(grant);
  }

  /** The columns the principal may SELECT, in table order; empty when none. */
  List<Column> selectable(Principal principal, CatalogTable table) {
    return selectableCells(principal, table).visible(table);
  }

  /** The cells the principal may SELECT: columns on every row, and the data filters it holds. */
  Cells selectableCells(Principal principal, CatalogTable table) {
    return cells(principal, table, g -> g.allows(Permission.SELECT));
  }

  /**
   * The columns the principal may see in the catalog: through any permission (Lake Formation's
   * implicit DESCRIBE), or all of them for the governance account holding the entry.
   */
  List<Column> describable(Principal principal, CatalogTable table) {
    return describableCells(principal, table).visible(table);
  }

  /** The cells the principal may see in the catalog, as {@link #describable} counts them. */
  Cells describableCells(Principal principal, CatalogTable table) {
    if (QuarantineTable.is(table.id())) {
      return quarantineCells(principal, table);
    }
    if (Standing.of(mesh, principal, table.id().catalog()) == Standing.GOVERNOR) {
      return Cells.all(table);
    }
    return cells(principal, table, g -> true);
  }

  /**
   * The principal's own grants in force that reach the table: on it, its columns, its data filters
   * or its database, and the LF-tag policies that match one of its columns today.
   */
  List<Grant> held(Principal principal, CatalogTable table) {
    List<Grant> held = new ArrayList<>();
    for (Grant grant : store.grants().grantsCovering(principal, table.id())) {
      Optional<Grant> inForce = chain.inForce(grant);
      if (inForce.isPresent()
          && (!(grant.resource() instanceof Resource.LfTagPolicy policy)
              || !tags.of(table).matching(policy.expression(), table.columns()).isEmpty())) {
        held.add(inForce.get());
      }
    }
    return held;
  }

  /**
   * The principal's own grant on the table, its columns, filters or database that has expired, for
   * a refusal to name; empty when none has.
   */
  Optional<Grant> expiredOn(Principal principal, TableId table) {
    Instant now = clock.instant();
    return store.grants().grantsCovering(principal, table).stream()
        .filter(g -> !(g.resource() instanceof Resource.LfTagPolicy))
        .filter(g -> g.expiredAt(now))
        .findFirst();
  }

  /** True when the principal holds anything on the database or on a table in it. */
  boolean holdsAnythingIn(Principal principal, DatabaseId database) {
    Standing standing = Standing.of(mesh, principal, database.catalog());
    if (standing == Standing.OWNER || standing == Standing.GOVERNOR) {
      return true;
    }
    return store.grants().grantsCovering(principal, database).stream().anyMatch(this::counts)
        || store.grants().grantsToAccount(principal.account()).stream()
            .anyMatch(
                g ->
                    g.grantee().equals(principal)
                        && g.resource().databaseId().equals(Optional.of(database))
                        && counts(g));
  }

  /** A grant to the principal that covers the resource with these permissions grantable. */
  Optional<Grant> grantOption(Principal principal, Resource resource, Set<Permission> wanted) {
    List<Grant> candidates;
    if (resource instanceof Resource.LfTagPolicy) {
      candidates = store.grants().findGrant(principal, resource).stream().toList();
    } else if (resource instanceof Resource.Database d) {
      candidates = store.grants().grantsCovering(principal, d.id());
    } else {
      candidates = store.grants().grantsCovering(principal, resource.tableId().orElseThrow());
    }
    return candidates.stream()
        .filter(g -> g.resource().covers(resource))
        .flatMap(g -> chain.inForce(g).stream())
        .filter(g -> g.mayGrant(wanted))
        .findFirst();
  }

  /**
   * A quarantine table shows everything to those who may read it and nothing to anyone else: no
   * grant on the product, its database or its tags reaches it.
   */
  private Cells quarantineCells(Principal principal, CatalogTable quarantine) {
    boolean readable =
        quarantines.readable(
            principal,
            quarantine.id(),
            product -> {
              Cells cells = selectableCells(principal, product);
              return cells.whole(product) && cells.filters().isEmpty();
            });
    return readable ? Cells.all(quarantine) : Cells.NONE;
  }

  private Cells cells(Principal principal, CatalogTable table, Predicate<Grant> counts) {
    if (QuarantineTable.is(table.id())) {
      return quarantineCells(principal, table);
    }
    if (Standing.of(mesh, principal, table.id().catalog()) == Standing.OWNER) {
      return Cells.all(table);
    }
    List<Resource> held =
        store.grants().grantsCovering(principal, table.id()).stream()
            .flatMap(g -> chain.inForce(g).stream())
            .filter(counts)
            .map(Grant::resource)
            .toList();
    // Every column is visible through a grant on the table or its database, whatever else is
    // held: it is looked for first, so that LF-tag policies, whose evaluation reads the table's
    // tags, are evaluated only while they can still show a column.
    if (held.stream().anyMatch(Entitlements::wholeTable)) {
      return Cells.all(table);
    }
    Set<String> visible = new HashSet<>();
    List<TagExpression> policies = new ArrayList<>();
    List<DataFilter> filters = new ArrayList<>();
    for (Resource resource : held) {
      if (resource instanceof Resource.TableWithColumns c) {
        c.visible(table.columns()).forEach(col -> visible.add(col.name()));
      } else if (resource instanceof Resource.LfTagPolicy policy) {
        policies.add(policy.expression());
      } else if (resource instanceof Resource.DataCellsFilter f) {
        // Read as defined now: a filter grant is about the filter, whatever it selects today.
        store
            .findFilter(table.id(), f.filterName())
            .filter(d -> !d.visible(table.columns()).isEmpty())
            .ifPresent(filters::add);
      }
    }
    if (!policies.isEmpty() && visible.size() < table.columns().size()) {
      EffectiveTags tagged = tags.of(table);
      for (TagExpression policy : policies) {
        tagged.matching(policy, table.columns()).forEach(col -> visible.add(col.name()));
      }
    }
    Cells cells = new Cells(visible, filters);
    return cells.whole(table) ? Cells.all(table) : cells;
  }

  private boolean counts(Grant grant) {
    return chain.inForce(grant).isPresent();
  }

  private static boolean wholeTable(Resource resource) {
    return resource instanceof Resource.Database || resource instanceof Resource.Table;
  }
}
