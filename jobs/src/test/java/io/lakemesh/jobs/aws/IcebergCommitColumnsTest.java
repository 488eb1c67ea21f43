package io.lakemesh.jobs.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.aws.GlueWarehouse;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.catalog.aws.GlueGovernanceCatalog;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A product's columns after Iceberg commits to its Glue table. Iceberg's GlueCatalog rewrites the
 * Glue columns on every commit, keeping only their comments; the published columns, with their
 * nullability, PII flags and full comments, must read back unchanged until the next publish. The
 * commits are Iceberg's own (GlueCatalog against the loopback Glue, data files on local disk).
 */
class IcebergCommitColumnsTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final String LONG_COMMENT = "Where the order ships to. ".repeat(12);
  private static final List<Column> PUBLISHED =
      List.of(
          new Column("order_id", "bigint", false, "order key", false),
          new Column("customer_email", "string", true, "contact address", true),
          new Column("amount", "decimal(12,2)", false, "", false),
          new Column("country", "string", true, LONG_COMMENT, false));

  @TempDir Path dir;
  private LoopbackMesh mesh;
  private GlueGovernanceCatalog governance;
  private Table orders;

  @BeforeEach
  void publishAnIcebergTable() {
    mesh = new LoopbackMesh(dir);
    governance = mesh.catalog();
    Map<String, String> properties =
        new TreeMap<>(
            GlueWarehouse.of(mesh.properties())
                .icebergProperties("sales", dir.resolve("warehouse").toUri().toString()));
    properties.put("io-impl", "org.apache.iceberg.hadoop.HadoopFileIO");
    Catalog iceberg = CatalogUtil.buildIcebergCatalog("sales", properties, new Configuration());
    assertThat(iceberg).isInstanceOf(GlueCatalog.class);
    // The producer joins the mesh: the holder creates its database and grants it CREATE_TABLE.
    governance.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
    Schema schema =
        new Schema(
            Types.NestedField.required(1, "order_id", Types.LongType.get()),
            Types.NestedField.optional(2, "customer_email", Types.StringType.get()),
            Types.NestedField.required(3, "amount", Types.DecimalType.of(12, 2)),
            Types.NestedField.optional(4, "country", Types.StringType.get()));
    orders = iceberg.createTable(TableIdentifier.of("sales", "orders"), schema);
    governance.publish(new Publication(entry(orders.location()), null, null, null));
  }

  @AfterEach
  void stop() {
    governance.close();
    mesh.close();
  }

  @Test
  void anAuditBranchWriteLeavesThePublishedColumnsAsPublished() {
    orders
        .newAppend()
        .appendFile(
            DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath(orders.location() + "/data/rejected-batch.parquet")
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(512)
                .withRecordCount(3)
                .build())
        .toBranch("audit-run-2")
        .commit();

    // Iceberg's commit rewrote the Glue columns from its schema.
    JsonNode glueColumns = lastGlueVersion().path("StorageDescriptor").path("Columns");
    assertThat(glueColumns.get(1).path("Parameters").has("iceberg.field.id")).isTrue();
    assertThat(glueColumns.get(1).path("Parameters").has("lakemesh.pii")).isFalse();
    // lakemesh still reads the columns it published.
    CatalogTable read = governance.findTable(ORDERS).orElseThrow();
    assertThat(read.columns()).containsExactlyElementsOf(PUBLISHED);
    assertThat(read.parameter(TableParameters.SNAPSHOT_ID)).contains("1");
  }

  @Test
  void aSchemaChangeIcebergCommitsIsNotPublishedUntilTheNextPublish() {
    orders.updateSchema().addColumn("coupon", Types.StringType.get()).commit();

    assertThat(governance.findTable(ORDERS).orElseThrow().columns())
        .containsExactlyElementsOf(PUBLISHED);
  }

  private JsonNode lastGlueVersion() {
    var versions = mesh.aws().glue().tableVersions(LoopbackMesh.GOVERNANCE, "sales", "orders");
    return versions.get(versions.size() - 1);
  }

  private static CatalogTable entry(String location) {
    return new CatalogTable(
        ORDERS,
        PUBLISHED,
        location,
        "iceberg",
        List.of(),
        Map.of(TableParameters.SNAPSHOT_ID, "1", TableParameters.PRODUCT, "sales.orders"),
        0,
        Instant.EPOCH);
  }
}
