package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.ManualClock;
import io.lakemesh.governance.Topology;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Identical refusals of one token: the first in the log at once, the rest counted per minute. */
class RepeatedRefusalsTest extends RuleSuite {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static void claimSales(Governance rules) {
    assertThatThrownBy(() -> rules.actingAs(MARKETING, "sales"))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void repeatsWithinAMinuteAreCountedAndEveryRefusalIsAccountedFor() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      ManualClock clock = new ManualClock(T0);
      Governance root = Governance.over(world.mesh, world.catalog, clock);
      Governance token = root.byToken("a1b2c3");

      claimSales(token); // 10:00:00, appended
      clock.set(T0.plusSeconds(20));
      claimSales(token); // counted
      claimSales(token); // counted
      claimSales(root.byToken("d4e5f6")); // another token: appended on its own
      clock.set(T0.plusSeconds(59));
      claimSales(token); // counted: 3 repeats in the first minute
      clock.set(T0.plusSeconds(61));
      claimSales(token); // the minute has passed: the count, then a new first refusal
      clock.set(T0.plusSeconds(70));
      claimSales(token); // counted in the second window
      root.flushAudit(false); // 10:01:10: the second window (from 10:01:01) is still open
      assertThat(world.events("governance")).hasSize(4);
      root.flushAudit(true); // as when the server stops

      assertThat(world.events("governance"))
          .extracting(AuditEvent::action, AuditEvent::token, AuditEvent::count, AuditEvent::at)
          .containsExactly(
              tuple(AuditAction.ACT_AS, "a1b2c3", 1, T0),
              tuple(AuditAction.ACT_AS, "d4e5f6", 1, T0.plusSeconds(20)),
              tuple(AuditAction.ACT_AS, "a1b2c3", 3, T0.plusSeconds(59)),
              tuple(AuditAction.ACT_AS, "a1b2c3", 1, T0.plusSeconds(61)),
              tuple(AuditAction.ACT_AS, "a1b2c3", 1, T0.plusSeconds(70)));
      // 7 refusals in all: 1 + 1 + 3 + 1 + 1.
      assertThat(world.events("governance").stream().mapToInt(AuditEvent::count).sum())
          .isEqualTo(7);
      assertThat(world.governance.verifyAudit(GOVERNANCE, "governance").isIntact()).isTrue();
    }
  }

  @Test
  void varyingTheRefusalDoesNotFloodTheLogPastTwentyDistinctOnesAMinute() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      ManualClock clock = new ManualClock(T0);
      Governance token = Governance.over(world.mesh, world.catalog, clock).byToken("a1b2c3");
      for (int i = 1; i <= 100; i++) {
        int n = i;
        assertThatThrownBy(() -> token.actingAs(MARKETING, "sales:impostor" + n))
            .isInstanceOf(AccessDeniedException.class);
      }
      assertThat(world.events("governance")).hasSize(20);
      token.flushAudit(true);

      assertThat(world.events("governance")).hasSize(21);
      AuditEvent overflow = world.events("governance").get(20);
      assertThat(overflow.count()).isEqualTo(80);
      assertThat(overflow.resource()).isEqualTo("principal sales:impostor100");
      assertThat(overflow.reason())
          .startsWith(
              "80 refusal(s) of this token past the 20 distinct ones a minute that are appended in"
                  + " full; the last: access denied: the token of marketing cannot act as"
                  + " sales:impostor100");
      // 100 refusals in all: 20 appended one by one, 80 in the count.
      assertThat(world.events("governance").stream().mapToInt(AuditEvent::count).sum())
          .isEqualTo(100);
    }
  }

  @Test
  void theCommandLineHasNoTokenAndEachRefusalIsAppendedAtOnce() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      for (int i = 0; i < 3; i++) {
        claimSales(world.governance);
      }
      assertThat(world.events("governance"))
          .extracting(AuditEvent::token, AuditEvent::count)
          .containsExactly(tuple("", 1), tuple("", 1), tuple("", 1));
    }
  }
}
