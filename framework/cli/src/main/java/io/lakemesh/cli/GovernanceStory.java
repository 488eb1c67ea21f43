package io.lakemesh.cli;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.rules.SearchQuery;
import io.lakemesh.governance.spark.ConsumerSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The consumer side of the demo, in the configured topology: discover, ask, approve, query through
 * the link, a governance account refused when it grants on its own, revoke, the next query refused,
 * and the audit chains intact.
 */
final class GovernanceStory {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final String QUERY =
      "SELECT country, sum(amount) AS revenue FROM sales_link.orders GROUP BY country";

  private final Environment env;
  private final GovernanceService governance;
  private final Principal sales = Principal.administrator("sales");
  private final Principal marketing = Principal.administrator("marketing");
  private final List<String> lines = new ArrayList<>();
  private boolean allAsExpected = true;

  GovernanceStory(Environment env) {
    this.env = env;
    this.governance = env.governance();
  }

  boolean run() {
    Mesh mesh = governance.mesh();
    endActiveSubscriptions();
    step(
        "search",
        "finds sales.orders",
        () -> {
          var found =
              governance.search(marketing, SearchQuery.text("orders").withTag("domain=sales"));
          return found.stream().anyMatch(p -> p.product().equals("sales.orders"))
              ? "found " + found.size() + " product(s)"
              : null;
        });
    step("query", "refused before any grant", () -> refused(() -> query(marketing)));
    long[] id = new long[1];
    step(
        "request",
        "marketing asks for SELECT",
        () -> {
          AccessRequest r =
              governance.requestAccess(
                  marketing, Resource.table(ORDERS), Set.of(Permission.SELECT));
          id[0] = r.id();
          return "request " + r.id() + " " + r.state();
        });
    step(
        "approve",
        "sales approves; link created",
        () -> {
          AccessRequest r = governance.approve(sales, id[0]);
          return r.state() == AccessRequest.State.ACTIVE
              ? "ACTIVE, links " + governance.links(marketing).size()
              : null;
        });
    step("query", "marketing reads through sales_link.orders", () -> query(marketing) + " rows");
    mesh.governanceAccounts().stream()
        .findFirst()
        .ifPresent(
            gov ->
                step(
                    "grant",
                    "governance alone is refused",
                    () ->
                        refused(
                            () ->
                                governance
                                    .grant(
                                        Principal.administrator(gov.id()),
                                        Principal.administrator("product"),
                                        Resource.table(ORDERS),
                                        Set.of(Permission.SELECT))
                                    .toString())));
    step(
        "revoke",
        "sales ends the subscription",
        () -> governance.revokeSubscription(sales, id[0]).state().name());
    step("query", "refused on the next query", () -> refused(() -> query(marketing)));
    step(
        "audit",
        "every chain verifies",
        () -> {
          List<AuditVerification> results =
              mesh.auditLogs().stream()
                  .map(log -> governance.verifyAudit(Principal.administrator(log), log))
                  .toList();
          return results.stream().allMatch(AuditVerification::isIntact)
              ? results.size()
                  + " log(s) intact, "
                  + results.stream().mapToLong(AuditVerification::verified).sum()
                  + " events"
              : null;
        });
    return allAsExpected;
  }

  List<String> lines() {
    return lines;
  }

  /** A demo run again on the same home starts from no subscription. */
  private void endActiveSubscriptions() {
    for (AccessRequest r : governance.requests(marketing)) {
      if (r.state() == AccessRequest.State.ACTIVE
          && r.resource().tableId().filter(ORDERS::equals).isPresent()) {
        governance.revokeSubscription(sales, r.id());
      }
    }
  }

  private String query(Principal as) {
    try (ConsumerSessions.Session session =
        ConsumerSessions.open(LocalSpark.of(env), governance, env.config().warehouse(), as)) {
      return Long.toString(session.spark().sql(QUERY).count());
    }
  }

  private static String refused(Supplier<String> attempt) {
    try {
      attempt.get();
      return null;
    } catch (AccessDeniedException e) {
      return "refused: " + e.getMessage();
    } catch (LakemeshException e) {
      return "refused: " + e.getMessage();
    }
  }

  private void step(String action, String expectation, Supplier<String> work) {
    String outcome;
    try {
      outcome = work.get();
    } catch (RuntimeException e) {
      outcome = null;
      expectation = expectation + " -- " + e.getMessage();
    }
    boolean ok = outcome != null;
    allAsExpected &= ok;
    lines.add(
        String.format(
            "%-4s %-18s %-12s %-34s %s",
            ok ? "ok" : "FAIL",
            "marketing/sales",
            action,
            expectation,
            ok ? outcome : "unexpected"));
  }
}
