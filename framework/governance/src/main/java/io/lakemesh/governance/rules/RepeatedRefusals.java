package io.lakemesh.governance.rules;

import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.governance.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Collapses identical refusals of one token, so that a token cannot flood a log (another account's,
 * say, with claims to act as its principals): the first refusal is appended at once; identical ones
 * (same log, token, actor, action, resource and reason) within the window after it are only
 * counted, and appended as one event carrying the count when the window has passed (at the next
 * such refusal or at {@link #flush}). Every refusal is thus in the log, once or in a count.
 */
final class RepeatedRefusals {
  static final Duration WINDOW = Duration.ofMinutes(1);

  private record Key(
      String log, String token, String actor, String actingAs, String action, String resource,
      String reason) {
    static Key of(AuditEvent e) {
      return new Key(
          e.log(), e.token(), e.actor().toString(), e.actingAs(), e.action().label(),
          e.resource(), e.reason());
    }
  }

  /** The window opened by a first refusal, and the repeats counted in it since. */
  private record Window(Instant opened, int repeats, AuditEvent last) {}

  private final SupportsAudit audit;
  private final Map<Key, Window> windows = new HashMap<>();

  RepeatedRefusals(SupportsAudit audit) {
    this.audit = audit;
  }

  /** Appends the refusal, or counts it when an identical one opened a window not yet passed. */
  synchronized void refused(AuditEvent draft) {
    Key key = Key.of(draft);
    Window open = windows.get(key);
    if (open != null && draft.at().isBefore(open.opened().plus(WINDOW))) {
      windows.put(key, new Window(open.opened(), open.repeats() + 1, draft));
      return;
    }
    if (open != null) {
      appendRepeats(open);
    }
    audit.append(draft);
    windows.put(key, new Window(draft.at(), 0, draft));
  }

  /**
   * Appends the counts of the windows that have passed by {@code now} (every window when {@code
   * now} is null) and forgets them.
   */
  synchronized void flush(Instant now) {
    windows
        .entrySet()
        .removeIf(
            entry -> {
              Window w = entry.getValue();
              if (now != null && now.isBefore(w.opened().plus(WINDOW))) {
                return false;
              }
              appendRepeats(w);
              return true;
            });
  }

  private void appendRepeats(Window w) {
    if (w.repeats() > 0) {
      audit.append(w.last().counted(w.repeats()));
    }
  }
}
