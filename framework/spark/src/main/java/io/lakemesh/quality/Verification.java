package io.lakemesh.quality;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gate's result together with the analyzer states of the table it judged, to be kept for the
 * next change.
 *
 * @param passed analyzers measured by a pass over the table (by their text), the rest came from
 *     the new rows' aggregation and the stored states; empty when no pass ran
 */
public record Verification(QualityResult result, TableStates states, List<String> passed) {
  private static final Pattern ANALYZER = Pattern.compile("(\\w+)\\(([^,()]*)");
  private static final Pattern COLUMNS = Pattern.compile("List\\(([^()]*)\\)");

  public Verification {
    passed = List.copyOf(passed);
  }

  /**
   * The metrics of {@link #passed} as a user reads them: the measure and its columns
   * ({@code uniqueness(order_id)}), not Deequ's analyzer text
   * ({@code Uniqueness(List(order_id),None,None)}); text of another shape is kept as it is.
   */
  public List<String> passedMetrics() {
    return passed.stream().map(Verification::readable).toList();
  }

  static String readable(String analyzer) {
    Matcher m = ANALYZER.matcher(analyzer);
    if (!m.lookingAt()) {
      return analyzer;
    }
    Matcher columns = COLUMNS.matcher(analyzer);
    // a freshness rule's derived column reads as the timestamp column it derives from
    String on = (columns.find() ? columns.group(1) : m.group(2)).replace(FreshnessRule.PREFIX, "");
    String measure = m.group(1).toLowerCase(Locale.ROOT);
    return on.isBlank() || on.equals("None") ? measure : measure + "(" + on.replace(" ", "") + ")";
  }
}
