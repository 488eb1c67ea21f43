package io.lakemesh.catalog.jdbc;

import static io.lakemesh.catalog.CatalogFixtures.at;
import static io.lakemesh.catalog.CatalogFixtures.publication;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.GovernanceCatalogTests;
import io.lakemesh.catalog.Publication;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract plus what the JDBC backend promises on every database it runs on. */
abstract class JdbcCatalogTests extends GovernanceCatalogTests {
  private static final String ICEBERG_TABLES_DDL =
      "CREATE TABLE iceberg_tables (catalog_name VARCHAR(255) NOT NULL, table_namespace"
          + " VARCHAR(255) NOT NULL, table_name VARCHAR(255) NOT NULL, metadata_location"
          + " VARCHAR(1000), previous_metadata_location VARCHAR(1000), PRIMARY KEY (catalog_name,"
          + " table_namespace, table_name))";

  /** Properties of a new, empty catalog database. */
  protected abstract Map<String, String> newDatabase();

  /** A plain connection to where the catalog with these properties keeps its tables. */
  protected abstract Connection connect(Map<String, String> properties) throws SQLException;

  @Override
  protected GovernanceCatalog newCatalog() {
    return open(newDatabase());
  }

  protected static GovernanceCatalog open(Map<String, String> properties) {
    return CatalogLoader.load(JdbcCatalogFactory.TYPE, "test", properties);
  }

  @Test
  void catalogIsFoundByItsShortTypeName() {
    assertThat(catalog()).isInstanceOf(JdbcGovernanceCatalog.class);
    assertThat(catalog().name()).isEqualTo("test");
  }

  @Test
  void databasesOfEveryCatalogAreListedForNull() {
    catalog().ensureDatabase(ORDERS.databaseId(), Map.of());
    catalog().ensureDatabase(STAFF.databaseId(), Map.of());

    assertThat(catalog().listDatabases(null))
        .containsExactly(STAFF.databaseId(), ORDERS.databaseId());
  }

  @Test
  void everythingSurvivesReopeningTheDatabase() {
    Map<String, String> properties = newDatabase();
    Publication p = publication("run-1", ORDERS, 11, at(0));
    CatalogTable published;
    try (GovernanceCatalog first = open(properties)) {
      first.publish(p);
      published = first.loadTable(ORDERS);
    }

    try (GovernanceCatalog second = open(properties)) {
      assertThat(second.loadTable(ORDERS)).isEqualTo(published);
      assertThat(second.qualityHistory(ORDERS, 10)).containsExactly(p.quality());
      assertThat(second.findJobRun("run-1")).contains(p.run());
    }
  }

  @Test
  void aConstraintResultStoredBeforeExamplesWereKeptApartReadsWithoutExamples()
      throws SQLException {
    Map<String, String> properties = newDatabase();
    try (GovernanceCatalog catalog = open(properties)) {
      catalog.publish(publication("run-1", ORDERS, 11, at(0)));
    }
    // The JSON the catalog wrote before constraint results had examples (or measures: it reads
    // without one, as the rule table of an older run shows).
    String old =
        "[{\"rule\":\"unique(order_id)\",\"constraint\":\"order_id is unique\",\"severity\":"
            + "\"ERROR\",\"status\":\"FAILURE\",\"message\":\"order_id: 2 of 3 rows share their"
            + " value with another row, e.g. 'O-1' in 2 rows\"}]";
    try (Connection c = connect(properties);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE lm_quality_runs SET constraints_json = '" + old.replace("'", "''") + "'");
    }
    try (GovernanceCatalog catalog = open(properties)) {
      assertThat(catalog.qualityHistory(ORDERS, 1).get(0).constraints())
          .containsExactly(
              new ConstraintResult(
                  "unique(order_id)",
                  "order_id is unique",
                  ConstraintResult.Severity.ERROR,
                  ConstraintResult.Status.FAILURE,
                  "order_id: 2 of 3 rows share their value with another row, e.g. 'O-1' in 2 rows",
                  null));
    }
  }

  @Test
  void sharesTheDatabaseWithIcebergCatalogTables() throws SQLException {
    Map<String, String> properties = newDatabase();
    try (Connection c = connect(properties);
        Statement s = c.createStatement()) {
      s.execute(ICEBERG_TABLES_DDL);
      s.execute(
          "INSERT INTO iceberg_tables VALUES ('spark', 'orders_db', 'orders', 'file:/m/1.json',"
              + " NULL)");
    }

    try (GovernanceCatalog catalog = open(properties)) {
      catalog.publish(publication("run-1", ORDERS, 11, at(0)));
    }

    try (Connection c = connect(properties)) {
      List<String> tables = tableNames(c);
      assertThat(tables)
          .contains("iceberg_tables", "lm_tables", "lm_table_versions", "lm_schema_history");
      assertThat(tables)
          .filteredOn(t -> !t.equals("iceberg_tables"))
          .allMatch(t -> t.startsWith("lm_"));
      try (Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT metadata_location FROM iceberg_tables")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("file:/m/1.json");
      }
    }
  }

  private static List<String> tableNames(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet tables =
        c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }
}
