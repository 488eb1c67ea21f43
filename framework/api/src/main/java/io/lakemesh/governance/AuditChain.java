package io.lakemesh.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain of an audit log. The canonical form lists every field in a fixed order, each
 * prefixed by its length so that no two different events share a form; the hash is SHA-256 of it in
 * UTF-8, in lower-case hex.
 */
public final class AuditChain {
  /** The previous hash of the first event of every log. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  public static String canonical(AuditEvent e) {
    StringBuilder form = new StringBuilder("lakemesh-audit-v1\n");
    for (String field :
        List.of(
            Long.toString(e.seq()),
            e.log(),
            e.actor().toString(),
            e.actingAs(),
            e.action().label(),
            e.resource(),
            e.before(),
            e.after(),
            e.outcome().name(),
            e.reason(),
            e.at().toString(),
            e.previousHash())) {
      form.append(field.length()).append(':').append(field).append('\n');
    }
    return form.toString();
  }

  public static String hash(AuditEvent event) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(canonical(event).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Walks one log's events in order and reports the first broken link: a gap in the numbering, a
   * previous hash that is not the hash of the event before, or a hash that does not match the
   * content. {@code headSeq} and {@code headHash} are what the catalog recorded as the last append,
   * so that removing the newest events is caught too.
   */
  public static AuditVerification verify(
      String log, Iterable<AuditEvent> events, long headSeq, String headHash) {
    long expectedSeq = 1;
    String previous = GENESIS;
    for (AuditEvent e : events) {
      if (e.seq() != expectedSeq) {
        return AuditVerification.broken(
            log,
            expectedSeq - 1,
            expectedSeq,
            "event " + expectedSeq + " is missing (found " + e.seq() + ")");
      }
      if (!e.previousHash().equals(previous)) {
        return AuditVerification.broken(
            log,
            expectedSeq - 1,
            e.seq(),
            "its previous hash is not the hash of event " + (e.seq() - 1));
      }
      if (!hash(e).equals(e.hash())) {
        return AuditVerification.broken(
            log,
            expectedSeq - 1,
            e.seq(),
            "its content does not match its hash (the row was altered)");
      }
      previous = e.hash();
      expectedSeq++;
    }
    long last = expectedSeq - 1;
    if (last < headSeq) {
      return AuditVerification.broken(
          log,
          last,
          last + 1,
          "the log ends at event "
              + last
              + " but "
              + headSeq
              + " were appended (events were removed)");
    }
    if (last > headSeq) {
      return AuditVerification.broken(
          log, headSeq, headSeq + 1, "event " + (headSeq + 1) + " was added outside the catalog");
    }
    if (!previous.equals(headHash)) {
      return AuditVerification.broken(
          log, last - 1, last, "it is not the event that was appended (the log was rewritten)");
    }
    return AuditVerification.intact(log, last);
  }
}
