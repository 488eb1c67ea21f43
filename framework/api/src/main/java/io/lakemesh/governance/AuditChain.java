package io.lakemesh.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The hash chain of an audit log. The canonical form lists every field in a fixed order, each
 * prefixed by its length so that no two different events share a form; an event made with a token
 * or standing for several refusals adds those two fields (form v2), so that events written before
 * they existed keep their hashes. The hash is SHA-256 of the form in UTF-8, in lower-case hex, or,
 * with the audit key, {@code hmac:} and the HMAC-SHA256 of it: only the key's holder can make a
 * keyed hash, so a database writer cannot rewrite a keyed log and recompute its chain.
 */
public final class AuditChain {
  /** The previous hash of the first event of every log. */
  public static final String GENESIS = "0".repeat(64);

  private static final String KEYED = "hmac:";

  private AuditChain() {}

  public static String canonical(AuditEvent e) {
    boolean v2 = !e.token().isEmpty() || e.count() != 1;
    StringBuilder form = new StringBuilder(v2 ? "lakemesh-audit-v2\n" : "lakemesh-audit-v1\n");
    List<String> fields =
        new ArrayList<>(
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
                e.previousHash()));
    if (v2) {
      fields.add(e.token());
      fields.add(Integer.toString(e.count()));
    }
    for (String field : fields) {
      form.append(field.length()).append(':').append(field).append('\n');
    }
    return form.toString();
  }

  /** The unkeyed hash. */
  public static String hash(AuditEvent event) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(canonical(event).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The keyed hash when there is a key, else the unkeyed one. */
  public static String hash(AuditEvent event, AuditKey key) {
    return key == null ? hash(event) : KEYED + key.mac(canonical(event));
  }

  public static boolean isKeyed(String hash) {
    return hash.startsWith(KEYED);
  }

  /**
   * Walks one log's events in order and reports the first broken link: a gap in the numbering, a
   * previous hash that is not the hash of the event before, or a hash that does not match the
   * content. {@code headSeq} and {@code headHash} are what the catalog recorded as the last append,
   * so that removing the newest events is caught too.
   */
  public static AuditVerification verify(
      String log, Iterable<AuditEvent> events, long headSeq, String headHash) {
    return verify(log, events, headSeq, headHash, AuditSeal.none());
  }

  /**
   * The same, with the seal's key and checkpoints: with a key, keyed hashes are checked and every
   * event after the log's first checkpoint (all of them, for a log never anchored unkeyed) must be
   * keyed; each checkpoint must be signed by the key and agree with the event it anchors.
   */
  public static AuditVerification verify(
      String log, Iterable<AuditEvent> events, long headSeq, String headHash, AuditSeal seal) {
    List<AuditEvent> list = new ArrayList<>();
    events.forEach(list::add);
    AuditKey key = seal.key().orElse(null);
    List<AuditCheckpoints.Stored> checkpoints = seal.checkpoints(log);
    AuditVerification contradicted = againstCheckpoints(log, list, checkpoints, key);
    if (contradicted != null) {
      return contradicted;
    }
    long unkeyedUntil = checkpoints.isEmpty() ? 0 : checkpoints.get(0).checkpoint().seq();
    long expectedSeq = 1;
    long keyedFrom = 0;
    String previous = GENESIS;
    for (AuditEvent e : list) {
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
      String problem = keyProblem(e, key, keyedFrom, unkeyedUntil);
      if (problem != null) {
        return AuditVerification.broken(log, expectedSeq - 1, e.seq(), problem);
      }
      if (!hash(e, e.keyed() ? key : null).equals(e.hash())) {
        return AuditVerification.broken(
            log,
            expectedSeq - 1,
            e.seq(),
            "its content does not match its hash (the row was altered)");
      }
      if (e.keyed() && keyedFrom == 0) {
        keyedFrom = e.seq();
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
    long anchoredTo =
        checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).checkpoint().seq();
    return AuditVerification.intact(log, last, keyedFrom, anchoredTo);
  }

  /**
   * True when the events from a checkpoint's event on are still what it anchored (its stored hash
   * and its content) and chain from it, each keyed, to the last: what a new checkpoint needs, the
   * events before having been checked when the older one was written. A full {@link #verify} stays
   * what {@code audit verify} does.
   */
  public static boolean chainsFrom(AuditCheckpoint from, List<AuditEvent> events, AuditKey key) {
    AuditEvent previous = events.isEmpty() ? null : events.get(0);
    // The anchored event may predate the key (a log anchored as it stood when the key came).
    if (previous == null
        || previous.seq() != from.seq()
        || !previous.hash().equals(from.hash())
        || !hash(previous, previous.keyed() ? key : null).equals(previous.hash())) {
      return false;
    }
    for (AuditEvent e : events.subList(1, events.size())) {
      if (e.seq() != previous.seq() + 1
          || !e.previousHash().equals(previous.hash())
          || !e.keyed()
          || !hash(e, key).equals(e.hash())) {
        return false;
      }
      previous = e;
    }
    return true;
  }

  /** Why the event's keying is wrong, or null. */
  private static String keyProblem(AuditEvent e, AuditKey key, long keyedFrom, long unkeyedUntil) {
    if (e.keyed() && key == null) {
      return "it is keyed, and the audit key is not at hand to check it (give the key file or"
          + " lakemesh.audit.key)";
    }
    if (!e.keyed() && key != null && (keyedFrom > 0 || e.seq() > unkeyedUntil)) {
      return "it is not keyed, but the log is keyed "
          + (keyedFrom > 0 ? "from event " + keyedFrom : "after event " + unkeyedUntil)
          + " (the log was rewritten without the audit key)";
    }
    return null;
  }

  /** The first checkpoint the events contradict (or that is unreadable or forged), else null. */
  private static AuditVerification againstCheckpoints(
      String log,
      List<AuditEvent> events,
      List<AuditCheckpoints.Stored> checkpoints,
      AuditKey key) {
    Map<Long, String> hashes = new HashMap<>();
    events.forEach(e -> hashes.put(e.seq(), e.hash()));
    for (AuditCheckpoints.Stored stored : checkpoints) {
      AuditCheckpoint c = stored.checkpoint();
      if (c == null) {
        return AuditVerification.broken(
            log, 0, 1, "checkpoint " + stored.file() + " cannot be read: " + stored.problem());
      }
      if (!c.log().equals(log) || !c.signedBy(key)) {
        return AuditVerification.broken(
            log, 0, c.seq(), "checkpoint " + stored.file() + " is not signed by the audit key");
      }
      String found = hashes.get(c.seq());
      if (found == null) {
        return AuditVerification.broken(
            log,
            0,
            c.seq(),
            "checkpoint "
                + stored.file()
                + " anchors event "
                + c.seq()
                + " at "
                + c.at()
                + ", which is no longer in the log (events were removed)");
      }
      if (!found.equals(c.hash())) {
        return AuditVerification.broken(
            log,
            0,
            c.seq(),
            "the event contradicts checkpoint "
                + stored.file()
                + " taken at "
                + c.at()
                + " (the log was rewritten)");
      }
    }
    return null;
  }
}
