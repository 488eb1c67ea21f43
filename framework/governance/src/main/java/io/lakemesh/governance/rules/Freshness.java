package io.lakemesh.governance.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fresh a product is against its freshness SLA, as every reader is shown it (the product
 * listing, so the CLI and the web UI agree). The SLA is measured from the last successful check,
 * not the last change: a run that found its inputs unchanged ({@code UNCHANGED}) confirms the
 * published data is current as much as a run that published a new snapshot does, so a product whose
 * inputs did not move stays fresh while its job runs on time.
 *
 * @param state {@code FRESH} or {@code STALE} against the SLA; {@code NO_SLA} when the product
 *     declares none (or one that cannot be read), {@code NEVER_CHECKED} when nothing says when
 * @param lastChecked the end of the last run that published or found its inputs unchanged, or the
 *     last publish when no such run is on record; null when neither is known
 * @param lastChanged the last publish of a new snapshot; null when not known
 * @param breachedSince when the freshness monitor recorded the product past its SLA, for as long as
 *     it has recorded no recovery; null when it is not in breach (the monitor, not this reading,
 *     decides breaches, so a product may read STALE a while before its breach is recorded)
 */
public record Freshness(
    State state, Instant lastChecked, Instant lastChanged, Instant breachedSince) {

  public enum State {
    FRESH,
    STALE,
    NO_SLA,
    NEVER_CHECKED
  }

  // The forms a spec's `sla.freshness` is written in (HOCON durations) and the ISO form the
  // producer job stores (Duration.toString, such as PT24H).
  private static final Pattern SHORT =
      Pattern.compile("(\\d+)\\s*(s|seconds?|m|minutes?|h|hours?|d|days?)");

  public Freshness {
    if (state == null) {
      throw new IllegalArgumentException("a freshness needs a state");
    }
  }

  /**
   * The freshness of a product with this SLA at {@code now}. {@code lastCheck} is the end of the
   * newest PUBLISHED or UNCHANGED run (null when none is on record); the later of it and the last
   * publish counts as the last check.
   */
  public static Freshness of(String sla, Instant lastCheck, Instant lastChanged, Instant now) {
    Instant checked =
        lastCheck == null || (lastChanged != null && lastChanged.isAfter(lastCheck))
            ? lastChanged
            : lastCheck;
    Optional<Duration> limit = sla(sla);
    State state;
    if (limit.isEmpty()) {
      state = State.NO_SLA;
    } else if (checked == null) {
      state = State.NEVER_CHECKED;
    } else {
      state =
          Duration.between(checked, now).compareTo(limit.get()) <= 0 ? State.FRESH : State.STALE;
    }
    return new Freshness(state, checked, lastChanged, null);
  }

  /** The same, in breach since {@code since} as the monitor recorded it (null: not in breach). */
  public Freshness withBreach(Instant since) {
    return new Freshness(state, lastChecked, lastChanged, since);
  }

  /**
   * How long past its SLA a product checked at {@code lastChecked} is at {@code now}; zero or
   * negative while it is within.
   */
  public static Duration overdue(Duration sla, Instant lastChecked, Instant now) {
    return Duration.between(lastChecked.plus(sla), now);
  }

  /** The state as a reader reads it: fresh, stale, no SLA, never checked. */
  public String label() {
    return state.name().toLowerCase(Locale.ROOT).replace("_sla", " SLA").replace('_', ' ');
  }

  /** The SLA as a duration: {@code 24h}, {@code 30d}, {@code 90 minutes} or {@code PT24H}. */
  public static Optional<Duration> sla(String sla) {
    if (sla == null || sla.isBlank()) {
      return Optional.empty();
    }
    String text = sla.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return Optional.of(
          switch (m.group(2).charAt(0)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          });
    }
    try {
      return Optional.of(Duration.parse(text.toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }
}
