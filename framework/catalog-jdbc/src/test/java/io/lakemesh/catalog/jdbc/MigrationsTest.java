package io.lakemesh.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.exceptions.ExternalServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a catalog migrates its database when it needs it and only then: a fresh or older database
 * is brought to the newest migration by Flyway, one already there is opened without Flyway, and one
 * whose history records a failed migration is refused as Flyway refuses it.
 */
class MigrationsTest {
  @TempDir Path dir;

  private final PostgresSchemas postgres = new PostgresSchemas();

  @AfterEach
  void dropSchemas() throws Exception {
    postgres.dropAll();
  }

  @Test
  void latestVersionIsTheNewestMigrationScript() throws Exception {
    Path scripts =
        Path.of(Migrations.class.getClassLoader().getResource("db/migration/lakemesh").toURI());
    int newest;
    try (Stream<Path> files = Files.list(scripts)) {
      newest =
          files
              .map(f -> f.getFileName().toString())
              .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
              .max()
              .orElseThrow();
    }
    assertThat(Migrations.LATEST_VERSION)
        .as("raise Migrations.LATEST_VERSION to the version of the newest script")
        .isEqualTo(String.valueOf(newest));
  }

  @Test
  void aFreshDatabaseIsMigratedOnceAndThenOpenedWithoutFlyway() throws Exception {
    String uri = sqlite();

    try (DatabaseAccess access = open(Map.of(JdbcCatalogConfig.URI, uri))) {
      assertThat(Migrations.migrate(access)).as("first open").isTrue();
      assertThat(Migrations.migrate(access)).as("second open").isFalse();
    }
    assertThat(highestVersion(uri)).isEqualTo("13");
  }

  @Test
  void aFreshSchemaOnPostgresIsMigratedOnceAndThenOpenedWithoutFlyway() throws Exception {
    Map<String, String> properties = postgres.newDatabase();

    try (DatabaseAccess access = open(properties)) {
      assertThat(Migrations.migrate(access)).as("first open").isTrue();
      assertThat(Migrations.migrate(access)).as("second open").isFalse();
    }
  }

  @Test
  void aDatabaseOfAnOlderVersionIsMigratedToTheNewest() throws Exception {
    String uri = sqlite();
    OlderCatalogs.migrateTo(uri, "12");

    try (DatabaseAccess access = open(Map.of(JdbcCatalogConfig.URI, uri))) {
      assertThat(Migrations.migrate(access)).isTrue();
    }
    assertThat(highestVersion(uri)).isEqualTo("13");
    try (Connection c = DriverManager.getConnection(uri);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM lm_product_status")) {
      assertThat(rows.next()).as("V13's table exists").isTrue();
    }
  }

  @Test
  void aHistoryThatRecordsAFailedMigrationIsRefused() throws Exception {
    String uri = sqlite();
    CatalogLoader.load("jdbc", "test", Map.of(JdbcCatalogConfig.URI, uri)).close();
    try (Connection c = DriverManager.getConnection(uri);
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE lm_schema_history SET success = 0 WHERE version = '13'");
    }

    assertThatThrownBy(() -> CatalogLoader.load("jdbc", "test", Map.of(JdbcCatalogConfig.URI, uri)))
        .isInstanceOf(ExternalServiceException.class)
        .hasMessageContaining("failed migration to version 13");
  }

  private String sqlite() {
    return "jdbc:sqlite:" + dir.resolve("catalog.db");
  }

  private static DatabaseAccess open(Map<String, String> properties) {
    return DatabaseAccess.open(JdbcCatalogConfig.from(properties));
  }

  private static String highestVersion(String uri) throws Exception {
    try (Connection c = DriverManager.getConnection(uri);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT version FROM lm_schema_history ORDER BY installed_rank DESC LIMIT 1")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
