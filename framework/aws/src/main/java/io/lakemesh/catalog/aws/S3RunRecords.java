package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quality runs, lineage events and job runs, one S3 object each: quality runs per table (their
 * history is read per table), lineage events and job runs by run id.
 */
final class S3RunRecords {
  private static final Comparator<QualityRun> NEWEST_QUALITY =
      Comparator.comparing(QualityRun::at).thenComparing(QualityRun::runId).reversed();
  private static final Comparator<LineageEvent> NEWEST_LINEAGE =
      Comparator.comparing(LineageEvent::eventTime).thenComparing(LineageEvent::runId).reversed();
  private static final Comparator<JobRun> NEWEST_RUN =
      Comparator.comparing(JobRun::startedAt).thenComparing(JobRun::runId).reversed();

  private final RecordFolder<QualityRun> quality;
  private final RecordFolder<LineageEvent> lineage;
  private final RecordFolder<JobRun> runs;
  private final RecordAccess access;

  /** Records each written by the producer it belongs to, and read as {@link RecordAccess} says. */
  S3RunRecords(RecordAccess access) {
    S3Objects objects = access.records();
    this.access = access;
    quality =
        new RecordFolder<>(objects, AthenaTables.QUALITY_RUNS, RunJson::quality, RunJson::quality);
    lineage =
        new RecordFolder<>(
            objects, AthenaTables.LINEAGE_EVENTS, RunJson::lineage, RunJson::lineage);
    runs = new RecordFolder<>(objects, AthenaTables.JOB_RUNS, RunJson::jobRun, RunJson::jobRun);
  }

  /** A record checked and turned into its JSON line, ready to be written. */
  record Prepared(Runnable write) {}

  Prepared prepare(QualityRun run) {
    String line = quality.line(run);
    S3Objects by = access.producer(run.table().catalog());
    return new Prepared(() -> quality.putLine(by, qualityPath(run.table(), run.runId()), line));
  }

  /** The lineage event of a run of {@code producer}'s. */
  Prepared prepare(LineageEvent event, String producer) {
    String line = lineage.line(event);
    S3Objects by = access.producer(producer);
    return new Prepared(() -> lineage.putLine(by, RecordFolder.segment(event.runId()), line));
  }

  Prepared prepare(JobRun run) {
    String line = runs.line(run);
    S3Objects by = access.producer(run.account());
    return new Prepared(() -> runs.putLine(by, RecordFolder.segment(run.runId()), line));
  }

  List<QualityRun> qualityHistory(TableId table, int limit) {
    return quality.all(access.reader(table.catalog()), tableFolder(table)).stream()
        .sorted(NEWEST_QUALITY)
        .limit(limit)
        .toList();
  }

  Optional<JobRun> findJobRun(String runId) {
    return runs.get(access.reader(), RecordFolder.segment(runId));
  }

  List<JobRun> listJobRuns(String product, int limit) {
    return runs.all(access.reader(), "").stream()
        .filter(r -> product == null || product.equals(r.product()))
        .sorted(NEWEST_RUN)
        .limit(limit)
        .toList();
  }

  /** Every run record is read once for the whole page of products, not once a product. */
  Map<String, List<JobRun>> recentJobRuns(Collection<String> products, int limit) {
    Map<String, List<JobRun>> out = new LinkedHashMap<>();
    products.forEach(p -> out.put(p, new ArrayList<>()));
    runs.all(access.reader(), "").stream()
        .filter(r -> out.containsKey(r.product()))
        .sorted(NEWEST_RUN)
        .forEach(
            r -> {
              List<JobRun> of = out.get(r.product());
              if (of.size() < limit) {
                of.add(r);
              }
            });
    out.replaceAll((p, l) -> List.copyOf(l));
    return out;
  }

  List<LineageEvent> lineage(String dataset, int limit) {
    return lineage.all("").stream()
        .filter(e -> e.inputs().contains(dataset) || e.outputs().contains(dataset))
        .sorted(NEWEST_LINEAGE)
        .limit(limit)
        .toList();
  }

  private static String qualityPath(TableId table, String runId) {
    return tableFolder(table) + RecordFolder.segment(runId);
  }

  private static String tableFolder(TableId table) {
    return table.catalog() + "/" + table.database() + "/" + table.table() + "/";
  }
}
