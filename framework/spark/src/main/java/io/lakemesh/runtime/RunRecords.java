package io.lakemesh.runtime;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.exceptions.BatchRejectedException;
import io.lakemesh.exceptions.LakemeshException;
import java.time.Instant;

/**
 * A run's record in the catalog: marked running when it starts, then its outcome, a refusal or a
 * failure included, so that the run history never shows a run without an ending.
 */
final class RunRecords {
  private final GovernanceCatalog catalog;
  private final RunState state;

  RunRecords(GovernanceCatalog catalog, RunState state) {
    this.catalog = catalog;
    this.state = state;
  }

  /** Closes the product's runs that were cut short, then records this one as running. */
  void start() {
    closeInterruptedRuns(state.spec.id());
    catalog.recordJobRun(state.jobRun(JobRun.Status.RUNNING, null));
  }

  void finish(RunReport report) {
    catalog.recordJobRun(state.jobRun(report.status(), report));
  }

  /** Records the outcome of a run that ended with {@code e}: rejected or failed. */
  void fail(RuntimeException e) {
    RunReport report =
        e instanceof LakemeshException
            ? state.report(
                e instanceof BatchRejectedException ? JobRun.Status.REJECTED : JobRun.Status.FAILED,
                e.getMessage())
            : state.report(JobRun.Status.FAILED, Errors.describe(e));
    finish(report);
  }

  /** Runs of this product still marked running were cut short (a crash or a kill): say so. */
  private void closeInterruptedRuns(String product) {
    for (JobRun r : catalog.listJobRuns(product, 50)) {
      if (r.status() == JobRun.Status.RUNNING) {
        catalog.recordJobRun(
            new JobRun(
                r.runId(),
                r.product(),
                r.table(),
                JobRun.Status.FAILED,
                r.startedAt(),
                Instant.now(),
                r.snapshotId(),
                "interrupted: the run ended without recording an outcome",
                r.report()));
      }
    }
  }
}
