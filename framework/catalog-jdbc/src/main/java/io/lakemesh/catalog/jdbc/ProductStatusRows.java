package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.ProductStatus;
import io.lakemesh.catalog.TableId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Rows of {@code lm_product_status}. Each write is one statement that changes its own columns under
 * its own condition, so concurrent runs and monitors need no lock beyond the row's.
 */
final class ProductStatusRows {
  private static final String KEY = "(catalog_name, database_name, table_name)";
  private static final String VALUES = "(:catalog_name, :database_name, :table_name";
  // A later check only: runs of one product may be recorded out of order.
  private static final String CHECK =
      "INSERT INTO lm_product_status "
          + KEY.replace(")", ", last_checked_at, last_run_id)")
          + " VALUES "
          + VALUES
          + ", :at, :run) ON CONFLICT "
          + KEY
          + " DO UPDATE SET last_checked_at = excluded.last_checked_at, last_run_id ="
          + " excluded.last_run_id WHERE lm_product_status.last_checked_at IS NULL OR"
          + " lm_product_status.last_checked_at < excluded.last_checked_at";
  // A table with no row is WITHIN its SLA, so a move from WITHIN may create the row.
  private static final String MOVE_FROM_WITHIN =
      "INSERT INTO lm_product_status "
          + KEY.replace(")", ", sla_state, sla_since)")
          + " VALUES "
          + VALUES
          + ", :to, :since) ON CONFLICT "
          + KEY
          + " DO UPDATE SET sla_state = excluded.sla_state, sla_since = excluded.sla_since"
          + " WHERE lm_product_status.sla_state = :from";
  private static final String MOVE =
      "UPDATE lm_product_status SET sla_state = :to, sla_since = :since WHERE "
          + Sql.TABLE_KEY
          + " AND sla_state = :from";
  private static final String FIND = "SELECT * FROM lm_product_status WHERE " + Sql.TABLE_KEY;

  private ProductStatusRows() {}

  static ProductStatus recordCheck(Handle handle, TableId table, Instant at, String runId) {
    Sql.bindTable(handle.createUpdate(CHECK), table)
        .bind("at", Timestamps.format(at))
        .bind("run", runId)
        .execute();
    return find(handle, table).orElseThrow();
  }

  static boolean moveSla(
      Handle handle, TableId table, ProductStatus.Sla from, ProductStatus.Sla to, Instant since) {
    String sql = from == ProductStatus.Sla.WITHIN ? MOVE_FROM_WITHIN : MOVE;
    return Sql.bindTable(handle.createUpdate(sql), table)
            .bind("from", from.name())
            .bind("to", to.name())
            .bind("since", Timestamps.format(since))
            .execute()
        == 1;
  }

  static Map<TableId, ProductStatus> of(Handle handle, Collection<TableId> tables) {
    Map<TableId, ProductStatus> out = new LinkedHashMap<>();
    for (TableId table : tables) {
      find(handle, table).ifPresent(s -> out.put(table, s));
    }
    return out;
  }

  private static Optional<ProductStatus> find(Handle handle, TableId table) {
    return Sql.bindTable(handle.createQuery(FIND), table).map(ProductStatusRows::map).findOne();
  }

  private static ProductStatus map(ResultSet row, StatementContext ctx) throws SQLException {
    return new ProductStatus(
        Sql.tableId(row),
        Timestamps.parse(row.getString("last_checked_at")),
        row.getString("last_run_id"),
        ProductStatus.Sla.valueOf(row.getString("sla_state")),
        Timestamps.parse(row.getString("sla_since")));
  }
}
