package io.lakemesh.jobs.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.runtime.SparkSessions;
import io.lakemesh.spec.SpecLoader;
import io.lakemesh.testing.SharedSpark;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer job under the aws config: Iceberg's GlueCatalog against the loopback Glue, S3FileIO
 * against a real S3 protocol server (s3proxy), the governance catalog on the loopback Glue, Lake
 * Formation and S3. The Iceberg table and the product entry are one Glue table in the holder's
 * catalog.
 */
class GlueWarehouseJobTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");

  @TempDir Path dir;
  private LoopbackMesh mesh;
  private LoopbackAws aws;
  private BlobStoreContext store;
  private S3Proxy s3;
  private LakemeshConfig config;

  @BeforeEach
  void start() throws Exception {
    // s3proxy rejects the aws-chunked uploads with trailing checksums newer SDKs send by default.
    System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
    System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
    mesh = new LoopbackMesh(dir);
    aws = mesh.aws();
    Properties blobs = new Properties();
    blobs.setProperty(
        "jclouds.filesystem.basedir", Files.createDirectories(dir.resolve("s3")).toString());
    store = ContextBuilder.newBuilder("filesystem").overrides(blobs).build(BlobStoreContext.class);
    // Every account signs with its own keys; the store takes them all.
    s3 =
        S3Proxy.builder()
            .blobStore(store.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.NONE, null, null)
            .build();
    s3.start();
    store.getBlobStore().createContainerInLocation(null, LoopbackMesh.RECORDS_BUCKET);
    store.getBlobStore().createContainerInLocation(null, "sales-warehouse");
    Map<String, String> catalog = new LinkedHashMap<>(mesh.properties());
    catalog.put("endpoint.s3", "http://127.0.0.1:" + s3.getPort());
    config =
        LakemeshConfig.load(
            AwsConfigFiles.write(dir.resolve("aws.conf"), catalog, ""), dir.resolve("home"));
  }

  @AfterEach
  void stop() throws Exception {
    s3.stop();
    store.close();
    mesh.close();
  }

  @Test
  void ordersAreWrittenThroughGlueAndS3AndPublishedOnTheSameGlueTable() {
    try (GovernanceCatalog catalog =
        CatalogLoader.load("aws", "lakemesh", config.catalogProperties())) {
      // The producer joins the mesh before its first job: the governance account creates its
      // database and grants it what writing there needs; Iceberg then writes as the producer.
      catalog.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
      RunReport report =
          new ProducerJob(config, catalog, SharedSpark.session(), null)
              .run(
                  new SpecLoader(AwsConfigFiles.REPO.resolve("jobs/products")).load("sales.orders"),
                  ProducerJob.Options.defaults());
      assertThat(report.status()).as(report.message()).isEqualTo(JobRun.Status.PUBLISHED);

      CatalogTable entry = catalog.findTable(ORDERS).orElseThrow();
      assertThat(entry.location()).isEqualTo("s3://sales-warehouse/lake/sales.db/orders");
      // Iceberg's calls: made as the producer, on the governance account's catalog.
      List<LoopbackAws.Call> icebergCreates = aws.calls("glue", "CreateTable");
      assertThat(icebergCreates)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.account()).isEqualTo(LoopbackMesh.SALES);
                assertThat(c.json().path("CatalogId").asText()).isEqualTo(LoopbackMesh.GOVERNANCE);
                assertThat(
                        c.json().path("TableInput").path("Parameters").path("table_type").asText())
                    .isEqualTo("ICEBERG");
              });
      assertThat(aws.calls("glue", "CreateDatabase"))
          .singleElement()
          .satisfies(c -> assertThat(c.account()).isEqualTo(LoopbackMesh.GOVERNANCE));
      // The publish, as the producer, adopted the table Iceberg created, keeping Iceberg's pointer.
      assertThat(aws.calls("glue", "UpdateTable"))
          .isNotEmpty()
          .allSatisfy(c -> assertThat(c.account()).isEqualTo(LoopbackMesh.SALES));
      assertThat(
              aws.glue()
                  .database(LoopbackMesh.GOVERNANCE, "sales")
                  .orElseThrow()
                  .path("Parameters")
                  .path("lakemesh.catalog")
                  .asText())
          .isEqualTo("sales");
      List<ObjectNode> versions =
          aws.glue().tableVersions(LoopbackMesh.GOVERNANCE, "sales", "orders");
      JsonNode last = versions.get(versions.size() - 1).path("Parameters");
      assertThat(last.path("table_type").asText()).isEqualTo("ICEBERG");
      assertThat(last.path("metadata_location").asText())
          .startsWith("s3://sales-warehouse/lake/sales.db/orders/metadata/");
      assertThat(last.path("lakemesh.catalog.version").asText()).isEqualTo("1");
      assertThat(aws.glue().tableNames(LoopbackMesh.SALES)).isEmpty();
    }

    // Read back with Iceberg's own GlueCatalog, as another engine would, and with Spark.
    Catalog glue =
        CatalogUtil.buildIcebergCatalog(
            "sales", config.warehouse().icebergProperties("sales"), null);
    assertThat(glue).isInstanceOf(GlueCatalog.class);
    Table table = glue.loadTable(TableIdentifier.of("sales", "orders"));
    assertThat(table.io()).isInstanceOf(S3FileIO.class);
    assertThat(table.currentSnapshot().summary()).containsEntry("total-records", "500");
    var session =
        SparkSessions.forAccounts(SharedSpark.session(), config.warehouse(), List.of("sales"));
    assertThat(session.table("sales.sales.orders").count()).isEqualTo(500);
    assertThat(store.getBlobStore().list("sales-warehouse").size()).isPositive();
  }
}
