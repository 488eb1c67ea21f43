package io.lakemesh.cli;

import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.LinkStatus;
import io.lakemesh.runtime.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "links", mixinStandardHelpOptions = true,
    description = "The resource links in the principal's catalog and where each leads.")
final class LinksCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Option(names = "--as", required = true, paramLabel = "WHO", description = "The principal.") String actor;

  @Option(names = "--json", description = "Print JSON.") boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      List<LinkStatus> links = env.governance().links(Principal.parse(actor));
      if (json) {
        System.out.println(Json.pretty(links));
      } else {
        links.forEach(l -> System.out.printf("%-40s -> %s%s%n", l.link(), l.resolvesTo(), l.dangling() ? "  (DANGLING)" : ""));
      }
      return 0;
    }
  }
}
