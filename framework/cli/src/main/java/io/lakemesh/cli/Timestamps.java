package io.lakemesh.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How the CLI's tables print a time: ISO-8601 in UTC to the second ({@code 2026-12-06T08:59:49Z}),
 * so that columns line up; {@code --json} keeps the exact instant.
 */
final class Timestamps {
  private Timestamps() {}

  static String of(Instant at) {
    return at == null ? "-" : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
