package io.lakemesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which patterns a write may test with RLIKE instead of Deequ's regexp_extract: those no match of
 * which can be empty. The equality of the counts is {@code InWriteMetricsTest}'s.
 */
class PatternAggregatesTest {
  @Test
  void patternsThatConsumeAtLeastOneCharacterQualify() {
    assertThat(List.of("[A-Z]{2}", "^(?:[A-Z]{2})$", "\\d+", "a|bc"))
        .allMatch(PatternAggregates::neverMatchesEmpty);
  }

  @Test
  void patternsThatCanMatchEmptyTextDoNot() {
    assertThat(List.of("[A-Z]*", "x?", "^$", "a|")).noneMatch(PatternAggregates::neverMatchesEmpty);
  }

  @Test
  void patternsWhoseEmptyMatchesDependOnTheTextAroundThemDoNot() {
    // Each matches nothing in the empty text, yet can match empty inside another.
    assertThat(List.of("\\b", "(?=U)", "(?<=U)", "\\bU?"))
        .noneMatch(PatternAggregates::neverMatchesEmpty);
  }

  @Test
  void aPatternThatDoesNotCompileKeepsDeequsAggregate() {
    assertThat(PatternAggregates.neverMatchesEmpty("[A-Z")).isFalse();
  }
}
