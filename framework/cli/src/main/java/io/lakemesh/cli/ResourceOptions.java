package io.lakemesh.cli;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.rules.GovernanceService;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The resource a grant, revoke or request is about: a table (some of its columns, or one of its
 * data filters), a database, or a tag policy.
 */
final class ResourceOptions {
  @Option(
      names = "--table",
      paramLabel = "D.T",
      description = "A product table, DB.TABLE (or ACCOUNT:DB.TABLE).")
  String table;

  @Option(
      names = "--columns",
      split = ",",
      paramLabel = "C",
      description = "Only these columns of --table.")
  List<String> columns = new ArrayList<>();

  @Option(
      names = "--filter",
      paramLabel = "NAME",
      description = "SELECT through this data filter of --table (see: filter list D.T).")
  String filter;

  @Option(
      names = "--database",
      paramLabel = "D",
      description = "A whole database (D, or ACCOUNT:D).")
  String database;

  @Option(
      names = "--tag-expr",
      paramLabel = "EXPR",
      description =
          "An LF-tag policy, e.g. \"domain=sales AND classification IN (public,internal)\".")
  String tagExpression;

  @Option(
      names = "--catalog",
      paramLabel = "ACCOUNT",
      description =
          "The catalog a tag policy applies in (default: the one that holds the acting producer's products).")
  String catalog;

  Resource resolve(GovernanceService governance, Principal actor) {
    int given =
        (table != null ? 1 : 0) + (database != null ? 1 : 0) + (tagExpression != null ? 1 : 0);
    if (given != 1) {
      throw new InvalidConfigException(
          "--table", "give exactly one of --table, --database or --tag-expr");
    }
    if (!columns.isEmpty() && table == null) {
      throw new InvalidConfigException("--columns", "--columns goes with --table");
    }
    if (filter != null && (table == null || !columns.isEmpty())) {
      throw new InvalidConfigException("--filter", "--filter goes with --table, without --columns");
    }
    if (table != null) {
      TableId id = Tables.parse(table);
      if (filter != null) {
        return Resource.filter(id, filter);
      }
      return columns.isEmpty() ? Resource.table(id) : Resource.columns(id, columns);
    }
    if (database != null) {
      int colon = database.indexOf(':');
      return Resource.database(
          colon < 0
              ? DatabaseId.of(database, database)
              : DatabaseId.of(database.substring(0, colon), database.substring(colon + 1)));
    }
    String in = catalog != null ? catalog : governance.mesh().holderOf(actor.account());
    return Resource.tagPolicy(in, TagExpression.parse(tagExpression));
  }
}
