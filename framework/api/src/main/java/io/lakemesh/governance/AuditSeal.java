package io.lakemesh.governance;

import io.lakemesh.catalog.SupportsAudit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What keeps a catalog's audit logs honest against a writer of the catalog database: the audit key
 * (the chain's HMAC) and the folder of signed checkpoints, both outside the database. A catalog
 * reads them from its properties ({@link #KEY}, {@link #KEY_FILE}, {@link #CHECKPOINTS}); without
 * any, logs are chained with plain SHA-256 as before.
 */
public final class AuditSeal {
  /** The key as base64 text (a secret setting or the environment). */
  public static final String KEY = "audit.key";

  /** A file holding the key, created on first use (0600). */
  public static final String KEY_FILE = "audit.key-file";

  /** The folder of checkpoint files. */
  public static final String CHECKPOINTS = "audit.checkpoints";

  private final AuditKey key;
  private final AuditCheckpoints checkpoints;
  private final Clock clock;
  private final Set<String> appended = ConcurrentHashMap.newKeySet();

  public AuditSeal(AuditKey key, AuditCheckpoints checkpoints, Clock clock) {
    this.key = key;
    this.checkpoints = key == null ? null : checkpoints;
    this.clock = clock;
  }

  /** Plain SHA-256 chains, no checkpoints. */
  public static AuditSeal none() {
    return new AuditSeal(null, null, Clock.systemUTC());
  }

  /** The seal a catalog's properties describe (none when they name no key). */
  public static AuditSeal from(Map<String, String> properties) {
    String text = properties.getOrDefault(KEY, "");
    String file = properties.getOrDefault(KEY_FILE, "");
    AuditKey key =
        !text.isBlank()
            ? AuditKey.of(text)
            : !file.isBlank() ? AuditKey.fromFile(Path.of(file)).key() : null;
    String folder = properties.getOrDefault(CHECKPOINTS, "");
    return new AuditSeal(
        key, folder.isBlank() ? null : new AuditCheckpoints(Path.of(folder)), Clock.systemUTC());
  }

  public Optional<AuditKey> key() {
    return Optional.ofNullable(key);
  }

  /** The log's checkpoint files, in sequence order. */
  public List<AuditCheckpoints.Stored> checkpoints(String log) {
    return checkpoints == null ? List.of() : checkpoints.of(log);
  }

  /** Notes an append, so that the next {@link #checkpoint} anchors the log's new head. */
  public void appended(AuditEvent event) {
    appended.add(event.log());
  }

  /**
   * Anchors the logs that were never keyed nor anchored, as they stand: their events were made
   * before the key existed, so from now on a rewrite of them contradicts this first checkpoint.
   */
  public void anchorUnkeyedLogs(SupportsAudit audit) {
    if (checkpoints == null) {
      return;
    }
    for (String log : audit.auditLogs()) {
      if (checkpoints.of(log).isEmpty()) {
        newest(audit, log).filter(e -> !e.keyed()).ifPresent(this::sign);
      }
    }
  }

  /**
   * Writes a signed checkpoint of the head of each log appended to since the last call, once its
   * chain verifies (a broken log is never anchored); returns the checkpoints written. After a first
   * checkpoint only the events since the newest one are checked, so that a command's cost does not
   * grow with the log; {@code audit verify} still walks the whole log.
   */
  public List<AuditCheckpoint> checkpoint(SupportsAudit audit) {
    List<AuditCheckpoint> written = new ArrayList<>();
    if (checkpoints == null) {
      return written;
    }
    for (String log : List.copyOf(appended)) {
      appended.remove(log);
      Optional<AuditCheckpoint> last =
          checkpoints
              .newest(log)
              .map(AuditCheckpoints.Stored::checkpoint)
              .filter(c -> c.log().equals(log) && c.signedBy(key));
      Optional<AuditEvent> head =
          last.isPresent() ? headAfter(audit, last.get()) : verifiedHead(audit, log);
      head.ifPresent(h -> written.add(sign(h)));
    }
    return written;
  }

  /** The newest event, when the events since the checkpoint chain from it; else empty. */
  private Optional<AuditEvent> headAfter(SupportsAudit audit, AuditCheckpoint last) {
    List<AuditEvent> since = audit.auditEventsFrom(last.log(), last.seq());
    AuditEvent head = since.isEmpty() ? null : since.get(since.size() - 1);
    return head != null && head.seq() > last.seq() && AuditChain.chainsFrom(last, since, key)
        ? Optional.of(head)
        : Optional.empty();
  }

  /**
   * The newest event of a log never anchored (or whose newest checkpoint is unreadable or not
   * signed), when the whole log verifies; else empty.
   */
  private Optional<AuditEvent> verifiedHead(SupportsAudit audit, String log) {
    Optional<AuditEvent> head = newest(audit, log);
    if (head.isEmpty()) {
      return head;
    }
    AuditVerification v = audit.verifyAudit(log);
    return v.isIntact() && v.verified() >= head.get().seq() ? head : Optional.empty();
  }

  private AuditCheckpoint sign(AuditEvent head) {
    AuditCheckpoint c =
        AuditCheckpoint.signed(head.log(), head.seq(), head.hash(), clock.instant(), key);
    checkpoints.write(c);
    return c;
  }

  private static Optional<AuditEvent> newest(SupportsAudit audit, String log) {
    return audit.auditEvents(AuditQuery.ofLog(log).limit(1)).stream().findFirst();
  }
}
