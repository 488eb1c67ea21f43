package io.lakemesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which patterns a write may test with RLIKE instead of Deequ's regexp_extract: those no match of
 * which can be empty. The equality of the counts is {@code InWriteMetricsTest}'s.
 */
class PatternAggregatesTest {
  @Test
  void patternsThatConsumeAtLeastOneCharacterQualify() {
    assertThat(PatternAggregates.neverMatchesEmpty("[A-Z]{2}")).isTrue();
    assertThat(PatternAggregates.neverMatchesEmpty("^(?:[A-Z]{2})$")).isTrue();
    assertThat(PatternAggregates.neverMatchesEmpty("\\d+")).isTrue();
    assertThat(PatternAggregates.neverMatchesEmpty("a|bc")).isTrue();
  }

  @Test
  void patternsThatCanMatchEmptyTextDoNot() {
    assertThat(PatternAggregates.neverMatchesEmpty("[A-Z]*")).isFalse();
    assertThat(PatternAggregates.neverMatchesEmpty("x?")).isFalse();
    assertThat(PatternAggregates.neverMatchesEmpty("^$")).isFalse();
    assertThat(PatternAggregates.neverMatchesEmpty("a|")).isFalse();
  }

  @Test
  void patternsWhoseEmptyMatchesDependOnTheTextAroundThemDoNot() {
    // Each matches nothing in the empty text, yet can match empty inside another.
    assertThat(PatternAggregates.neverMatchesEmpty("\\b")).isFalse();
    assertThat(PatternAggregates.neverMatchesEmpty("(?=U)")).isFalse();
    assertThat(PatternAggregates.neverMatchesEmpty("(?<=U)")).isFalse();
    assertThat(PatternAggregates.neverMatchesEmpty("\\bU?")).isFalse();
  }

  @Test
  void aPatternThatDoesNotCompileKeepsDeequsAggregate() {
    assertThat(PatternAggregates.neverMatchesEmpty("[A-Z")).isFalse();
  }
}
