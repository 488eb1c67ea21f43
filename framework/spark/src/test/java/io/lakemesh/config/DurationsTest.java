package io.lakemesh.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A duration reads back in the unit the spec wrote it in. */
class DurationsTest {
  @Test
  void theUnitIsTheOneWritten() {
    assertThat(Durations.unitOf("30d")).isEqualTo(ChronoUnit.DAYS);
    assertThat(Durations.unitOf("30 days")).isEqualTo(ChronoUnit.DAYS);
    assertThat(Durations.unitOf("48h")).isEqualTo(ChronoUnit.HOURS);
    assertThat(Durations.unitOf("90m")).isEqualTo(ChronoUnit.MINUTES);
    assertThat(Durations.unitOf("90 minutes")).isEqualTo(ChronoUnit.MINUTES);
    assertThat(Durations.unitOf("500ms")).isEqualTo(ChronoUnit.SECONDS);
    assertThat(Durations.unitOf("45s")).isEqualTo(ChronoUnit.SECONDS);
    assertThat(Durations.unitOf("86400000")).isNull();
  }

  @Test
  void aDurationReadsInItsUnitThenTheSmallerOnes() {
    assertThat(Durations.format(Duration.ofDays(30), ChronoUnit.DAYS)).isEqualTo("30d");
    assertThat(Durations.format(Duration.ofDays(35).plusHours(4), ChronoUnit.DAYS))
        .isEqualTo("35d 4h");
    assertThat(Durations.format(Duration.ofHours(30), ChronoUnit.HOURS)).isEqualTo("30h");
    assertThat(Durations.format(Duration.ofHours(24).plusSeconds(1), ChronoUnit.HOURS))
        .isEqualTo("24h 1s");
    assertThat(Durations.format(Duration.ofHours(48), ChronoUnit.HOURS)).isEqualTo("48h");
    assertThat(Durations.format(Duration.ofMillis(300), ChronoUnit.SECONDS)).isEqualTo("0s");
  }

  @Test
  void withoutAWrittenUnitTheLargestWholeOneIsUsed() {
    assertThat(Durations.largestWholeUnit(Duration.ofDays(3650))).isEqualTo(ChronoUnit.DAYS);
    assertThat(Durations.largestWholeUnit(Duration.ofHours(36))).isEqualTo(ChronoUnit.HOURS);
    assertThat(Durations.largestWholeUnit(Duration.ofMinutes(90))).isEqualTo(ChronoUnit.MINUTES);
  }

  @Test
  void aSpecSectionKnowsTheUnitOfItsDuration() {
    Section rule =
        Section.root(
            ConfigFactory.parseString("a = 30d, b = 36 hours, c = 86400000"),
            Set.of("a", "b", "c"));
    assertThat(rule.durationUnit("a")).isEqualTo(ChronoUnit.DAYS);
    assertThat(rule.durationUnit("b")).isEqualTo(ChronoUnit.HOURS);
    assertThat(rule.durationUnit("c")).isEqualTo(ChronoUnit.DAYS);
  }
}
