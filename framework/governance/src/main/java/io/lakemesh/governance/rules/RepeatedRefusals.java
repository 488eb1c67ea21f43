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
 * such refusal or at {@link #flush}). Varying the refusal (claiming {@code sales:x1}, {@code
 * sales:x2}, ...) does not get past it: past {@link #DISTINCT_PER_WINDOW} distinct refusals of one
 * token in one log within a window, the rest are counted into one event that says so. Every refusal
 * is thus in the log, once or in a count.
 */
final class RepeatedRefusals {
  static final Duration WINDOW = Duration.ofMinutes(1);

  /** Distinct refusals of one token appended to one log in a window; more are only counted. */
  static final int DISTINCT_PER_WINDOW = 20;

  private record Key(
      String log,
      String token,
      String actor,
      String actingAs,
      String action,
      String resource,
      String reason) {
    static Key of(AuditEvent e) {
      return new Key(
          e.log(),
          e.token(),
          e.actor().toString(),
          e.actingAs(),
          e.action().label(),
          e.resource(),
          e.reason());
    }
  }

  /** The window opened by a first refusal, and the repeats counted in it since. */
  private record Window(Instant opened, int repeats, AuditEvent last) {}

  /** One token's refusals in one log. */
  private record Source(String log, String token) {}

  /** A token's window in a log: distinct refusals appended, and those counted past the limit. */
  private record Burst(Instant opened, int distinct, int overflow, AuditEvent last) {}

  private final SupportsAudit audit;
  private final Map<Key, Window> windows = new HashMap<>();
  private final Map<Source, Burst> bursts = new HashMap<>();

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
    if (!withinBurst(draft)) {
      return;
    }
    if (open != null) {
      appendRepeats(open);
    }
    audit.append(draft);
    windows.put(key, new Window(draft.at(), 0, draft));
  }

  /** Counts a new distinct refusal against its token's window; false once past the limit. */
  private boolean withinBurst(AuditEvent draft) {
    Source source = new Source(draft.log(), draft.token());
    Burst burst = bursts.get(source);
    if (burst == null || !draft.at().isBefore(burst.opened().plus(WINDOW))) {
      if (burst != null) {
        appendOverflow(burst);
      }
      burst = new Burst(draft.at(), 0, 0, null);
    }
    if (burst.distinct() >= DISTINCT_PER_WINDOW) {
      bursts.put(source, new Burst(burst.opened(), burst.distinct(), burst.overflow() + 1, draft));
      return false;
    }
    bursts.put(source, new Burst(burst.opened(), burst.distinct() + 1, 0, null));
    return true;
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
    bursts
        .entrySet()
        .removeIf(
            entry -> {
              Burst b = entry.getValue();
              if (now != null && now.isBefore(b.opened().plus(WINDOW))) {
                return false;
              }
              appendOverflow(b);
              return true;
            });
  }

  private void appendOverflow(Burst b) {
    if (b.overflow() > 0) {
      AuditEvent last = b.last();
      String reason =
          b.overflow()
              + " refusal(s) of this token past the "
              + DISTINCT_PER_WINDOW
              + " distinct ones a minute that are appended in full; the last: "
              + last.reason();
      audit.append(
          last.withTexts(last.resource(), last.before(), last.after(), reason)
              .counted(b.overflow()));
    }
  }

  private void appendRepeats(Window w) {
    if (w.repeats() > 0) {
      audit.append(w.last().counted(w.repeats()));
    }
  }
}
