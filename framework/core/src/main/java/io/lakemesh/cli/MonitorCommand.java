package io.lakemesh.cli;

import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.MonitorPass;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One pass of the freshness monitor, for cron, Step Functions or Airflow (serve runs it every minute). */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = {
      "Check every product's freshness SLA once: a product whose last check (its last PUBLISHED or UNCHANGED run)"
          + " is older than its sla.freshness is recorded in breach (an sla-breached event and an audit entry),"
          + " once; a product in breach that was checked within its SLA again is recorded recovered.",
      "Prints each breach and recovery recorded by this pass and a summary; exit 0 whatever it finds.",
      "Schedule it (cron, Step Functions, Airflow) where no 'lakemesh serve' runs: serve makes the same pass every minute."})
final class MonitorCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Option(names = "--as", paramLabel = "WHO",
      description = "Watch as this principal: a governance administrator (the products it governs) or a producer's"
          + " administrator (its own). Default: every governance account, and each producer no governance account governs.")
  String actor;

  @Option(names = "--json", description = "Print JSON: {at, watched, inBreach, changes: [{table, breached, sla,"
      + " lastChecked, overdueBy}]}.")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      MonitorPass pass = actor != null
          ? env.governance().checkFreshness(Principal.parse(actor))
          : env.governance().checkFreshness();
      if (json) {
        JsonOutput.print(pass);
      } else {
        pass.changes().forEach(c -> System.out.println(c.describe()));
        System.out.println(pass.summary());
      }
      return 0;
    }
  }
}
