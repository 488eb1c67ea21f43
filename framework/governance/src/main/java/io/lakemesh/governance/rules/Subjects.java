package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NoSuchTableException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What an action is about: whether its resource exists, whose data it is, and therefore which audit
 * log records it.
 */
final class Subjects {
  private final Mesh mesh;
  private final GovernanceStore store;
  private final LinkResolver resolver;

  Subjects(Mesh mesh, GovernanceStore store, LinkResolver resolver) {
    this.mesh = mesh;
    this.store = store;
    this.resolver = resolver;
  }

  /** The producer whose data the resource is: its own catalog's, or a link's target's. */
  Optional<String> producerOf(Resource resource) {
    if (mesh.isProducer(resource.catalog())) {
      return Optional.of(resource.catalog());
    }
    String target =
        resource instanceof Resource.Database d
            ? resolver.resolve(d.id()).target().catalog()
            : resource.tableId().map(t -> resolver.resolve(t).target().catalog()).orElse("");
    return mesh.isProducer(target) ? Optional.of(target) : Optional.empty();
  }

  /**
   * The log recording actions on the resource: its producer's, else the one responsible for its
   * catalog or for the actor; null when none is (nothing is then recorded).
   */
  String logOf(Resource resource, Principal actor) {
    return producerOf(resource)
        .map(mesh::auditLogOf)
        .or(() -> mesh.auditLogFor(resource.catalog()))
        .or(() -> mesh.auditLogFor(actor.account()))
        .orElse(null);
  }

  /** The log for an action with no resource: the one responsible for the actor, or null. */
  String logOf(Principal actor) {
    return mesh.auditLogFor(actor.account()).orElse(null);
  }

  /** Checks that the resource names something in the catalog, failing with what is missing. */
  void requireExists(Resource resource) {
    mesh.account(resource.catalog());
    QuarantineTables.requireNotNamed(resource);
    if (resource instanceof Resource.Database d) {
      if (!resolver.resolve(d.id()).exists()) {
        throw new NotFoundException("database not found: " + d.id());
      }
    } else if (resource instanceof Resource.Table t) {
      LinkResolver.TableResolution r = resolver.resolve(t.id());
      if (r.table().isEmpty() && !r.throughLink()) {
        throw new NoSuchTableException(t.id());
      }
    } else if (resource instanceof Resource.TableWithColumns c) {
      requireColumns(table(c.id()), c.namedColumns());
    } else if (resource instanceof Resource.DataCellsFilter f) {
      filter(f.id(), f.filterName());
    } else if (resource instanceof Resource.LfTagPolicy p) {
      requireDefined(p.catalog(), p.expression());
    }
  }

  /** The filter's current definition, on the producer's own table (never through a link). */
  DataFilter filter(TableId table, String name) {
    table(table);
    return store
        .findFilter(table, name)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "table "
                        + table
                        + " has no data filter "
                        + name
                        + " (its producer lists them: bin/lakemesh filter list --table "
                        + table.database()
                        + "."
                        + table.table()
                        + ")"));
  }

  /** The table's entry, never through a link: column grants name a producer's own table. */
  CatalogTable table(TableId id) {
    return store.catalog().findTable(id).orElseThrow(() -> new NoSuchTableException(id));
  }

  static void requireColumns(CatalogTable table, Collection<String> columns) {
    List<String> known = table.columns().stream().map(Column::name).toList();
    List<String> unknown = columns.stream().filter(c -> !known.contains(c)).toList();
    if (!unknown.isEmpty()) {
      throw new NotFoundException(
          "table "
              + table.id()
              + " has no column "
              + String.join(", ", unknown)
              + " (columns: "
              + String.join(", ", known)
              + ")");
    }
  }

  private void requireDefined(String producer, TagExpression expression) {
    if (!mesh.isProducer(mesh.account(producer).id())) {
      throw new InvalidRequestException(
          "an LF-tag policy covers one producer's tables; " + producer + " is not a producer");
    }
    String holder = mesh.holderOf(producer);
    for (TagExpression.Term term : expression.terms()) {
      LfTag tag =
          store
              .tags()
              .findTag(holder, term.key())
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "LF-tag " + term.key() + " is not defined in catalog " + holder));
      term.values().forEach(tag::requireAllowed);
    }
  }
}
