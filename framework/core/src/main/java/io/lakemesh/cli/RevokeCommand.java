package io.lakemesh.cli;

import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke permissions (and the grant option on them); takes effect on the grantee's next query.")
final class RevokeCommand implements Callable<Integer> {
  @Mixin Environment env;
  @Mixin ResourceOptions resource;

  @Option(names = "--as", required = true, paramLabel = "WHO", description = "Acting principal.") String actor;

  @Option(names = "--from", required = true, paramLabel = "WHO", description = "The grantee to revoke from.") String grantee;

  @Option(names = "--perm", required = true, paramLabel = "P[,P...]", description = "Permissions to revoke.") String permissions;

  @Option(names = "--json", description = "Print JSON: {stillHeld}, the grant left on that resource (null: none).")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      Principal as = Principal.parse(actor);
      var left = env.governance().revoke(as, Principal.parse(grantee), resource.resolve(env.governance(), as),
          Permission.parseList(permissions));
      JsonOutput.print(json, JsonOutput.object("stillHeld", left.orElse(null)),
          left.map(g -> "revoked; still held: " + g).orElse("revoked; nothing left on that resource"));
      return 0;
    }
  }
}
