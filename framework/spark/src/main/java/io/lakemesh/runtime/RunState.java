package io.lakemesh.runtime;

import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.quality.QualityResult;
import io.lakemesh.spec.ProductSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run has learnt so far; the report and the catalog records are views of it. */
final class RunState {
  final ProductSpec spec;
  final String runId;
  final Instant started;
  final Progress progress;
  final Map<String, Long> sourceRows = new LinkedHashMap<>();
  String table;
  Long previousSnapshot;
  Long stagedSnapshot;
  Long publishedSnapshot;
  String auditBranch;
  Long outputRows;
  String quality;
  List<ConstraintResult> constraints = List.of();
  QuarantineReport quarantine;

  RunState(ProductSpec spec, String runId, Instant started, Progress progress) {
    this.spec = spec;
    this.runId = runId;
    this.started = started;
    this.progress = progress;
  }

  RunReport report(JobRun.Status status, String message) {
    return new RunReport(
        spec.id(),
        runId,
        status,
        message,
        table,
        previousSnapshot,
        stagedSnapshot,
        publishedSnapshot,
        auditBranch,
        Map.copyOf(sourceRows),
        outputRows,
        quality,
        constraints,
        progress.millis(),
        quarantine);
  }

  JobRun jobRun(JobRun.Status status, RunReport report) {
    boolean done = status != JobRun.Status.RUNNING;
    return new JobRun(
        runId,
        spec.id(),
        spec.tableId(),
        status,
        started,
        done ? Instant.now() : null,
        publishedSnapshot != null ? publishedSnapshot : stagedSnapshot,
        report == null ? null : report.message(),
        report == null ? null : Json.write(report));
  }

  QualityRun qualityRun(TableId tableId, QualityResult result) {
    return new QualityRun(
        runId,
        tableId,
        stagedSnapshot,
        Instant.now(),
        result.outcome(),
        result.metrics(),
        result.constraints());
  }
}
