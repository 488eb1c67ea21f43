package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.DataFilterStorageTests;
import io.lakemesh.catalog.GovernanceCatalog;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;

/**
 * The data filter storage contract on PostgreSQL, each test in a schema of its own (an emptied one
 * when an earlier test left it: {@link PostgresSchemas#recycling()}). Runs when {@value
 * PostgresSchemas#URL_VARIABLE} names a database.
 */
class JdbcDataFilterStorageOnPostgresTest extends DataFilterStorageTests {
  private final PostgresSchemas schemas = PostgresSchemas.recycling();

  @Override
  protected GovernanceCatalog newCatalog() {
    return CatalogLoader.load(JdbcCatalogFactory.TYPE, "test", schemas.newDatabase());
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    // Closed first (the suite closes it again, harmlessly, after this): closing writes the audit
    // checkpoint, which must not land in a schema already emptied for the next test.
    if (catalog() != null) {
      catalog().close();
    }
    schemas.dropAll();
  }
}
