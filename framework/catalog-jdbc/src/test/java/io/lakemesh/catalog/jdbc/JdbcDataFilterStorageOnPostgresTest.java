package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.DataFilterStorageTests;
import io.lakemesh.catalog.GovernanceCatalog;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;

/**
 * The data filter storage contract on PostgreSQL, each test in a schema of its own. Runs when
 * {@value PostgresSchemas#URL_VARIABLE} names a database.
 */
class JdbcDataFilterStorageOnPostgresTest extends DataFilterStorageTests {
  private final PostgresSchemas schemas = new PostgresSchemas();

  @Override
  protected GovernanceCatalog newCatalog() {
    return CatalogLoader.load(JdbcCatalogFactory.TYPE, "test", schemas.newDatabase());
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    schemas.dropAll();
  }
}
