package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.LineageEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Rows of {@code lm_lineage_events}, one per run id, and {@code lm_lineage_datasets}, which indexes
 * every dataset an event reads or writes.
 */
final class LineageRows {
  private static final String UPSERT =
      Sql.upsert(
          "lm_lineage_events",
          "run_id",
          List.of("run_id", "job", "event_time", "inputs_json", "outputs_json", "document"));
  private static final String FORGET_DATASETS =
      "DELETE FROM lm_lineage_datasets WHERE run_id = :run_id";
  private static final String INSERT_DATASET =
      "INSERT INTO lm_lineage_datasets (dataset, run_id) VALUES (:dataset, :run_id)";
  private static final String BY_DATASET =
      "SELECT e.* FROM lm_lineage_events e JOIN lm_lineage_datasets d ON d.run_id = e.run_id"
          + " WHERE d.dataset = :dataset ORDER BY e.event_time DESC, e.run_id DESC LIMIT :limit";

  private LineageRows() {}

  /** Stores the event, replacing an earlier one of the same run. Must run inside a transaction. */
  static void upsert(Handle handle, LineageEvent event) {
    handle
        .createUpdate(UPSERT)
        .bind("run_id", event.runId())
        .bind("job", event.job())
        .bind("event_time", Timestamps.format(event.eventTime()))
        .bind("inputs_json", Json.write(event.inputs()))
        .bind("outputs_json", Json.write(event.outputs()))
        .bind("document", event.document())
        .execute();
    handle.createUpdate(FORGET_DATASETS).bind("run_id", event.runId()).execute();
    // A dataset both read and written by one run is indexed once.
    Set<String> datasets = new LinkedHashSet<>(event.inputs());
    datasets.addAll(event.outputs());
    PreparedBatch batch = handle.prepareBatch(INSERT_DATASET);
    for (String dataset : datasets) {
      batch.bind("dataset", dataset).bind("run_id", event.runId()).add();
    }
    if (!datasets.isEmpty()) {
      batch.execute();
    }
  }

  static List<LineageEvent> find(Handle handle, String dataset, int limit) {
    return Sql.limited(
        handle.createQuery(BY_DATASET).bind("dataset", dataset), limit, LineageRows::map);
  }

  private static LineageEvent map(ResultSet row, StatementContext ctx) throws SQLException {
    return new LineageEvent(
        row.getString("run_id"),
        row.getString("job"),
        Timestamps.parse(row.getString("event_time")),
        Json.read(row.getString("inputs_json"), Json.STRINGS),
        Json.read(row.getString("outputs_json"), Json.STRINGS),
        row.getString("document"));
  }
}
