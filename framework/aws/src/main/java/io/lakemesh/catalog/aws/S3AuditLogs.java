package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.exceptions.CommitConflictException;
import io.lakemesh.governance.AuditChain;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditSeal;
import io.lakemesh.governance.AuditVerification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Hash-chained audit logs in S3: event N of log L is the object {@code audit/L/N.json} (N zero-
 * padded), created only if absent, so two writers can never both append event N and the chain
 * cannot fork. A head object per log records the last append, so that deleting the newest events,
 * or adding events behind lakemesh's back, is detected. An append that stops between its event and
 * the head leaves the head one behind until the next append moves it on; a verification in between
 * reports it.
 */
final class S3AuditLogs {
  private static final int ATTEMPTS = 50;
  private static final Comparator<AuditEvent> ACROSS_LOGS =
      Comparator.comparing(AuditEvent::at)
          .thenComparing(AuditEvent::log)
          .thenComparingLong(AuditEvent::seq);

  private final S3Objects objects;
  private final RecordAccess access;
  private final RecordFolder<AuditEvent> events;
  private final AuditSeal seal;

  private record Head(long seq, String hash, String etag) {
    static final Head EMPTY = new Head(0, AuditChain.GENESIS, null);
  }

  /** Logs read by the records account, each event appended by {@link RecordAccess#of}. */
  S3AuditLogs(RecordAccess access, AuditSeal seal) {
    this.objects = access.records();
    this.access = access;
    this.seal = seal;
    this.events = new RecordFolder<>(objects, AthenaTables.AUDIT, RunJson::audit, RunJson::audit);
  }

  AuditEvent append(AuditEvent draft) {
    String log = draft.log();
    // The whole append (reading the head, finding the last event, creating the next, moving the
    // head) is made by the account that writes the event.
    S3Objects by = access.of(draft);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Head hint = head(by, log);
      Head last = lastAfter(by, log, hint);
      AuditEvent event = draft.chained(last.seq() + 1, last.hash(), seal.key().orElse(null));
      if (by.create(eventKey(log, event.seq()), events.line(event)).isPresent()) {
        moveHead(by, log, hint, event);
        seal.appended(event);
        return event;
      }
      JsonLinesFile.pause(attempt);
    }
    throw new CommitConflictException(
        "audit log " + log + ": " + ATTEMPTS + " appends in a row lost to concurrent writers",
        null);
  }

  List<AuditEvent> find(AuditQuery q) {
    List<String> logs = q.log() == null ? logs() : List.of(q.log());
    List<AuditEvent> matching = new ArrayList<>();
    for (String log : logs) {
      for (AuditEvent e : events.all(log + "/")) {
        if ((q.resource() == null || e.resource().contains(q.resource()))
            && (q.actor() == null || e.actor().equals(q.actor()))
            && (q.since() == null || !e.at().isBefore(q.since()))) {
          matching.add(e);
        }
      }
    }
    matching.sort(q.log() == null ? ACROSS_LOGS : Comparator.comparingLong(AuditEvent::seq));
    return List.copyOf(matching.subList(Math.max(0, matching.size() - q.limit()), matching.size()));
  }

  /** Lists from the event's key on, so only the events from {@code seq} are read. */
  List<AuditEvent> from(String log, long seq) {
    List<AuditEvent> found = new ArrayList<>();
    for (S3Objects.Listed listed :
        objects.list(AthenaTables.AUDIT + log + "/", seq <= 1 ? null : eventKey(log, seq - 1))) {
      Optional<AuditEvent> event = read(objects, listed.key());
      if (event.isEmpty()) {
        break;
      }
      found.add(event.get());
    }
    return found;
  }

  List<String> logs() {
    List<String> logs = new ArrayList<>(objects.folders(AthenaTables.AUDIT));
    Collections.sort(logs);
    return logs;
  }

  AuditVerification verify(String log) {
    Head head = head(objects, log);
    List<AuditEvent> readable = new ArrayList<>();
    for (S3Objects.Listed listed : objects.list(AthenaTables.AUDIT + log + "/", null)) {
      Optional<AuditEvent> event = read(objects, listed.key());
      if (event.isEmpty()) {
        AuditEvent last = readable.isEmpty() ? null : readable.get(readable.size() - 1);
        AuditVerification prefix =
            AuditChain.verify(
                log,
                readable,
                last == null ? 0 : last.seq(),
                last == null ? AuditChain.GENESIS : last.hash(),
                seal);
        return prefix.isIntact()
            ? AuditVerification.broken(
                log,
                prefix.verified(),
                seqOf(listed.key()),
                "the object cannot be read as an audit event (it was altered)")
            : prefix;
      }
      readable.add(event.get());
    }
    return AuditChain.verify(log, readable, head.seq(), head.hash(), seal);
  }

  private static Optional<AuditEvent> read(S3Objects by, String key) {
    return by.get(key)
        .flatMap(
            stored -> {
              try {
                List<JsonNode> lines = Json.parseLines(stored.body());
                return lines.size() == 1
                    ? Optional.of(RunJson.audit(lines.get(0)))
                    : Optional.empty();
              } catch (Exception e) {
                return Optional.empty();
              }
            });
  }

  /** The last event after the hint, found by listing past it; the hint itself when none. */
  private static Head lastAfter(S3Objects by, String log, Head hint) {
    List<S3Objects.Listed> later =
        by.list(AthenaTables.AUDIT + log + "/", hint.seq() == 0 ? null : eventKey(log, hint.seq()));
    if (later.isEmpty()) {
      return hint;
    }
    S3Objects.Listed newest = later.get(later.size() - 1);
    AuditEvent event =
        read(by, newest.key())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "audit log "
                            + log
                            + ": its newest event "
                            + newest.key()
                            + " cannot be read; run audit verify"));
    return new Head(event.seq(), event.hash(), hint.etag());
  }

  private static Head head(S3Objects by, String log) {
    return by.get(headKey(log))
        .map(
            stored -> {
              try {
                JsonNode n = Json.parse(stored.body());
                return new Head(n.get("seq").asLong(), Json.requiredText(n, "hash"), stored.etag());
              } catch (Exception e) {
                return new Head(0, AuditChain.GENESIS, stored.etag());
              }
            })
        .orElse(Head.EMPTY);
  }

  /**
   * Moves the head to the appended event unless a concurrent writer moved it further already, so
   * that the head names the last event whenever no append is under way.
   */
  private static void moveHead(S3Objects by, String log, Head read, AuditEvent appended) {
    String body =
        Json.line(
            Json.object().put("log", log).put("seq", appended.seq()).put("hash", appended.hash()));
    Head current = read;
    for (int attempt = 1; attempt <= ATTEMPTS && current.seq() < appended.seq(); attempt++) {
      boolean moved =
          (current.etag() == null
                  ? by.create(headKey(log), body)
                  : by.replace(headKey(log), body, current.etag()))
              .isPresent();
      if (moved) {
        return;
      }
      current = head(by, log);
    }
  }

  private static String eventKey(String log, long seq) {
    return eventFolder(log) + String.format("%020d", seq) + ".json";
  }

  /** The folder of a log's events, relative to the root. */
  static String eventFolder(String log) {
    return AthenaTables.AUDIT + log + "/";
  }

  /** The key of a log's head, relative to the root. */
  static String headKey(String log) {
    return AthenaTables.STATE + "audit_heads/" + log + ".json";
  }

  private static long seqOf(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1).replace(".json", "");
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
