package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of {@code lm_quality_runs}, one per run id. */
final class QualityRunRows {
  private static final String UPSERT =
      Sql.upsert(
          "lm_quality_runs",
          "run_id",
          List.of(
              "run_id",
              "catalog_name",
              "database_name",
              "table_name",
              "snapshot_id",
              "run_at",
              "outcome",
              "metrics_json",
              "constraints_json"));
  private static final String HISTORY =
      "SELECT * FROM lm_quality_runs WHERE "
          + Sql.TABLE_KEY
          + " ORDER BY run_at DESC, run_id DESC LIMIT :limit";

  private QualityRunRows() {}

  static void upsert(Handle handle, QualityRun run) {
    Sql.bindTable(handle.createUpdate(UPSERT), run.table())
        .bind("run_id", run.runId())
        .bind("snapshot_id", run.snapshotId())
        .bind("run_at", Timestamps.format(run.at()))
        .bind("outcome", run.outcome().name())
        .bind("metrics_json", Json.write(run.metrics()))
        .bind("constraints_json", Json.write(run.constraints()))
        .execute();
  }

  static List<QualityRun> history(Handle handle, TableId table, int limit) {
    return Sql.limited(
        Sql.bindTable(handle.createQuery(HISTORY), table), limit, QualityRunRows::map);
  }

  private static QualityRun map(ResultSet row, StatementContext ctx) throws SQLException {
    return new QualityRun(
        row.getString("run_id"),
        Sql.tableId(row),
        Sql.nullableLong(row, "snapshot_id"),
        Timestamps.parse(row.getString("run_at")),
        QualityRun.Outcome.valueOf(row.getString("outcome")),
        Json.read(row.getString("metrics_json"), Json.METRICS),
        Json.read(row.getString("constraints_json"), Json.CONSTRAINTS));
  }
}
