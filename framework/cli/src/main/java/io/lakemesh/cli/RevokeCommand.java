package io.lakemesh.cli;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.connect.ConnectionGuides;
import io.lakemesh.governance.rules.GovernanceService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description =
        "Revoke permissions (and the grant option on them); takes effect on the"
            + " grantee's next query. A grant is revoked on the resource it was made on: a grant of"
            + " some columns with --columns, one through a data filter with --filter; when nothing"
            + " is held on the resource named, the answer names what is held on that table instead"
            + " and the command that revokes it.")
final class RevokeCommand implements Callable<Integer> {
  @Mixin Environment env;
  @Mixin ResourceOptions resource;

  @Option(names = "--as", required = true, paramLabel = "WHO", description = "Acting principal.")
  String actor;

  // --to as well: the word grant takes for the same principal, and the one people try first.
  @Option(
      names = {"--from", "--to"},
      required = true,
      paramLabel = "WHO",
      description = "The grantee to revoke from (--to, as grant names it, is the same).")
  String grantee;

  @Option(
      names = "--perm",
      required = true,
      paramLabel = "P[,P...]",
      description = "Permissions to revoke.")
  String permissions;

  @Option(
      names = "--json",
      description = "Print JSON: {stillHeld}, the grant left on that resource (null: none).")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      Principal as = Principal.parse(actor);
      Principal from = Principal.parse(grantee);
      Resource asked = resource.resolve(env.governance(), as);
      Optional<Grant> left;
      try {
        left = env.governance().revoke(as, from, asked, Permission.parseList(permissions));
      } catch (NotFoundException nothing) {
        throw heldInstead(env.governance(), as, from, asked, nothing);
      }
      JsonOutput.print(
          json,
          JsonOutput.object("stillHeld", left.orElse(null)),
          left.map(g -> "revoked; still held: " + g)
              .orElse("revoked; nothing left on that resource"));
      return 0;
    }
  }

  /**
   * Nothing held on the resource named: the grants the grantee holds on the same table (its
   * columns, a data filter of it, the table, its database) instead, each with the command that
   * revokes it. They are not revoked on a guess: in Lake Formation, too, a grant is revoked on the
   * resource it was made on.
   */
  private static NotFoundException heldInstead(
      GovernanceService governance,
      Principal actor,
      Principal grantee,
      Resource asked,
      NotFoundException nothing) {
    Optional<TableId> table = asked.tableId();
    if (table.isEmpty()) {
      return nothing;
    }
    List<Grant> held;
    try {
      held =
          governance.grants(actor).stream()
              .filter(g -> g.grantee().equals(grantee) && reaches(g.resource(), table.get()))
              .toList();
    } catch (LakemeshException cannotList) {
      return nothing;
    }
    if (held.isEmpty() || held.stream().anyMatch(g -> g.resource().equals(asked))) {
      return nothing;
    }
    StringBuilder text = new StringBuilder(nothing.getMessage());
    for (Grant g : held) {
      String permissions = Permission.format(g.permissions());
      text.append("; ").append(grantee).append(" holds ").append(permissions);
      text.append(" on ").append(g.resource());
      options(g.resource())
          .ifPresent(
              o ->
                  text.append(": revoke it with bin/lakemesh revoke --as ")
                      .append(actor)
                      .append(" --from ")
                      .append(grantee)
                      .append(' ')
                      .append(o)
                      .append(" --perm ")
                      .append(permissions));
    }
    return new NotFoundException(text.toString());
  }

  private static boolean reaches(Resource granted, TableId table) {
    return granted instanceof Resource.Database d
        ? d.id().equals(table.databaseId())
        : granted.tableId().map(table::equals).orElse(false);
  }

  /** The options of this command that name the resource; none for what they cannot name. */
  private static Optional<String> options(Resource r) {
    if (r instanceof Resource.Database d) {
      DatabaseId id = d.id();
      return Optional.of(
          "--database " + (id.catalog().equals(id.database()) ? id.database() : id.toString()));
    }
    String table = "--table " + ConnectionGuides.cliName(r.tableId().orElseThrow());
    if (r instanceof Resource.TableWithColumns c) {
      return c.included().isEmpty()
          ? Optional.empty()
          : Optional.of(table + " --columns " + String.join(",", c.included()));
    }
    if (r instanceof Resource.DataCellsFilter f) {
      return Optional.of(table + " --filter " + f.filterName());
    }
    return Optional.of(table);
  }
}
