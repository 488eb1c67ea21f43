package io.lakemesh.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gate's result together with the analyzer states of the table it judged, to be kept for the next
 * change.
 *
 * @param passes analyzers measured by a pass over the table (by their text), each with why it could
 *     not be derived; the rest came from the new rows' aggregation and the stored states. Empty
 *     when no pass ran
 */
public record Verification(QualityResult result, TableStates states, Map<String, String> passes) {
  private static final Pattern ANALYZER = Pattern.compile("(\\w+)\\(([^,()]*)");
  private static final Pattern COLUMNS = Pattern.compile("List\\(([^()]*)\\)");

  public Verification {
    passes = Collections.unmodifiableMap(new LinkedHashMap<>(passes));
  }

  /** Passes whose reasons are not known. */
  public Verification(QualityResult result, TableStates states, List<String> passed) {
    this(result, states, withoutReasons(passed));
  }

  private static Map<String, String> withoutReasons(List<String> passed) {
    Map<String, String> passes = new LinkedHashMap<>();
    passed.forEach(p -> passes.put(p, null));
    return passes;
  }

  /** The analyzers measured by a pass over the table, by their text. */
  public List<String> passed() {
    return List.copyOf(passes.keySet());
  }

  /**
   * The metrics of {@link #passed} as a user reads them: the measure and its columns ({@code
   * uniqueness(order_id)}), not Deequ's analyzer text ({@code
   * Uniqueness(List(order_id),None,None)}); text of another shape is kept as it is.
   */
  public List<String> passedMetrics() {
    return passes.keySet().stream().map(Verification::readable).toList();
  }

  /**
   * {@link #passedMetrics()} with why each took a pass, for the run's report: {@code
   * maximum(order_ts) (a replaced row held the maximum)}.
   */
  public List<String> explainedPasses() {
    return passes.entrySet().stream()
        .map(e -> readable(e.getKey()) + (e.getValue() == null ? "" : " (" + e.getValue() + ")"))
        .toList();
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
