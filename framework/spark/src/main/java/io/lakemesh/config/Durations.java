package io.lakemesh.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Durations as a spec writes them and a message reads them back: in the unit the spec used, so a
 * rule of {@code 30d} speaks of days ({@code 35d 4h old, required at most 30d}), not of 720 hours.
 */
public final class Durations {
  /** The units a message uses, largest first, with their suffixes. */
  private static final List<ChronoUnit> UNITS =
      List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS);

  private Durations() {}

  /**
   * The unit a HOCON duration was written in ({@code 30d}, {@code 36 hours}, {@code 90m}); null
   * when it names none (a bare number is milliseconds to HOCON). Units under a second read as
   * seconds.
   */
  public static ChronoUnit unitOf(String written) {
    String unit = written.strip().replaceAll("^[0-9.\\s]+", "").toLowerCase(Locale.ROOT);
    if (unit.isEmpty()) {
      return null;
    }
    if (unit.startsWith("d")) {
      return ChronoUnit.DAYS;
    }
    if (unit.startsWith("h")) {
      return ChronoUnit.HOURS;
    }
    if (unit.equals("m") || unit.startsWith("minute")) {
      return ChronoUnit.MINUTES;
    }
    return ChronoUnit.SECONDS;
  }

  /** The largest of days, hours, minutes and seconds that measures the duration whole. */
  public static ChronoUnit largestWholeUnit(Duration duration) {
    for (ChronoUnit unit : UNITS) {
      if (duration.toNanos() % unit.getDuration().toNanos() == 0) {
        return unit;
      }
    }
    return ChronoUnit.SECONDS;
  }

  /**
   * The duration in {@code unit} and, for what is left, the smaller units, to the second: {@code
   * 30d}, {@code 35d 4h}, {@code 30h}, {@code 24h 1s}; {@code 0s} for less than a second.
   */
  public static String format(Duration duration, ChronoUnit unit) {
    int first = UNITS.indexOf(unit);
    if (first < 0) {
      throw new IllegalArgumentException(
          "durations read in days, hours, minutes or seconds, not " + unit);
    }
    long seconds = duration.getSeconds();
    StringBuilder out = new StringBuilder();
    for (ChronoUnit u : UNITS.subList(first, UNITS.size())) {
      long size = u.getDuration().getSeconds();
      long n = seconds / size;
      seconds %= size;
      if (n != 0) {
        out.append(out.isEmpty() ? "" : " ").append(n).append(suffix(u));
      }
    }
    return out.isEmpty() ? "0s" : out.toString();
  }

  private static String suffix(ChronoUnit unit) {
    return switch (unit) {
      case DAYS -> "d";
      case HOURS -> "h";
      case MINUTES -> "m";
      default -> "s";
    };
  }
}
