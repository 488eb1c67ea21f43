package io.lakemesh.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A time as options such as {@code audit --since} take it: an ISO-8601 instant, a date (its start,
 * UTC), or an age back from now ({@code 30m}, {@code 24h}, {@code 7d}). Anything else is bad usage
 * that names the forms accepted, not a parser's stack trace.
 */
class PointInTime implements ITypeConverter<Instant> {
  static final String FORMS =
      "an ISO-8601 instant (2026-12-01T09:00:00Z), a date (2026-12-01, from its start in UTC)"
          + " or an age back from now (30m, 24h, 7d)";

  private static final Pattern AGE = Pattern.compile("(\\d+)([mhd])");

  private final Clock clock;
  private final boolean ahead;

  PointInTime() {
    this(Clock.systemUTC());
  }

  PointInTime(Clock clock) {
    this(clock, false);
  }

  private PointInTime(Clock clock, boolean ahead) {
    this.clock = clock;
    this.ahead = ahead;
  }

  /**
   * A time ahead, as {@code --expires} takes it: an instant, a date (its start, UTC), or a duration
   * from now ({@code 30d} is thirty days from now).
   */
  static final class Ahead extends PointInTime {
    static final String FORMS =
        "an ISO-8601 instant (2027-01-05T00:00:00Z), a date (2027-01-05, from its start in UTC)"
            + " or a duration from now (30m, 24h, 30d)";

    Ahead() {
      this(Clock.systemUTC());
    }

    Ahead(Clock clock) {
      super(clock, true);
    }
  }

  @Override
  public Instant convert(String text) {
    String value = text.trim();
    Matcher age = AGE.matcher(value);
    if (age.matches()) {
      long n = Long.parseLong(age.group(1));
      Duration back =
          switch (age.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return ahead ? clock.instant().plus(back) : clock.instant().minus(back);
    }
    try {
      return value.contains("T")
          ? Instant.parse(value)
          : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + text + "' is not a time: use " + (ahead ? Ahead.FORMS : FORMS));
    }
  }
}
