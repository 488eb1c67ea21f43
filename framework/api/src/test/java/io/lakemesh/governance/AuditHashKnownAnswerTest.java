package io.lakemesh.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the audit chain's canonical form and hashes to known answers: every stored log is checked
 * against them, so a change to either would make every existing log read as tampered. The digests
 * were computed outside lakemesh from the forms written here ({@code printf '%s' FORM | sha256sum},
 * and {@code openssl dgst -sha256 -hmac KEY} for the keyed one).
 */
class AuditHashKnownAnswerTest {
  private static final String GENESIS =
      "0000000000000000000000000000000000000000000000000000000000000000";
  private static final String REQUEST_FORM =
      "lakemesh-audit-v1\n"
          + "1:1\n"
          + "10:governance\n"
          + "17:marketing:analyst\n"
          + "9:marketing\n"
          + "7:request\n"
          + "18:table sales.orders\n"
          + "0:\n"
          + "14:PENDING SELECT\n"
          + "7:ALLOWED\n"
          + "0:\n"
          + "20:2026-01-02T03:04:05Z\n"
          + "64:"
          + GENESIS
          + "\n";
  private static final String REQUEST_HASH =
      "95bdce805a142c2256f743499a8e0a61fbb232bccff1cd880c1e52ea3fd5ff04";
  private static final String REFUSAL_HASH =
      "6d919f5a8f45304690e27a77ecd441435fc0ce9689cef78e9c92432444248aa3";

  /** The 32 bytes of "lakemesh-known-answer-key-32byte", in base64. */
  private static final AuditKey KEY = AuditKey.of("bGFrZW1lc2gta25vd24tYW5zd2VyLWtleS0zMmJ5dGU=");

  private static AuditEvent request() {
    return AuditEvent.draft(
        "governance",
        Principal.parse("marketing:analyst"),
        "marketing",
        AuditAction.REQUEST,
        "table sales.orders",
        "",
        "PENDING SELECT",
        AuditEvent.Outcome.ALLOWED,
        "",
        Instant.parse("2026-01-02T03:04:05Z"));
  }

  private static AuditEvent refusal() {
    return AuditEvent.draft(
            "governance",
            Principal.parse("marketing"),
            "marketing",
            AuditAction.APPROVE,
            "table sales.orders",
            "",
            "",
            AuditEvent.Outcome.REFUSED,
            "only the producer can approve",
            Instant.parse("2026-01-02T03:04:06Z"))
        .byToken("a1b2c3")
        .counted(3);
  }

  @Test
  void theFirstFormHashesToItsKnownSha256() {
    AuditEvent first = request().chained(1, AuditChain.GENESIS);

    assertThat(AuditChain.GENESIS).isEqualTo(GENESIS);
    assertThat(AuditChain.canonical(first)).isEqualTo(REQUEST_FORM);
    assertThat(first.hash()).isEqualTo(REQUEST_HASH);
  }

  @Test
  void aTokenOrACountAddsTheirFieldsInTheSecondForm() {
    AuditEvent second = refusal().chained(2, REQUEST_HASH);

    assertThat(AuditChain.canonical(second))
        .isEqualTo(
            "lakemesh-audit-v2\n"
                + "1:2\n"
                + "10:governance\n"
                + "9:marketing\n"
                + "9:marketing\n"
                + "7:approve\n"
                + "18:table sales.orders\n"
                + "0:\n"
                + "0:\n"
                + "7:REFUSED\n"
                + "29:only the producer can approve\n"
                + "20:2026-01-02T03:04:06Z\n"
                + "64:"
                + REQUEST_HASH
                + "\n"
                + "6:a1b2c3\n"
                + "1:3\n");
    assertThat(second.hash()).isEqualTo(REFUSAL_HASH);
  }

  @Test
  void theKeyedHashIsTheHmacSha256OfTheSameForm() {
    AuditEvent keyed = request().chained(1, AuditChain.GENESIS, KEY);

    assertThat(keyed.hash())
        .isEqualTo("hmac:e70960c0e4dd1943deaed9b52e8603f5d86c9f75b2b7ed9960eef26e3069b4a7");
    assertThat(keyed.keyed()).isTrue();
  }

  @Test
  void aLogStoredWithTheKnownHashesVerifies() {
    // As a catalog hands them back: the hashes are the stored ones, not made here.
    List<AuditEvent> log =
        List.of(
            stored(request(), 1, GENESIS, REQUEST_HASH),
            stored(refusal(), 2, REQUEST_HASH, REFUSAL_HASH));

    assertThat(AuditChain.verify("governance", log, 2, REFUSAL_HASH).isIntact()).isTrue();
  }

  private static AuditEvent stored(AuditEvent draft, long seq, String previous, String hash) {
    return new AuditEvent(
        seq,
        draft.log(),
        draft.actor(),
        draft.actingAs(),
        draft.action(),
        draft.resource(),
        draft.before(),
        draft.after(),
        draft.outcome(),
        draft.reason(),
        draft.at(),
        previous,
        hash,
        draft.token(),
        draft.count());
  }
}
