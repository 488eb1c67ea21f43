package io.lakemesh.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Audit events: what their hash covers and how a key changes it. */
class AuditEventTest {
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  void theTokenAndTheCountAreCoveredByTheHashAndTheKeyMakesAnotherHash() {
    AuditEvent draft =
        AuditEvent.draft(
            "governance",
            Principal.parse("marketing"),
            "marketing",
            AuditAction.ACT_AS,
            "principal sales",
            "",
            "",
            AuditEvent.Outcome.REFUSED,
            "cannot act as sales",
            T);
    AuditEvent byToken = draft.byToken("a1b2c3").chained(1, AuditChain.GENESIS);
    AuditEvent otherToken = draft.byToken("d4e5f6").chained(1, AuditChain.GENESIS);
    AuditEvent counted = draft.byToken("a1b2c3").counted(4).chained(1, AuditChain.GENESIS);
    assertThat(byToken.hash()).isNotEqualTo(otherToken.hash()).isNotEqualTo(counted.hash());
    assertThat(byToken.hash()).isNotEqualTo(draft.chained(1, AuditChain.GENESIS).hash());
    // The token's id rewritten in place, the hash kept: the content no longer matches it.
    AuditEvent edited =
        new AuditEvent(
            1,
            "governance",
            byToken.actor(),
            "marketing",
            AuditAction.ACT_AS,
            "principal sales",
            "",
            "",
            AuditEvent.Outcome.REFUSED,
            "cannot act as sales",
            T,
            AuditChain.GENESIS,
            byToken.hash(),
            "d4e5f6",
            1);
    assertThat(AuditChain.verify("governance", List.of(byToken), 1, byToken.hash()).isIntact())
        .isTrue();
    assertThat(AuditChain.verify("governance", List.of(edited), 1, byToken.hash()).problem())
        .isEqualTo("its content does not match its hash (the row was altered)");

    AuditKey key = AuditKey.of(Base64.getEncoder().encodeToString(new byte[32]));
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 1);
    AuditKey other = AuditKey.of(Base64.getEncoder().encodeToString(ones));
    AuditEvent keyed = draft.chained(1, AuditChain.GENESIS, key);
    assertThat(keyed.keyed()).isTrue();
    assertThat(keyed.hash()).startsWith("hmac:").hasSize(5 + 64);
    assertThat(draft.chained(1, AuditChain.GENESIS, other).hash()).isNotEqualTo(keyed.hash());
    assertThat(key.toString()).isEqualTo("AuditKey[****]");
    assertThatThrownBy(() -> AuditKey.of("not base64!"))
        .hasMessageContaining("the audit key is not base64");
    assertThatThrownBy(() -> draft.byToken("a").counted(0).counted(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void auditEventsHashTheirCanonicalForm() {
    AuditEvent draft =
        AuditEvent.draft(
            "governance",
            Principal.parse("sales"),
            "sales",
            AuditAction.GRANT,
            "table sales:sales.orders",
            "",
            "x",
            AuditEvent.Outcome.ALLOWED,
            "",
            T);
    AuditEvent first = draft.chained(1, AuditChain.GENESIS);
    assertThat(first.hash()).hasSize(64).isEqualTo(AuditChain.hash(first));
    AuditEvent moved =
        new AuditEvent(
            1,
            "governance",
            first.actor(),
            "sales",
            AuditAction.GRANT,
            "table sales:sales.orders",
            "",
            "y",
            AuditEvent.Outcome.ALLOWED,
            "",
            T,
            AuditChain.GENESIS,
            first.hash(),
            "",
            1);
    assertThat(AuditChain.hash(moved)).isNotEqualTo(first.hash());
    // Length prefixes keep field boundaries: moving text between fields changes the hash.
    AuditEvent shifted =
        AuditEvent.draft(
                "governance",
                Principal.parse("sales"),
                "sales",
                AuditAction.GRANT,
                "table sales:sales.orders",
                "x",
                "",
                AuditEvent.Outcome.ALLOWED,
                "",
                T)
            .chained(1, AuditChain.GENESIS);
    assertThat(shifted.hash()).isNotEqualTo(first.hash());
    AuditEvent second = draft.chained(2, first.hash());
    assertThat(AuditChain.verify("governance", List.of(first, second), 2, second.hash()).isIntact())
        .isTrue();
    assertThat(
            AuditChain.verify(
                    "governance", List.of(first, moved.chained(2, first.hash())), 2, second.hash())
                .brokenAt())
        .hasValue(2);
    assertThatThrownBy(
            () ->
                AuditEvent.draft(
                    "governance",
                    Principal.parse("sales"),
                    "sales",
                    AuditAction.GRANT,
                    "",
                    "",
                    "",
                    AuditEvent.Outcome.REFUSED,
                    "",
                    T))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
