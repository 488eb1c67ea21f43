package io.lakemesh.cli;

import java.time.Instant;

/**
 * How the CLI says when access ends: {@code expires 2027-01-05T00:00:00Z}, then {@code expired
 * ...}.
 */
final class Expiry {
  private Expiry() {}

  /** {@code expires T} before the instant, {@code expired T} from it on; {@code never expires}. */
  static String text(Instant expires, Instant now) {
    if (expires == null) {
      return "never expires";
    }
    Instant at = now == null ? Instant.now() : now;
    return (at.isBefore(expires) ? "expires " : "expired ") + Timestamps.of(expires);
  }

  /** The text after a grant's line, with its leading space; empty for access that never ends. */
  static String suffix(Instant expires, Instant now) {
    return expires == null ? "" : " (" + text(expires, now) + ")";
  }
}
