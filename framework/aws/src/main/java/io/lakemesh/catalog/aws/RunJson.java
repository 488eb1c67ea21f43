package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.RuleMeasure;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Quality runs, lineage events, job runs and audit events as JSON lines (see {@link AthenaTables}
 * for the shapes). Writing validates: a record that could not be read back is refused before
 * anything is stored.
 */
final class RunJson {
  private RunJson() {}

  static ObjectNode quality(QualityRun run) {
    Objects.requireNonNull(run.runId(), "quality run id");
    Objects.requireNonNull(run.table(), "quality run " + run.runId() + " names no table");
    Objects.requireNonNull(run.outcome(), "quality run " + run.runId() + " has no outcome");
    ObjectNode n = Json.object();
    n.put("run_id", run.runId());
    putTable(n, run.table());
    n.put("snapshot_id", run.snapshotId());
    n.put("at", Json.instantText(Objects.requireNonNull(run.at(), "quality run time")));
    n.put("outcome", run.outcome().name());
    ArrayNode metrics = n.putArray("metrics");
    for (Metric m : run.metrics()) {
      metrics
          .addObject()
          .put("entity", m.entity())
          .put("instance", m.instance())
          .put("name", m.name())
          .put("value", m.value());
    }
    ArrayNode constraints = n.putArray("constraints");
    for (ConstraintResult c : run.constraints()) {
      ObjectNode o =
          constraints
              .addObject()
              .put("rule", c.rule())
              .put("constraint", c.constraint())
              .put("severity", c.severity().name())
              .put("status", c.status().name())
              .put("message", c.message())
              .put("examples", c.examples());
      if (c.measure() != null) {
        o.putObject("measure")
            .put("value", c.measure().value())
            .put("reading", c.measure().reading())
            .put("threshold", c.measure().threshold());
      }
    }
    return n;
  }

  static QualityRun quality(JsonNode n) {
    List<Metric> metrics = new ArrayList<>();
    n.get("metrics")
        .forEach(
            m ->
                metrics.add(
                    new Metric(
                        Json.text(m, "entity"),
                        Json.text(m, "instance"),
                        Json.text(m, "name"),
                        Json.number(m, "value"))));
    List<ConstraintResult> constraints = new ArrayList<>();
    n.get("constraints")
        .forEach(
            c ->
                constraints.add(
                    new ConstraintResult(
                        Json.text(c, "rule"),
                        Json.text(c, "constraint"),
                        ConstraintResult.Severity.valueOf(Json.requiredText(c, "severity")),
                        ConstraintResult.Status.valueOf(Json.requiredText(c, "status")),
                        Json.text(c, "message"),
                        Json.text(c, "examples"),
                        measure(c.get("measure")))));
    return new QualityRun(
        Json.requiredText(n, "run_id"),
        table(n),
        Json.longOrNull(n, "snapshot_id"),
        Json.instant(n, "at"),
        QualityRun.Outcome.valueOf(Json.requiredText(n, "outcome")),
        metrics,
        constraints);
  }

  /** A rule's measure; runs stored before measures were kept have none. */
  private static RuleMeasure measure(JsonNode m) {
    return m == null || m.isNull()
        ? null
        : new RuleMeasure(
            Json.number(m, "value"),
            Json.requiredText(m, "reading"),
            Json.requiredText(m, "threshold"));
  }

  static ObjectNode lineage(LineageEvent e) {
    Objects.requireNonNull(e.runId(), "lineage run id");
    ObjectNode n = Json.object();
    n.put("run_id", e.runId());
    n.put("job", e.job());
    n.put("event_time", Json.instantText(Objects.requireNonNull(e.eventTime(), "event time")));
    n.set("inputs", Json.strings(e.inputs()));
    n.set("outputs", Json.strings(e.outputs()));
    n.put("document", e.document());
    return n;
  }

  static LineageEvent lineage(JsonNode n) {
    return new LineageEvent(
        Json.requiredText(n, "run_id"),
        Json.text(n, "job"),
        Json.instant(n, "event_time"),
        Json.strings(n.get("inputs")),
        Json.strings(n.get("outputs")),
        Json.text(n, "document"));
  }

  static ObjectNode jobRun(JobRun r) {
    Objects.requireNonNull(r.runId(), "job run id");
    if (r.status() == null || r.startedAt() == null) {
      throw new IllegalArgumentException(
          "job run " + r.runId() + " needs a status and a start time to be stored");
    }
    ObjectNode n = Json.object();
    n.put("run_id", r.runId());
    n.put("product", r.product());
    if (r.table() != null) {
      putTable(n, r.table());
    }
    n.put("status", r.status().name());
    n.put("started_at", Json.instantText(r.startedAt()));
    n.put("ended_at", Json.instantText(r.endedAt()));
    n.put("snapshot_id", r.snapshotId());
    n.put("message", r.message());
    n.put("report", r.report());
    return n;
  }

  static JobRun jobRun(JsonNode n) {
    return new JobRun(
        Json.requiredText(n, "run_id"),
        Json.text(n, "product"),
        n.hasNonNull("table_name") ? table(n) : null,
        JobRun.Status.valueOf(Json.requiredText(n, "status")),
        Json.instant(n, "started_at"),
        Json.instant(n, "ended_at"),
        Json.longOrNull(n, "snapshot_id"),
        Json.text(n, "message"),
        Json.text(n, "report"));
  }

  static ObjectNode audit(AuditEvent e) {
    ObjectNode n = Json.object();
    n.put("log", e.log());
    n.put("seq", e.seq());
    n.put("actor", e.actor().toString());
    n.put("acting_as", e.actingAs());
    n.put("action", e.action().label());
    n.put("resource", e.resource());
    n.put("before", e.before());
    n.put("after", e.after());
    n.put("outcome", e.outcome().name());
    n.put("reason", e.reason());
    n.put("at", Json.instantText(e.at()));
    n.put("previous_hash", e.previousHash());
    n.put("hash", e.hash());
    n.put("token", e.token());
    n.put("count", e.count());
    return n;
  }

  static AuditEvent audit(JsonNode n) {
    return new AuditEvent(
        n.get("seq").asLong(),
        Json.requiredText(n, "log"),
        Principal.parse(Json.requiredText(n, "actor")),
        Json.requiredText(n, "acting_as"),
        AuditAction.fromLabel(Json.requiredText(n, "action")),
        Json.text(n, "resource"),
        Json.text(n, "before"),
        Json.text(n, "after"),
        AuditEvent.Outcome.valueOf(Json.requiredText(n, "outcome")),
        Json.text(n, "reason"),
        Json.instant(n, "at"),
        Json.text(n, "previous_hash"),
        Json.text(n, "hash"),
        Json.text(n, "token"),
        n.path("count").asInt(1));
  }

  private static void putTable(ObjectNode n, TableId table) {
    n.put("catalog", table.catalog());
    n.put("database_name", table.database());
    n.put("table_name", table.table());
  }

  private static TableId table(JsonNode n) {
    return TableId.of(
        Json.requiredText(n, "catalog"),
        Json.requiredText(n, "database_name"),
        Json.requiredText(n, "table_name"));
  }
}
