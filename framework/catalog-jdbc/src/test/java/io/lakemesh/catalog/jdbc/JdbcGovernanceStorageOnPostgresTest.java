package io.lakemesh.catalog.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The governance storage contract on PostgreSQL, each test in a schema of its own (an emptied one
 * when an earlier test left it: {@link PostgresSchemas#recycling()}). Runs when {@value
 * PostgresSchemas#URL_VARIABLE} names a database.
 */
class JdbcGovernanceStorageOnPostgresTest extends JdbcGovernanceStorageTests {
  private final PostgresSchemas schemas = PostgresSchemas.recycling();

  @Override
  protected Map<String, String> newDatabase() {
    return schemas.newDatabase();
  }

  @Override
  protected Connection connect(Map<String, String> properties) throws SQLException {
    return schemas.connect(properties);
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
