package io.lakemesh.quality;

import java.util.List;

/**
 * A gate's result together with the analyzer states of the table it judged, to be kept for the
 * next change.
 *
 * @param passed analyzers measured by a pass over the table (by their text), the rest came from
 *     the new rows' aggregation and the stored states; empty when no pass ran
 */
public record Verification(QualityResult result, TableStates states, List<String> passed) {
  public Verification {
    passed = List.copyOf(passed);
  }
}
