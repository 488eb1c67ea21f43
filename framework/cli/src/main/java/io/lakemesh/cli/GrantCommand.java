package io.lakemesh.cli;

import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "grant",
    mixinStandardHelpOptions = true,
    description =
        "Grant permissions on a table, columns, database or tag policy (the producer, or a holder of the grant option).")
final class GrantCommand implements Callable<Integer> {
  /** The keys of a grant in JSON. */
  static final String GRANT_KEYS =
      "{id, catalog, grantee, resource, permissions, grantable, grantor, authorisation, grantedAt,"
          + " expires, notice}";

  @Mixin Environment env;
  @Mixin ResourceOptions resource;

  @Option(
      names = "--as",
      required = true,
      paramLabel = "WHO",
      description = "Acting principal: ACCOUNT or ACCOUNT:NAME.")
  String actor;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "WHO",
      description = "Grantee: ACCOUNT or ACCOUNT:NAME.")
  String grantee;

  @Option(
      names = "--perm",
      required = true,
      paramLabel = "P[,P...]",
      description = "SELECT, DESCRIBE, INSERT, DELETE, ALTER, DROP, ALL.")
  String permissions;

  @Option(names = "--grantable", description = "Also grant the grant option on these permissions.")
  boolean grantable;

  @Option(
      names = "--expires",
      paramLabel = "WHEN",
      converter = PointInTime.Ahead.class,
      description = "The grant gives nothing from then on: " + PointInTime.Ahead.FORMS + ".")
  Instant expires;

  @Option(names = "--json", description = "Print the grant as JSON: " + GRANT_KEYS + ".")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      Principal as = Principal.parse(actor);
      Set<Permission> perms = Permission.parseList(permissions);
      Grant grant =
          env.governance()
              .grant(
                  as,
                  Principal.parse(grantee),
                  resource.resolve(env.governance(), as),
                  perms,
                  grantable ? perms : Set.of(),
                  null,
                  expires);
      JsonOutput.print(json, grant, "granted: " + grant + Expiry.suffix(grant.expires(), null));
      return 0;
    }
  }
}
