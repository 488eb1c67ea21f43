package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.DataFilterStorageTests;
import io.lakemesh.catalog.GovernanceCatalog;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The data filter storage contract on a fresh SQLite file per test. */
class JdbcDataFilterStorageTest extends DataFilterStorageTests {
  @TempDir Path dir;
  private int databases;

  @Override
  protected GovernanceCatalog newCatalog() {
    databases++;
    return CatalogLoader.load(
        JdbcCatalogFactory.TYPE,
        "test",
        Map.of(
            JdbcCatalogConfig.URI, "jdbc:sqlite:" + dir.resolve("filters-" + databases + ".db")));
  }
}
