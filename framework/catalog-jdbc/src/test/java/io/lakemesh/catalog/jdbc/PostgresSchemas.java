package io.lakemesh.catalog.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Catalog databases on the PostgreSQL server that {@value #URL_VARIABLE} names ({@code
 * .ci/start-postgres} prints one): a schema of its own per catalog, dropped by {@link #dropAll}.
 * Public for the rule suites of framework/governance, which run on PostgreSQL the same way.
 */
public final class PostgresSchemas {
  public static final String URL_VARIABLE = "LAKEMESH_TEST_PG_URL";
  public static final String URL = System.getenv(URL_VARIABLE);

  /**
   * Emptied schemas of a newly migrated catalog, waiting for the next test of this JVM; dropped
   * when the JVM exits.
   */
  private static final Deque<String> EMPTIED = emptiedSchemas();

  /** The tables of the first catalog emptied: every schema emptied since has exactly these. */
  private static Set<String> migratedTables;

  private final boolean recycling;
  private final List<String> schemas = new ArrayList<>();

  /** Schemas made new for every catalog and dropped after it. */
  public PostgresSchemas() {
    this(false);
  }

  private PostgresSchemas(boolean recycling) {
    this.recycling = recycling;
  }

  /**
   * Schemas that {@link #dropAll} empties rather than drops, for the next test to take: a catalog
   * opened in one finds every migration applied and runs none, instead of creating its tables again
   * for every test. An emptied schema holds what a newly migrated one holds (the migrations insert
   * no rows). Only for catalogs opened at the newest version: a test that builds an older catalog,
   * or edits the tables' definitions, uses {@link #PostgresSchemas()}.
   */
  public static PostgresSchemas recycling() {
    return new PostgresSchemas(true);
  }

  /** Properties of a catalog in a new schema; skips the calling test when there is no server. */
  public Map<String, String> newDatabase() {
    // Checked where every test starts, so each one is reported as skipped with the reason.
    assumeTrue(
        URL != null && !URL.isBlank(),
        URL_VARIABLE
            + " is not set, so there is no PostgreSQL to test on (.ci/start-postgres prints one)");
    String schema = recycling ? EMPTIED.poll() : null;
    if (schema == null) {
      schema = "lm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
    schemas.add(schema);
    return Map.of(JdbcCatalogConfig.URI, URL, JdbcCatalogConfig.SCHEMA, schema);
  }

  /** The first schema handed out. */
  String first() {
    return schemas.get(0);
  }

  /** A plain connection whose default schema is the catalog's. */
  public Connection connect(Map<String, String> properties) throws SQLException {
    String schema = properties.get(JdbcCatalogConfig.SCHEMA);
    Connection c = DriverManager.getConnection(URL);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      c.setSchema(schema);
    }
    return c;
  }

  public void dropAll() throws SQLException {
    if (schemas.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(URL)) {
      List<String> dropped = new ArrayList<>();
      for (String schema : schemas) {
        if (recycling && emptied(c, schema)) {
          EMPTIED.add(schema);
        } else {
          dropped.add(schema);
        }
      }
      drop(c, dropped);
    }
    schemas.clear();
  }

  private static void drop(Connection c, Iterable<String> schemas) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /**
   * Deletes every row but the migration history, when the schema holds exactly the tables of a
   * newly migrated catalog; false (nothing done) when it holds others or none, or lacks some.
   */
  private static boolean emptied(Connection c, String schema) throws SQLException {
    Set<String> tables = tables(c, schema);
    synchronized (EMPTIED) {
      if (migratedTables == null
          && tables.contains(Migrations.HISTORY_TABLE)
          && tables.stream().allMatch(t -> t.startsWith("lm_"))) {
        migratedTables = tables;
      }
      if (!tables.equals(migratedTables)) {
        return false;
      }
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String table : tables) {
        if (!table.equals(Migrations.HISTORY_TABLE)) {
          s.addBatch("DELETE FROM " + schema + "." + table);
        }
      }
      s.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(autoCommit);
    }
    return true;
  }

  private static Deque<String> emptiedSchemas() {
    Deque<String> emptied = new ConcurrentLinkedDeque<>();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (emptied.isEmpty()) {
                    return;
                  }
                  try (Connection c = DriverManager.getConnection(URL)) {
                    drop(c, emptied);
                  } catch (SQLException e) {
                    System.err.println("cannot drop the test schemas " + emptied + ": " + e);
                  }
                },
                "drop-emptied-test-schemas"));
    return emptied;
  }

  private static Set<String> tables(Connection c, String schema) throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = ?")) {
      s.setString(1, schema);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }
}
