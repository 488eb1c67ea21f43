package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.JobRun;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of {@code lm_job_runs}, one per run id, replaced as the run moves on. */
final class JobRunRows {
  private static final String UPSERT =
      Sql.upsert(
          "lm_job_runs",
          "run_id",
          List.of(
              "run_id",
              "product",
              "catalog_name",
              "database_name",
              "table_name",
              "status",
              "started_at",
              "ended_at",
              "snapshot_id",
              "message",
              "report"));
  private static final String FIND = "SELECT * FROM lm_job_runs WHERE run_id = :run_id";
  private static final String NEWEST_FIRST = " ORDER BY started_at DESC, run_id DESC LIMIT :limit";
  private static final String LIST_ALL = "SELECT * FROM lm_job_runs" + NEWEST_FIRST;
  private static final String LIST_OF_PRODUCT =
      "SELECT * FROM lm_job_runs WHERE product = :product" + NEWEST_FIRST;

  private JobRunRows() {}

  static void upsert(Handle handle, JobRun run) {
    Sql.bindTable(handle.createUpdate(UPSERT), run.table())
        .bind("run_id", run.runId())
        .bind("product", run.product())
        .bind("status", run.status().name())
        .bind("started_at", Timestamps.format(run.startedAt()))
        .bind("ended_at", Timestamps.format(run.endedAt()))
        .bind("snapshot_id", run.snapshotId())
        .bind("message", run.message())
        .bind("report", run.report())
        .execute();
  }

  static Optional<JobRun> find(Handle handle, String runId) {
    return handle.createQuery(FIND).bind("run_id", runId).map(JobRunRows::map).findOne();
  }

  static List<JobRun> list(Handle handle, String product, int limit) {
    Query query =
        product == null
            ? handle.createQuery(LIST_ALL)
            : handle.createQuery(LIST_OF_PRODUCT).bind("product", product);
    return Sql.limited(query, limit, JobRunRows::map);
  }

  private static JobRun map(ResultSet row, StatementContext ctx) throws SQLException {
    return new JobRun(
        row.getString("run_id"),
        row.getString("product"),
        Sql.tableId(row),
        JobRun.Status.valueOf(row.getString("status")),
        Timestamps.parse(row.getString("started_at")),
        Timestamps.parse(row.getString("ended_at")),
        Sql.nullableLong(row, "snapshot_id"),
        row.getString("message"),
        row.getString("report"));
  }
}
