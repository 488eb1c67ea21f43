package io.lakemesh.governance.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.QualityRun;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The part of {@link RecordRedaction} that concerns quality results, for a reader's {@link Sight}:
 * a quality run's metrics and constraint results, and a run record's message and report, which
 * carry them. See {@link RecordRedaction} for the rules.
 */
final class QualityRedaction {
  static final String HIDDEN_RULE = "hidden rule";
  private static final String HIDDEN_CONSTRAINT = "on a column you may not see";
  private static final String HIDDEN_DETAIL =
      "(a detail on a column you may not see or a PII column)";
  private static final String PII_MESSAGE = "not shown: the rule is on a PII column";
  // Metrics whose value is a value of the column.
  private static final Set<String> VALUE_METRICS =
      Set.of("Minimum", "Maximum", "Sum", "Mean", "ApproxQuantile", "ApproxQuantiles");
  // How constraint messages stored before examples were kept apart introduce their example.
  private static final String EXAMPLE = ", e.g. ";
  private static final ObjectMapper JSON = new ObjectMapper();
  // The fields of a run report (RunReport) a reader may see, each redacted below as it needs. A
  // field a later version adds stays hidden until it is listed here with its rule: an allow-list,
  // so that no new field of the report reaches readers unredacted by default.
  private static final Set<String> REPORT_FIELDS =
      Set.of(
          "product",
          "runId",
          "status",
          "message",
          "table",
          "previousSnapshotId",
          "stagedSnapshotId",
          "publishedSnapshotId",
          "auditBranch",
          "sourceRows",
          "outputRows",
          "quality",
          "constraints",
          "stageMillis");
  // A file's location in a message: a URI (file:/..., s3://...) or an absolute path.
  private static final Pattern LOCATION =
      Pattern.compile("\\b[a-z][a-z0-9+.-]*:/+[^\\s,;()]+|(?<![\\w.:/])/[\\w.-]+(?:/[\\w.-]+)+");

  private QualityRedaction() {}

  static QualityRun qualityRun(Sight sight, QualityRun run) {
    if (sight.whole()) {
      return run;
    }
    Set<String> hiddenRules =
        run.constraints().stream()
            .filter(c -> sight.namesHidden(subject(c)))
            .map(ConstraintResult::rule)
            .collect(Collectors.toSet());
    List<Metric> metrics =
        run.metrics().stream().filter(m -> shown(sight, hiddenRules, m)).toList();
    List<ConstraintResult> constraints =
        run.constraints().stream().map(c -> constraint(sight, c)).toList();
    return new QualityRun(
        run.runId(), run.table(), run.snapshotId(), run.at(), run.outcome(), metrics, constraints);
  }

  private static boolean shown(Sight sight, Set<String> hiddenRules, Metric m) {
    String instance = m.instance() == null ? "" : m.instance();
    return !hiddenRules.contains(instance)
        && !sight.namesHidden(instance)
        && !(VALUE_METRICS.contains(m.name())
            && (sight.namesPii(instance) || sight.namesSomeRows(instance)));
  }

  static ConstraintResult constraint(Sight sight, ConstraintResult c) {
    if (sight.whole()) {
      return c;
    }
    if (sight.namesHidden(subject(c))) {
      return new ConstraintResult(
          HIDDEN_RULE, HIDDEN_CONSTRAINT, c.severity(), c.status(), HIDDEN_CONSTRAINT, null);
    }
    if (sight.namesPii(subject(c))) {
      return new ConstraintResult(c.rule(), c.constraint(), c.severity(), c.status(), PII_MESSAGE);
    }
    // The measure stays: a fraction, count or age of the rows, never a value of a column.
    return new ConstraintResult(
        c.rule(),
        c.constraint(),
        c.severity(),
        c.status(),
        withoutExample(c.message()),
        null,
        c.measure());
  }

  /** What a constraint result says about which columns it concerns. */
  private static String subject(ConstraintResult c) {
    return c.rule() + " " + c.constraint() + " " + withoutExample(c.message());
  }

  private static String withoutExample(String message) {
    int at = message == null ? -1 : message.indexOf(EXAMPLE);
    return at < 0 ? message : message.substring(0, at) + " (example not shown)";
  }

  /**
   * A free text (a run's message: "quality gate failed: rule: message; rule: message; ...") as the
   * reader may read it: each "; "-separated part without its example, a part that names a column it
   * may not see, or a PII column, replaced by {@value #HIDDEN_DETAIL}, and the producer's files (a
   * source that failed to read names its location) as {@value RecordRedaction#HIDDEN_DATASET}.
   */
  static String text(Sight sight, String text) {
    if (text == null) {
      return null;
    }
    return Arrays.stream(text.split("; "))
        .map(QualityRedaction::withoutExample)
        .map(part -> sight.namesHidden(part) || sight.namesPii(part) ? HIDDEN_DETAIL : part)
        .map(part -> LOCATION.matcher(part).replaceAll(RecordRedaction.HIDDEN_DATASET))
        .collect(Collectors.joining("; "));
  }

  static String report(Sight sight, String report) {
    if (report == null) {
      return null;
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(report);
    } catch (JsonProcessingException unreadable) {
      return null;
    }
    if (!(tree instanceof ObjectNode n)) {
      return null;
    }
    n.retain(REPORT_FIELDS);
    if (n.hasNonNull("message")) {
      n.put("message", text(sight, n.get("message").asText()));
    }
    if (n.get("constraints") instanceof ArrayNode constraints) {
      ArrayNode shown = JSON.createArrayNode();
      for (JsonNode c : constraints) {
        ConstraintResult r = constraint(sight, constraintOf(c));
        ObjectNode o = shown.addObject();
        o.put("rule", r.rule()).put("constraint", r.constraint());
        o.put("severity", r.severity().name()).put("status", r.status().name());
        o.put("message", r.message());
      }
      n.set("constraints", shown);
    }
    return n.toString();
  }

  private static ConstraintResult constraintOf(JsonNode c) {
    return new ConstraintResult(
        c.path("rule").asText(""),
        c.path("constraint").asText(""),
        ConstraintResult.Severity.valueOf(c.path("severity").asText("ERROR")),
        ConstraintResult.Status.valueOf(c.path("status").asText("FAILURE")),
        c.path("message").asText(""));
  }
}
