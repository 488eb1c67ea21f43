package io.lakemesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.deequ.analyzers.MaxState;
import com.amazon.deequ.analyzers.MeanState;
import com.amazon.deequ.analyzers.MinState;
import com.amazon.deequ.analyzers.NumMatches;
import com.amazon.deequ.analyzers.NumMatchesAndCount;
import com.amazon.deequ.analyzers.StandardDeviationState;
import com.amazon.deequ.analyzers.SumState;
import org.junit.jupiter.api.Test;
import scala.Option;

/** A state after a merge: the table's, less the key range's before, plus the range's after. */
class MergedStateTest {
  private static NumMatchesAndCount matches(long matches, long count) {
    return new NumMatchesAndCount(matches, count, Option.empty());
  }

  private static MinState min(double v) {
    return new MinState(v, Option.empty());
  }

  private static MaxState max(double v) {
    return new MaxState(v, Option.empty());
  }

  @Test
  void countsAndMatchesSubtractExactly() {
    assertThat(MergedState.of(new NumMatches(100), new NumMatches(7), new NumMatches(12)).state())
        .isEqualTo(new NumMatches(105));
    assertThat(MergedState.of(matches(90, 100), matches(3, 7), matches(12, 12)).state())
        .isEqualTo(matches(99, 105));
  }

  @Test
  void aMeanSubtractsItsSumAndCountAndOverNoValueHasNoState() {
    assertThat(
            MergedState.of(new MeanState(50.0, 10), new MeanState(8.0, 2), new MeanState(3.0, 1))
                .state())
        .isEqualTo(new MeanState(45.0, 9));
    MergedState none = MergedState.of(new MeanState(8.0, 2), new MeanState(8.0, 2), null);
    assertThat(none.isDerived()).isTrue();
    assertThat(none.state()).isNull();
  }

  @Test
  void aSumSubtractsUnlessNoValueMayBeLeft() {
    assertThat(MergedState.of(new SumState(50.0), new SumState(8.0), new SumState(3.0)).state())
        .isEqualTo(new SumState(45.0));
    MergedState unknown = MergedState.of(new SumState(8.0), new SumState(8.0), null);
    assertThat(unknown.isDerived()).isFalse();
    assertThat(unknown.refusal()).isEqualTo("the sum may be over no value");
  }

  @Test
  void aMinimumHeldOutsideTheRangeStandsAndOneHeldInsideItNeedsAPass() {
    assertThat(MergedState.of(min(1.0), min(3.0), min(5.0)).state())
        .as("held outside")
        .isEqualTo(min(1.0));
    assertThat(MergedState.of(min(1.0), min(3.0), min(0.5)).state())
        .as("undercut by the range")
        .isEqualTo(min(0.5));
    assertThat(MergedState.of(min(1.0), min(1.0), min(1.0)).state())
        .as("the range still holds it")
        .isEqualTo(min(1.0));
    assertThat(MergedState.of(min(1.0), min(1.0), min(2.0)).refusal())
        .isEqualTo(MergedState.MINIMUM);
    assertThat(MergedState.of(min(1.0), min(1.0), null).refusal()).isEqualTo(MergedState.MINIMUM);
  }

  @Test
  void aMaximumLikewise() {
    assertThat(MergedState.of(max(9.0), max(4.0), max(6.0)).state()).isEqualTo(max(9.0));
    assertThat(MergedState.of(max(9.0), max(9.0), max(12.0)).state()).isEqualTo(max(12.0));
    assertThat(MergedState.of(max(9.0), max(9.0), max(3.0)).refusal())
        .isEqualTo(MergedState.MAXIMUM);
  }

  @Test
  void aRangeWithNoValueBeforeLeavesTheTableAsItWasPlusTheRangeAfter() {
    assertThat(MergedState.of(max(9.0), null, max(12.0)).state()).isEqualTo(max(12.0));
    assertThat(MergedState.of(null, null, new SumState(3.0)).state()).isEqualTo(new SumState(3.0));
  }

  @Test
  void aDeviationIsNotTakenApart() {
    StandardDeviationState s = new StandardDeviationState(4, 2.0, 1.0);
    assertThat(MergedState.of(s, new StandardDeviationState(1, 2.0, 0.0), s).refusal())
        .isEqualTo("its state cannot be taken apart");
  }
}
