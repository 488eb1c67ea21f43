package io.lakemesh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import io.lakemesh.server.iceberg.TableCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog server's Iceberg REST catalog where Spark's Iceberg runtime provides Iceberg (its
 * Jackson shaded): {@code serve}'s warehouse catalogs behind it, and Iceberg's REST client from the
 * same runtime creating, committing to and loading a producer's table.
 */
class IcebergRestOnSparkClasspathTest {
  private static final Schema EVENTS =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "country", Types.StringType.get()));

  @TempDir Path dir;

  @Test
  void aProducerCreatesCommitsAndLoadsATableThroughTheServer() throws Exception {
    // Iceberg here is iceberg-spark-runtime's, whose object mapper is the shaded Jackson one.
    assertThat(
            Class.forName("org.apache.iceberg.shaded.com.fasterxml.jackson.databind.ObjectMapper"))
        .isNotNull();
    String uri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    Warehouse warehouse = Warehouse.of(uri, dir.resolve("warehouse").toString());
    try (GovernanceCatalog catalog = CatalogLoader.load("jdbc", "test", Map.of("uri", uri));
        WarehouseCatalogs warehouses =
            new WarehouseCatalogs(warehouse, MeshFixtures.demo(Topology.CENTRAL))) {
      Governance governance = Governance.over(MeshFixtures.demo(Topology.CENTRAL), catalog);
      String token =
          new AccessTokens(catalog, governance)
              .issue(MeshFixtures.SALES, Duration.ofHours(1), "test")
              .text();
      try (CatalogServer server =
              CatalogServer.start(
                  governance,
                  catalog,
                  CatalogServerOptions.defaults().port(0).requestLog(line -> {}),
                  warehouses,
                  TableCredentials.none());
          RESTCatalog writer = client(server, token);
          RESTCatalog reader = client(server, token)) {
        TableIdentifier events = TableIdentifier.of("staging", "events");
        writer.createNamespace(Namespace.of("staging"));
        Table table = writer.createTable(events, EVENTS);
        table.updateSchema().addColumn("amount", Types.DoubleType.get()).commit();
        DataFile file =
            DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath(
                    dir.resolve("warehouse/sales/staging/events/data/part-0.parquet").toString())
                .withFileSizeInBytes(1024)
                .withRecordCount(3)
                .build();
        table.newAppend().appendFile(file).commit();

        Table loaded = reader.loadTable(events);
        assertThat(loaded.schema().columns())
            .extracting(Types.NestedField::name)
            .containsExactly("id", "country", "amount");
        assertThat(loaded.currentSnapshot().summary()).containsEntry("added-records", "3");
        // The table is in the catalog sales' jobs write to.
        assertThat(warehouses.of("sales").loadTable(events).currentSnapshot().snapshotId())
            .isEqualTo(loaded.currentSnapshot().snapshotId());
      }
    }
  }

  private static RESTCatalog client(CatalogServer server, String token) {
    RESTCatalog client = new RESTCatalog();
    client.setConf(new Configuration());
    client.initialize("mesh", Map.of("uri", server.uri() + "/iceberg", "token", token));
    return client;
  }
}
