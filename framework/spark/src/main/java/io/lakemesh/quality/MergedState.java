package io.lakemesh.quality;

import com.amazon.deequ.analyzers.MaxState;
import com.amazon.deequ.analyzers.MeanState;
import com.amazon.deequ.analyzers.MinState;
import com.amazon.deequ.analyzers.NumMatches;
import com.amazon.deequ.analyzers.NumMatchesAndCount;
import com.amazon.deequ.analyzers.State;
import com.amazon.deequ.analyzers.SumState;
import scala.Option;

/**
 * One analyzer's state over a table after a merge: the state before, less the state of the key
 * range before the merge, plus the state of the key range after it ({@link KeyRange}: outside the
 * range the table did not change). Counts, sums, completeness and compliance subtract exactly; an
 * extreme subtracts only when the range did not hold it or the range's new rows pass it. What
 * cannot be told from the states is refused, with the reason, and measured by a pass.
 *
 * @param state the state after the merge, null for none (no value to measure); meaningful only when
 *     {@code refusal} is null
 * @param refusal why the state cannot be derived, in words for the run's report
 */
record MergedState(State<?> state, String refusal) {
  static final String MINIMUM = "a replaced row held the minimum";
  static final String MAXIMUM = "a replaced row held the maximum";

  static MergedState of(
      Option<State<?>> table, Option<State<?>> rangeBefore, Option<State<?>> rangeAfter) {
    return of(value(table), value(rangeBefore), value(rangeAfter));
  }

  private static State<?> value(Option<State<?>> state) {
    return state.isEmpty() ? null : state.get();
  }

  /** Each state null when there was nothing to measure. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static MergedState of(State<?> table, State<?> removed, State<?> added) {
    if (removed == null) {
      return derived(
          plus(table, added)); // the range held no value: the table outside it is all of it
    }
    if (table == null
        || table.getClass() != removed.getClass()
        || (added != null && added.getClass() != table.getClass())) {
      return refused("the stored state does not cover the replaced rows");
    }
    if (table instanceof NumMatches t) {
      long n =
          t.numMatches()
              - ((NumMatches) removed).numMatches()
              + (added == null ? 0 : ((NumMatches) added).numMatches());
      return n > 0 ? derived(new NumMatches(n)) : refused("no row is left to count");
    }
    if (table instanceof NumMatchesAndCount t) {
      NumMatchesAndCount r = (NumMatchesAndCount) removed;
      NumMatchesAndCount a =
          added == null ? new NumMatchesAndCount(0, 0, Option.empty()) : (NumMatchesAndCount) added;
      long count = t.count() - r.count() + a.count();
      return count > 0
          ? derived(
              new NumMatchesAndCount(
                  t.numMatches() - r.numMatches() + a.numMatches(), count, Option.empty()))
          : refused("no row is left to count");
    }
    if (table instanceof MeanState t) {
      MeanState r = (MeanState) removed;
      MeanState a = added == null ? new MeanState(0, 0) : (MeanState) added;
      long count = t.count() - r.count() + a.count();
      // As Deequ's aggregation: a mean over no value has no state.
      return count == 0
          ? derived(null)
          : derived(new MeanState(t.sum() - r.sum() + a.sum(), count));
    }
    if (table instanceof SumState t) {
      // A sum keeps no count: whether any value is left outside the range is unknown, and Deequ
      // tells "no value" (no state) from a sum of zero.
      return added == null
          ? refused("the sum may be over no value")
          : derived(new SumState(t.sum() - ((SumState) removed).sum() + ((SumState) added).sum()));
    }
    if (table instanceof MinState t) {
      double least = ((MinState) removed).minValue();
      if (least > t.minValue()) { // a row outside the range holds the minimum
        return derived(plus(t, added));
      }
      return added != null && ((MinState) added).minValue() <= t.minValue()
          ? derived(added)
          : refused(MINIMUM);
    }
    if (table instanceof MaxState t) {
      double most = ((MaxState) removed).maxValue();
      if (most < t.maxValue()) {
        return derived(plus(t, added));
      }
      return added != null && ((MaxState) added).maxValue() >= t.maxValue()
          ? derived(added)
          : refused(MAXIMUM);
    }
    return refused("its state cannot be taken apart");
  }

  /** Deequ's own merge of two states, none standing for nothing measured. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static State<?> plus(State<?> a, State<?> b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : ((State) a).sum((State) b);
  }

  private static MergedState derived(State<?> state) {
    return new MergedState(state, null);
  }

  private static MergedState refused(String reason) {
    return new MergedState(null, reason);
  }

  boolean isDerived() {
    return refusal == null;
  }
}
