package io.lakemesh.governance;

import java.util.OptionalLong;

/**
 * The result of walking one audit log.
 *
 * @param log the log
 * @param verified how many events were found intact before the first broken link
 * @param brokenAt the sequence number where the chain breaks; empty when intact
 * @param problem what is wrong there; empty when intact
 * @param keyedFrom the first event hashed with the audit key; 0 when none is
 * @param anchoredTo the last event a signed checkpoint outside the database anchors; 0 when none
 */
public record AuditVerification(
    String log,
    long verified,
    OptionalLong brokenAt,
    String problem,
    long keyedFrom,
    long anchoredTo) {

  public static AuditVerification intact(String log, long events) {
    return intact(log, events, 0, 0);
  }

  public static AuditVerification intact(String log, long events, long keyedFrom, long anchoredTo) {
    return new AuditVerification(log, events, OptionalLong.empty(), "", keyedFrom, anchoredTo);
  }

  public static AuditVerification broken(String log, long verified, long at, String problem) {
    return new AuditVerification(log, verified, OptionalLong.of(at), problem, 0, 0);
  }

  public boolean isIntact() {
    return brokenAt.isEmpty();
  }

  @Override
  public String toString() {
    if (!isIntact()) {
      return "audit log " + log + ": broken at event " + brokenAt.getAsLong() + ": " + problem;
    }
    StringBuilder out = new StringBuilder("audit log " + log + ": intact, " + verified + " events");
    if (keyedFrom > 0) {
      out.append("; keyed from event ").append(keyedFrom);
    }
    if (anchoredTo > 0) {
      out.append("; anchored by checkpoints up to event ").append(anchoredTo);
      if (anchoredTo < verified) {
        out.append(anchoredTo + 1 == verified ? " (event " : " (events ")
            .append(anchoredTo + 1)
            .append(anchoredTo + 1 == verified ? "" : "-" + verified)
            .append(" not yet anchored)");
      }
    }
    return out.toString();
  }
}
