package io.lakemesh.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.JobRun;
import java.util.List;
import java.util.Map;

/** What {@code lakemesh run --json} prints, and what the catalog keeps of every run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
    String product,
    String runId,
    JobRun.Status status,
    String message,
    String table,
    Long previousSnapshotId,
    Long stagedSnapshotId,
    Long publishedSnapshotId,
    String auditBranch,
    Map<String, Long> sourceRows,
    Long outputRows,
    String quality,
    List<ConstraintResult> constraints,
    Map<String, Long> stageMillis,
    QuarantineReport quarantine) {

  public int exitCode() {
    return switch (status) {
      case PUBLISHED, UNCHANGED -> 0;
      case REJECTED -> 3;
      default -> 1;
    };
  }
}
