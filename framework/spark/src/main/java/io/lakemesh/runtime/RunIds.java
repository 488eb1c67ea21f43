package io.lakemesh.runtime;

import io.lakemesh.exceptions.InvalidIdentifierException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Run ids sort by start time and are safe in branch names: {@code 20261125T101500Z-3f9a1c}. A
 * scheduler's run id is its own run's name and the product's ({@code EXECUTION-domain-name}); Step
 * Functions execution names alone take up to 80 characters, hence the 128.
 */
final class RunIds {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

  private RunIds() {}

  static String next() {
    return FORMAT.format(ZonedDateTime.now(ZoneOffset.UTC))
        + "-"
        + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }

  static String check(String runId) {
    if (!VALID.matcher(runId).matches()) {
      throw new InvalidIdentifierException("run id", runId, VALID.pattern());
    }
    return runId;
  }
}
