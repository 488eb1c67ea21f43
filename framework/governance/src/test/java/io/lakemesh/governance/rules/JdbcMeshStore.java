package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.TableId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** A world's state in the embedded catalog's database, edited with plain JDBC from outside. */
final class JdbcMeshStore implements MeshStore {
  /** Opens a plain connection to the catalog's database (in its schema, on PostgreSQL). */
  interface Connector {
    Connection connect() throws SQLException;
  }

  private final GovernanceCatalog catalog;
  private final String uri;
  private final Connector connector;

  JdbcMeshStore(Map<String, String> properties, Connector connector) {
    this.catalog = CatalogLoader.load("jdbc", "test", properties);
    this.uri = properties.get("uri");
    this.connector = connector;
  }

  static JdbcMeshStore sqlite(Path file) {
    String uri = "jdbc:sqlite:" + file;
    return new JdbcMeshStore(Map.of("uri", uri), () -> DriverManager.getConnection(uri));
  }

  @Override
  public GovernanceCatalog catalog() {
    return catalog;
  }

  @Override
  public String jdbcUri() {
    return uri;
  }

  @Override
  public void dropTableOutside(TableId table) {
    update(
        "DELETE FROM lm_tables WHERE catalog_name = ? AND database_name = ? AND table_name = ?",
        table.catalog(),
        table.database(),
        table.table());
  }

  @Override
  public void rewriteAuditAfter(String log, long seq, String after) {
    update(
        "UPDATE lm_audit_events SET after_value = ? WHERE log_name = ? AND seq = ?",
        after,
        log,
        seq);
  }

  private void update(String sql, Object... values) {
    try (Connection c = connector.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot edit the catalog database " + uri + ": " + sql, e);
    }
  }
}
