package io.lakemesh.governance.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * What one sweep of expiries recorded: the grants whose coming expiry it told (ACCESS_EXPIRING) and
 * those whose expiry it recorded (EXPIRE, ACCESS_EXPIRED), by id. Both are empty when a check or an
 * earlier sweep recorded everything already.
 */
public record ExpirySweep(List<Long> expiring, List<Long> expired) {
  public ExpirySweep {
    expiring = List.copyOf(expiring);
    expired = List.copyOf(expired);
  }

  /** This sweep and another one over other data, as one. */
  public ExpirySweep plus(ExpirySweep other) {
    List<Long> expiring = new ArrayList<>(this.expiring);
    expiring.addAll(other.expiring);
    List<Long> expired = new ArrayList<>(this.expired);
    expired.addAll(other.expired);
    return new ExpirySweep(expiring, expired);
  }
}
