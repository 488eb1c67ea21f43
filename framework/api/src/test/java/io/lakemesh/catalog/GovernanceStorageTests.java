package io.lakemesh.catalog;

import static io.lakemesh.catalog.CatalogFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditChain;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the governance capabilities ({@link SupportsGrants}, {@link
 * SupportsTags}, {@link SupportsLinks}, {@link SupportsAccessRequests}, {@link SupportsAudit},
 * {@link SupportsTransactions}) and of table search ({@link SupportsTableSearch}, or the scan that
 * stands in for it). Storage only: no test here decides who may do what. A backend subclasses it
 * and returns a fresh, empty catalog from {@link #newCatalog}; tests of capabilities it lacks are
 * skipped.
 *
 * <p>The contract comes in parts, one per concept, each a superclass of the next so that a backend
 * runs them all by subclassing this one: {@link GrantStorageTests}, {@link SharingStorageTests},
 * {@link EventStorageTests}, {@link TableSearchStorageTests}, and here the audit log and
 * transactions.
 */
public abstract class GovernanceStorageTests extends TableSearchStorageTests {
  // ---- audit

  @Test
  void eventsAreNumberedAndChainedPerLog() {
    AuditEvent first =
        audit().append(event("governance", AuditAction.PUBLISH, "table sales:sales.orders", 0));
    AuditEvent second =
        audit().append(event("governance", AuditAction.GRANT, "table sales:sales.orders", 1));
    AuditEvent other =
        audit().append(event("sales", AuditAction.GRANT, "table sales:sales.orders", 2));

    assertThat(first.seq()).isEqualTo(1);
    assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(second.hash()).isEqualTo(AuditChain.hash(second));
    assertThat(other.seq()).isEqualTo(1);
    assertThat(audit().auditEvents(AuditQuery.ofLog("governance"))).containsExactly(first, second);
    assertThat(audit().auditLogs()).containsExactly("governance", "sales");
    assertThat(audit().verifyAudit("governance"))
        .isEqualTo(AuditVerification.intact("governance", 2));
    assertThat(audit().verifyAudit("nobody").isIntact()).isTrue();
  }

  @Test
  void auditEventsAreReadFromASequenceNumberOn() {
    AuditEvent first =
        audit().append(event("governance", AuditAction.PUBLISH, "table sales:sales.orders", 0));
    AuditEvent second =
        audit().append(event("governance", AuditAction.GRANT, "table sales:sales.orders", 1));
    audit().append(event("sales", AuditAction.GRANT, "table sales:sales.orders", 2));
    AuditEvent third =
        audit().append(event("governance", AuditAction.REVOKE, "table sales:sales.orders", 3));

    assertThat(audit().auditEventsFrom("governance", 1)).containsExactly(first, second, third);
    assertThat(audit().auditEventsFrom("governance", 2)).containsExactly(second, third);
    assertThat(audit().auditEventsFrom("governance", 3)).containsExactly(third);
    assertThat(audit().auditEventsFrom("governance", 4)).isEmpty();
    assertThat(audit().auditEventsFrom("nobody", 1)).isEmpty();
  }

  @Test
  void auditTextRoundTripsExactly() {
    AuditEvent draft =
        AuditEvent.draft(
            "governance",
            ANALYST,
            "marketing",
            AuditAction.SELECT,
            "table sales:sales.orders",
            "",
            "",
            AuditEvent.Outcome.REFUSED,
            "access denied: 'quoted' \"double\" \\ back 注文 🛒\n"
                + "new line; DROP TABLE lm_audit_events; --",
            T0.plusNanos(123_456_789));

    AuditEvent stored = audit().append(draft);

    assertThat(audit().auditEvents(AuditQuery.all())).containsExactly(stored);
    assertThat(audit().verifyAudit("governance").isIntact()).isTrue();
  }

  @Test
  void concurrentAppendsNeverForkTheChain() throws Exception {
    int writers = 6;
    int each = 15;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      tasks.add(
          () -> {
            for (int i = 0; i < each; i++) {
              int n = writer * each + i;
              ConcurrentRuns.retryingConflicts(
                  () -> audit().append(event("governance", AuditAction.GRANT, "resource " + n, n)));
            }
            return null;
          });
    }
    ConcurrentRuns.together(tasks);

    List<AuditEvent> events = audit().auditEvents(AuditQuery.ofLog("governance"));
    assertThat(events)
        .extracting(AuditEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, writers * each).boxed().toList());
    assertThat(events).extracting(AuditEvent::resource).doesNotHaveDuplicates();
    assertThat(audit().verifyAudit("governance"))
        .isEqualTo(AuditVerification.intact("governance", writers * each));
  }

  @Test
  void queriesFilterByLogResourceActorAndTimeAndKeepTheNewest() {
    AuditEvent e1 =
        audit().append(event("governance", AuditAction.PUBLISH, "table sales:sales.orders", 0));
    AuditEvent e2 =
        audit().append(event("retail-gov", AuditAction.GRANT, "table sales:sales.orders", 1));
    AuditEvent e3 =
        audit()
            .append(
                AuditEvent.draft(
                    "governance",
                    ANALYST,
                    "marketing",
                    AuditAction.SELECT,
                    "table product:product.inventory",
                    "",
                    "",
                    AuditEvent.Outcome.REFUSED,
                    "missing SELECT",
                    T0.plusSeconds(120)));
    AuditEvent e4 =
        audit().append(event("governance", AuditAction.GRANT, "table sales:sales_x.orders", 3));

    assertThat(audit().auditEvents(AuditQuery.all())).containsExactly(e1, e2, e3, e4);
    assertThat(audit().auditEvents(AuditQuery.all().withResource("sales:sales.orders")))
        .containsExactly(e1, e2);
    assertThat(audit().auditEvents(AuditQuery.all().withResource("%"))).isEmpty();
    assertThat(audit().auditEvents(AuditQuery.all().withActor(ANALYST))).containsExactly(e3);
    assertThat(audit().auditEvents(AuditQuery.all().since(T0.plusSeconds(60))))
        .containsExactly(e2, e3, e4);
    assertThat(audit().auditEvents(AuditQuery.ofLog("governance").limit(2)))
        .containsExactly(e3, e4);
    assertThat(audit().auditEvents(AuditQuery.all().limit(1))).containsExactly(e4);
  }

  // ---- transactions

  @Test
  void workInATransactionLandsTogetherOrNotAtAll() {
    assumeTrue(catalog() instanceof SupportsTransactions, "backend has no transactions");
    SupportsTransactions tx = (SupportsTransactions) catalog();
    Grant kept =
        tx.inTransaction(
            () -> {
              audit().append(event("governance", AuditAction.GRANT, "table sales:sales.orders", 0));
              return grants()
                  .addGrant(grant(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT)));
            });

    assertThatThrownBy(
            () ->
                tx.inTransaction(
                    () -> {
                      grants()
                          .addGrant(
                              grant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT)));
                      audit()
                          .append(
                              event(
                                  "governance", AuditAction.GRANT, "table sales:sales.orders", 1));
                      links().createLink(ResourceLink.defaultTableLink("marketing", ORDERS));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(grants().findGrant(MARKETING, Resource.table(ORDERS))).contains(kept);
    assertThat(grants().findGrant(ANALYST, Resource.table(ORDERS))).isEmpty();
    assertThat(links().listLinks("marketing")).isEmpty();
    assertThat(audit().auditEvents(AuditQuery.all())).hasSize(1);
    assertThat(audit().verifyAudit("governance").isIntact()).isTrue();
  }
}
