package io.lakemesh.cli;

import io.lakemesh.governance.Principal;
import io.lakemesh.governance.delivery.DeliveryReport;
import io.lakemesh.governance.rules.ExpirySweep;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.rules.MonitorPass;
import io.lakemesh.governance.service.GovernanceServices;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One pass of the mesh's watch, for cron, Step Functions or Airflow (serve runs it every minute):
 * freshness SLAs, grant expiries, and, where the catalog database is, the delivery of events.
 */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
      "Check every product's freshness SLA once: a product whose last check (its last PUBLISHED or UNCHANGED run)"
          + " is older than its sla.freshness is recorded in breach (an sla-breached event and an audit entry),"
          + " once; a product in breach that was checked within its SLA again is recorded recovered.",
      "Prints each breach and recovery recorded by this pass and a summary; exit 0 whatever it finds.",
      "Then records the grants whose expiry came (and tells those expiring within 7 days), and, on an embedded"
          + " catalog, delivers the mesh's events to subscribers once (as 'events deliver').",
      "Schedule it (cron, Step Functions, Airflow) where no 'lakemesh serve' runs: serve makes the same pass every minute."
    })
final class MonitorCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Option(
      names = "--as",
      paramLabel = "WHO",
      description =
          "Watch as this principal: a governance administrator (the products it governs) or a producer's"
              + " administrator (its own). Default: every governance account, and each producer no governance account governs.")
  String actor;

  @Option(
      names = "--json",
      description =
          "Print JSON: {at, watched, inBreach, changes: [{table, breached, sla,"
              + " lastChecked, overdueBy}], expiring, expired, deliveries}.")
  boolean json;

  @Mixin EventCommands.DeliveryOptions delivery;

  /**
   * What one pass recorded; {@code deliveries} is null where the catalog is a server's (it
   * delivers).
   */
  record Report(
      Instant at,
      int watched,
      int inBreach,
      List<MonitorPass.SlaChange> changes,
      List<Long> expiring,
      List<Long> expired,
      DeliveryReport deliveries) {}

  @Override
  public Integer call() {
    try (Environment closing = env) {
      GovernanceService governance = env.governance();
      Principal as = actor == null ? null : Principal.parse(actor);
      MonitorPass pass = as != null ? governance.checkFreshness(as) : governance.checkFreshness();
      ExpirySweep expiry = as != null ? governance.expireGrants(as) : governance.expireGrants();
      DeliveryReport deliveries =
          GovernanceServices.serverUrl(env.config()).isBlank()
              ? delivery.engine(Governance.over(env.mesh(), env.localCatalog())).drain()
              : null;
      if (json) {
        JsonOutput.print(
            new Report(
                pass.at(),
                pass.watched(),
                pass.inBreach(),
                pass.changes(),
                expiry.expiring(),
                expiry.expired(),
                deliveries));
      } else {
        pass.changes().forEach(c -> System.out.println(c.describe()));
        System.out.println(pass.summary());
        System.out.printf(
            "grants: %d expired, %d told they expire within 7 days%n",
            expiry.expired().size(), expiry.expiring().size());
        if (deliveries != null) {
          System.out.println("events: " + deliveries);
        }
      }
      return 0;
    }
  }
}
