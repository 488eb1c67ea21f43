package io.lakemesh.cli;

import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Principal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Governance events: publishes, schema changes, grants, revokes, links, request decisions, tags, refusals.",
    subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Option(
      names = "--as",
      paramLabel = "WHO",
      description = "The auditor (default: the log's governance account).")
  String actor;

  @Option(
      names = "--log",
      paramLabel = "ACCOUNT",
      description = "One account's log (default: every log, consolidated).")
  String log;

  @Option(
      names = "--all",
      description = "Every log, consolidated (the default when --log is not given).")
  boolean all;

  @Option(names = "--resource", paramLabel = "R", description = "Only events on this resource.")
  String resource;

  @Option(names = "--actor", paramLabel = "WHO", description = "Only events by this principal.")
  String byActor;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = PointInTime.class,
      description = "Only events at or after this time: " + PointInTime.FORMS + ".")
  Instant since;

  @Option(
      names = "--limit",
      defaultValue = "200",
      description = "At most this many events (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--json",
      description =
          "Print JSON: [{seq, log, actor, actingAs, action, resource,"
              + " before, after, outcome, reason, at, previousHash, hash, token, count}].")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      AuditQuery query = (log == null ? AuditQuery.all() : AuditQuery.ofLog(log)).limit(limit);
      if (resource != null) {
        query = query.withResource(resource);
      }
      if (byActor != null) {
        query = query.withActor(Principal.parse(byActor));
      }
      if (since != null) {
        query = query.since(since);
      }
      List<AuditEvent> events =
          actor != null || log != null
              ? env.governance()
                  .audit(
                      actor != null ? Principal.parse(actor) : Principal.administrator(log), query)
              : everyLog(query);
      if (json) {
        JsonOutput.print(events);
        return 0;
      }
      System.out.printf(
          "%-20s %-12s %-5s %-8s %-20s %-16s %s%n",
          "TIME", "LOG", "SEQ", "OUTCOME", "ACTOR", "ACTION", "RESOURCE");
      for (AuditEvent e : events) {
        System.out.printf(
            "%-20s %-12s #%-4d %-8s %-20s %-16s %s%s%s%s%s%n",
            Timestamps.of(e.at()),
            e.log(),
            e.seq(),
            e.outcome(),
            e.actor(),
            e.action(),
            e.resource(),
            e.count() > 1 ? " x" + e.count() : "",
            e.refused() ? "  (" + e.reason() + ")" : "",
            permissionsAfter(e),
            e.token().isEmpty() ? "" : "  token " + e.token());
      }
      return 0;
    }
  }

  /**
   * What a grant or revoke left the grantee holding, and on whose authority (a revoke that cascades
   * from an ended authority says so here); other events' states are in --json.
   */
  private static String permissionsAfter(AuditEvent e) {
    boolean grantChange = e.action() == AuditAction.GRANT || e.action() == AuditAction.REVOKE;
    return grantChange && !e.refused() && !e.after().isEmpty() ? "  => " + e.after() : "";
  }

  /** The consolidated view: every log read by the account that keeps it, newest first. */
  private List<AuditEvent> everyLog(AuditQuery query) {
    return env.mesh().auditLogs().stream()
        .flatMap(
            log -> env.governance().audit(Principal.administrator(log), ofLog(query, log)).stream())
        .sorted(Comparator.comparing(AuditEvent::at).reversed())
        .limit(limit)
        .toList();
  }

  private static AuditQuery ofLog(AuditQuery query, String log) {
    return new AuditQuery(log, query.resource(), query.actor(), query.since(), query.limit());
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Check every audit log's hash chain, its keyed hashes and its signed checkpoints; say from which event"
              + " each log is keyed and anchored; exit 1 and name the first broken event if one was altered.")
  static final class Verify implements Callable<Integer> {
    @Mixin Environment env;

    @Option(names = "--as", paramLabel = "WHO", description = "The auditor.")
    String actor;

    @Option(
        names = "--json",
        description =
            "Print JSON: [{log, intact, verified, brokenAt, problem, keyedFrom," + " anchoredTo}].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        // Without --as, each log is verified by the account that keeps it (in federated, each
        // producer).
        List<AuditVerification> results =
            actor != null
                ? env.governance().verifyAudit(Principal.parse(actor))
                : env.mesh().auditLogs().stream()
                    .map(log -> env.governance().verifyAudit(Principal.administrator(log), log))
                    .toList();
        if (json) {
          JsonOutput.print(results.stream().map(Verify::json).toList());
        } else {
          results.forEach(System.out::println);
        }
        return results.stream().allMatch(AuditVerification::isIntact) ? 0 : 1;
      }
    }

    /** brokenAt is null for an intact log (an OptionalLong has no JSON of its own). */
    private static Map<String, Object> json(AuditVerification v) {
      return JsonOutput.object(
          "log",
          v.log(),
          "intact",
          v.isIntact(),
          "verified",
          v.verified(),
          "brokenAt",
          v.brokenAt().isPresent() ? v.brokenAt().getAsLong() : null,
          "problem",
          v.problem(),
          "keyedFrom",
          v.keyedFrom(),
          "anchoredTo",
          v.anchoredTo());
    }
  }
}
