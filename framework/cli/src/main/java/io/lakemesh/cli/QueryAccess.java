package io.lakemesh.cli;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.connect.ConnectionGuide;
import io.lakemesh.governance.connect.ConnectionGuides;
import io.lakemesh.governance.connect.Engine;
import io.lakemesh.governance.connect.ReadPath;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.rules.LinkStatus;
import io.lakemesh.governance.spark.GovernanceTableAccess;
import io.lakemesh.governance.spark.TableAccess;
import java.util.List;
import java.util.Optional;

/**
 * The reads of {@code query}: decided by the governance rules, with the command that gets the
 * reader what it lacks added to a refusal. A name that leads to a product the reader may discover
 * but holds nothing on (no link yet, or a link whose grant ended) is refused with exit 4 and the
 * request-access command {@code connect} suggests; a product granted but not linked yet, with the
 * command that links it.
 */
final class QueryAccess implements TableAccess {
  private final GovernanceService governance;
  private final TableAccess rules;

  QueryAccess(GovernanceService governance) {
    this.governance = governance;
    this.rules = new GovernanceTableAccess(governance);
  }

  @Override
  public Resolved resolveForRead(String principal, String database, String table) {
    try {
      return rules.resolveForRead(principal, database, table);
    } catch (AccessDeniedException refused) {
      Principal reader = Principal.parse(principal);
      if (!governance.mesh().knows(reader)) {
        throw refused;
      }
      throw linkTarget(reader, database, table)
          .map(
              product ->
                  new AccessDeniedException(refused.getMessage() + "; " + ask(reader, product)))
          .orElse(refused);
    } catch (NotFoundException missing) {
      throw withoutLink(Principal.parse(principal), database, table, missing);
    }
  }

  @Override
  public List<String> databases(String principal) {
    return rules.databases(principal);
  }

  @Override
  public List<String> tables(String principal, String database) {
    return rules.tables(principal, database);
  }

  private static String ask(Principal reader, TableId product) {
    return "request access with: " + ConnectionGuides.requestAccessCommand(reader, product);
  }

  /** The product a link of the reader's catalog leads to under {@code database.table}. */
  private Optional<TableId> linkTarget(Principal reader, String database, String table) {
    TableId name = TableId.of(reader.account(), database, table);
    List<LinkStatus> links;
    try {
      links = governance.links(reader);
    } catch (LakemeshException e) {
      return Optional.empty();
    }
    for (LinkStatus status : links) {
      if (status.link() instanceof ResourceLink.TableLink t && t.link().equals(name)) {
        return Optional.of(t.target());
      }
      if (status.link() instanceof ResourceLink.DatabaseLink d
          && d.link().equals(DatabaseId.of(reader.account(), database))) {
        return Optional.of(TableId.of(d.target().catalog(), d.target().database(), table));
      }
    }
    return Optional.empty();
  }

  /**
   * A name not in the reader's catalog: when it names a product ({@code D.N}) or the link a
   * subscription to one would create ({@code D_link.N}), what the reader holds on that product
   * decides the answer; otherwise the answer stays "not found".
   */
  private RuntimeException withoutLink(
      Principal reader, String database, String table, NotFoundException missing) {
    String db =
        database.endsWith(ResourceLink.DEFAULT_SUFFIX)
            ? database.substring(0, database.length() - ResourceLink.DEFAULT_SUFFIX.length())
            : database;
    if (db.isEmpty()
        || db.equals(reader.account())
        || !governance.mesh().knows(reader)
        || !governance.mesh().isProducer(db)) {
      return missing;
    }
    TableId product;
    ConnectionGuide guide;
    try {
      product = TableId.of(db, db, table);
      guide = new ConnectionGuides(governance).guide(reader, product, Engine.SPARK, null);
    } catch (LakemeshException notAProduct) {
      return missing;
    }
    String typed = database + "." + table;
    String productName = ConnectionGuides.cliName(product);
    if (guide.readPath() == ReadPath.NO_ACCESS) {
      String where =
          typed.equals(guide.table())
              ? ", so its catalog has no " + typed + " yet"
              : "; once "
                  + product.catalog()
                  + " approves, "
                  + reader
                  + " reads it as "
                  + guide.table();
      return new AccessDeniedException(
          "access denied: "
              + reader
              + " holds no SELECT on "
              + productName
              + where
              + "; "
              + ask(reader, product));
    }
    String fix =
        guide.linked()
            ? "read it as " + guide.table()
            : "create its link with: " + guide.steps().get(0);
    return new NotFoundException(
        missing.getMessage() + "; " + reader + " may read " + productName + ": " + fix);
  }
}
