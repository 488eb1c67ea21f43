package io.lakemesh.catalog.jdbc;

import static io.lakemesh.catalog.CatalogFixtures.at;
import static io.lakemesh.catalog.CatalogFixtures.publication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.GovernanceCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog contract on a fresh SQLite file per test. */
class JdbcCatalogTest extends JdbcCatalogTests {
  @TempDir Path dir;
  private int databases;

  @Override
  protected Map<String, String> newDatabase() {
    databases++;
    return properties(dir.resolve("catalog-" + databases + ".db"));
  }

  @Override
  protected Connection connect(Map<String, String> properties) throws SQLException {
    return DriverManager.getConnection(properties.get(JdbcCatalogConfig.URI));
  }

  private static Map<String, String> properties(Path file) {
    return Map.of(JdbcCatalogConfig.URI, "jdbc:sqlite:" + file);
  }

  @Test
  void createsTheFoldersOfTheDatabaseFile() {
    Path file = dir.resolve("not/yet/there/catalog.db");
    try (GovernanceCatalog catalog = open(properties(file))) {
      catalog.publish(publication("run-1", ORDERS, 11, at(0)));
    }
    assertThat(file).isRegularFile();
  }

  @Test
  void runsInWriteAheadLogMode() throws SQLException {
    Map<String, String> properties = newDatabase();
    open(properties).close();

    try (Connection c = connect(properties);
        Statement s = c.createStatement();
        ResultSet mode = s.executeQuery("PRAGMA journal_mode")) {
      assertThat(mode.next()).isTrue();
      assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void aPublishWaitsForAnotherWriterInsteadOfFailing() throws Exception {
    Map<String, String> properties = newDatabase();
    try (GovernanceCatalog catalog = open(properties);
        Connection other = connect(properties);
        Statement s = other.createStatement()) {
      // Another writer of the same file, as Spark's Iceberg catalog is, holds the write lock.
      s.execute("BEGIN IMMEDIATE");
      s.execute("UPDATE lm_databases SET created_at = created_at");
      CompletableFuture<Void> publish =
          CompletableFuture.runAsync(
              () -> catalog.publish(publication("run-1", ORDERS, 11, at(0))));
      Thread.sleep(500);
      assertThat(publish).isNotDone();

      s.execute("COMMIT");
      publish.get(30, TimeUnit.SECONDS);
      assertThat(catalog.loadTable(ORDERS).version()).isEqualTo(1);
    }
  }

  @Test
  void aClosedCatalogRefusesWork() {
    GovernanceCatalog catalog = open(newDatabase());
    catalog.close();

    assertThatThrownBy(() -> catalog.findTable(ORDERS)).isInstanceOf(IllegalStateException.class);
  }
}
