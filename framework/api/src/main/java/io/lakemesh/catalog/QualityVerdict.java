package io.lakemesh.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The quality of what consumers read, with the last attempt beside it. A rejected batch is never
 * published, so the newest quality run is not the quality of the data: the product page, the API
 * and {@code catalog show} all say the status of the published run, and the last attempt, when it
 * is not that run, as a note of its own ({@link #lastAttemptNote()}).
 *
 * @param status the published data's status (the table's {@link TableParameters#QUALITY_STATUS}),
 *     null when nothing is published
 * @param summary the published run's rule counts ({@link TableParameters#QUALITY_SUMMARY}), "" when
 *     not recorded
 * @param published the quality run of the published data; null when nothing is published or that
 *     run is not among the runs read
 * @param lastAttempt the newest run when it is not the published one (a rejected batch, or one that
 *     passed but was not published); null when the published run is the newest
 * @param lastAttemptNote what the last attempt means for consumers; null without a last attempt
 */
public record QualityVerdict(
    String status,
    String summary,
    QualityRun published,
    QualityRun lastAttempt,
    String lastAttemptNote) {

  /**
   * How many of the newest runs a verdict reads: the published run is among them unless more
   * attempts than that failed since it.
   */
  public static final int RUNS_READ = 100;

  /**
   * The verdict of a table from its entry (empty when not published) and its quality runs, newest
   * first. The published run is the one the entry names by run id, else by snapshot id (entries
   * published before run ids were recorded), else the newest that did not fail.
   */
  public static QualityVerdict of(Optional<CatalogTable> entry, List<QualityRun> newestFirst) {
    Optional<QualityRun> published = entry.flatMap(t -> publishedRun(t, newestFirst));
    String status =
        entry
            .map(
                t ->
                    t.parameter(TableParameters.QUALITY_STATUS)
                        .filter(s -> !s.isBlank())
                        .orElse(published.map(r -> r.outcome().name()).orElse(null)))
            .orElse(null);
    String summary = entry.flatMap(t -> t.parameter(TableParameters.QUALITY_SUMMARY)).orElse("");
    QualityRun last =
        newestFirst.stream()
            .findFirst()
            .filter(r -> published.map(p -> !p.runId().equals(r.runId())).orElse(true))
            .orElse(null);
    return new QualityVerdict(
        status,
        summary,
        published.orElse(null),
        last,
        last == null ? null : note(last, entry.isPresent()));
  }

  private static Optional<QualityRun> publishedRun(CatalogTable t, List<QualityRun> runs) {
    Optional<String> runId = t.parameter(TableParameters.RUN_ID);
    if (runId.isPresent()) {
      return runs.stream().filter(r -> r.runId().equals(runId.get())).findFirst();
    }
    Optional<String> snapshot = t.parameter(TableParameters.SNAPSHOT_ID);
    if (snapshot.isPresent()) {
      Optional<QualityRun> bySnapshot =
          runs.stream()
              .filter(r -> r.outcome() != QualityRun.Outcome.FAILED)
              .filter(r -> r.snapshotId() != null && snapshot.get().equals("" + r.snapshotId()))
              .findFirst();
      if (bySnapshot.isPresent()) {
        return bySnapshot;
      }
    }
    return runs.stream().filter(r -> r.outcome() != QualityRun.Outcome.FAILED).findFirst();
  }

  /**
   * "last attempt T: rejected, not published, consumers unaffected (rule failed: message; ...)" for
   * a run the gate rejected; consumers of a product never published have nothing to be affected, so
   * that clause is left out then.
   */
  private static String note(QualityRun last, boolean publishedBefore) {
    String head = "last attempt " + last.at().truncatedTo(ChronoUnit.SECONDS) + ": ";
    if (last.outcome() != QualityRun.Outcome.FAILED) {
      return head + "checks " + last.outcome() + ", not published";
    }
    String failures =
        last.constraints().stream()
            .filter(ConstraintResult::blocking)
            .map(c -> c.rule() + " failed: " + c.message())
            .collect(Collectors.joining("; "));
    return head
        + "rejected, not published"
        + (publishedBefore ? ", consumers unaffected" : "")
        + (failures.isEmpty() ? "" : " (" + failures + ")");
  }

  /** When the published data was checked; null when that run is not known. */
  public Instant checkedAt() {
    return published == null ? null : published.at();
  }

  /** True when the newest run was rejected by the gate. */
  public boolean lastAttemptRejected() {
    return lastAttempt != null && lastAttempt.outcome() == QualityRun.Outcome.FAILED;
  }
}
