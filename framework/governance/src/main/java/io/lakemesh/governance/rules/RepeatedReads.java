package io.lakemesh.governance.rules;

import io.lakemesh.governance.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Collapses an engine's repeated reads of one table: an Iceberg REST client loads a table for every
 * query it plans (and again before each commit attempt), so recording each load would bury the
 * log's other events. The first read of a principal on a table is appended; further reads of the
 * same principal and table within {@link #WINDOW} after it are covered by that event; the first
 * read after the window appends a new one. Unlike refusals ({@link RepeatedRefusals}) the covered
 * reads are not counted: a read changes nothing, and the event says who read what and when.
 */
final class RepeatedReads {
  static final Duration WINDOW = Duration.ofMinutes(1);

  // Windows forgotten only past this many open ones, so a busy server keeps a bounded map.
  private static final int PRUNE_ABOVE = 10_000;

  private record Key(String log, String actor, String action, String resource) {
    static Key of(AuditEvent e) {
      return new Key(e.log(), e.actor().toString(), e.action().label(), e.resource());
    }
  }

  private final Map<Key, Instant> opened = new HashMap<>();

  /**
   * True when the read opens a window and must be appended; false when an earlier read of the same
   * principal and table covers it.
   */
  synchronized boolean opens(AuditEvent draft) {
    Key key = Key.of(draft);
    Instant open = opened.get(key);
    if (open != null && draft.at().isBefore(open.plus(WINDOW)) && !draft.at().isBefore(open)) {
      return false;
    }
    if (opened.size() >= PRUNE_ABOVE) {
      forget(draft.at());
    }
    opened.put(key, draft.at());
    return true;
  }

  /** Reopens the window of a read whose event could not be appended, so the next read is. */
  synchronized void unrecorded(AuditEvent draft) {
    opened.remove(Key.of(draft), draft.at());
  }

  /** Forgets the windows that have passed by {@code now}: their next read is appended anyway. */
  synchronized void forget(Instant now) {
    opened.values().removeIf(at -> !now.isBefore(at.plus(WINDOW)));
  }
}
