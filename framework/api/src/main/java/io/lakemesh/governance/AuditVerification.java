package io.lakemesh.governance;

import java.util.OptionalLong;

/**
 * The result of walking one audit log.
 *
 * @param log the log
 * @param verified how many events were found intact before the first broken link
 * @param brokenAt the sequence number where the chain breaks; empty when intact
 * @param problem what is wrong there; empty when intact
 */
public record AuditVerification(String log, long verified, OptionalLong brokenAt, String problem) {
  public static AuditVerification intact(String log, long events) {
    return new AuditVerification(log, events, OptionalLong.empty(), "");
  }

  public static AuditVerification broken(String log, long verified, long at, String problem) {
    return new AuditVerification(log, verified, OptionalLong.of(at), problem);
  }

  public boolean isIntact() {
    return brokenAt.isEmpty();
  }

  @Override
  public String toString() {
    return isIntact()
        ? "audit log " + log + ": intact, " + verified + " events"
        : "audit log " + log + ": broken at event " + brokenAt.getAsLong() + ": " + problem;
  }
}
