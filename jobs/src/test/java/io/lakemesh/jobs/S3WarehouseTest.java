package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.runtime.SparkSessions;
import io.lakemesh.spec.SpecLoader;
import io.lakemesh.testing.SharedSpark;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer job with its warehouse on S3: a real S3 protocol server on loopback (s3proxy over a
 * local folder), Iceberg's S3FileIO for every data and metadata file, write-audit-publish as on
 * local disk, and the published table read back through S3FileIO.
 */
class S3WarehouseTest {
  @TempDir Path dir;

  @Test
  void ordersArePublishedToAnS3WarehouseAndReadBack() throws Exception {
    // Newer AWS SDKs send aws-chunked uploads with trailing checksums unless told to checksum
    // only when required; many S3-compatible stores (s3proxy among them) reject those.
    System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
    System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
    Properties blobs = new Properties();
    blobs.setProperty(
        "jclouds.filesystem.basedir", Files.createDirectories(dir.resolve("s3")).toString());
    BlobStoreContext store =
        ContextBuilder.newBuilder("filesystem").overrides(blobs).build(BlobStoreContext.class);
    S3Proxy s3 =
        S3Proxy.builder()
            .blobStore(store.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "lakemesh", "lakemesh-secret")
            .build();
    s3.start();
    try {
      store.getBlobStore().createContainerInLocation(null, "lake");
      String endpoint = "http://127.0.0.1:" + s3.getPort();
      Path config =
          Files.writeString(
              dir.resolve("s3.conf"),
              """
          lakemesh.warehouse {
            root = "s3://lake/warehouse"
            properties {
              io-impl = org.apache.iceberg.aws.s3.S3FileIO
              s3.endpoint = "%s"
              s3.path-style-access = true
              s3.access-key-id = lakemesh
              s3.secret-access-key = lakemesh-secret
              client.region = us-east-1
            }
          }
          """
                  .formatted(endpoint));
      LakemeshConfig lakemesh = LakemeshConfig.load(config, dir.resolve("home"));
      try (GovernanceCatalog catalog =
          CatalogLoader.load("jdbc", "lakemesh", lakemesh.catalogProperties())) {
        RunReport report =
            new ProducerJob(lakemesh, catalog, SharedSpark.session(), null)
                .run(
                    new SpecLoader(TestMesh.PRODUCTS).load("sales.orders"),
                    ProducerJob.Options.defaults());

        assertThat(report.status()).as(report.message()).isEqualTo(JobRun.Status.PUBLISHED);
        assertThat(catalog.loadTable(TableId.of("sales", "sales", "orders")).location())
            .isEqualTo("s3://lake/warehouse/sales/sales/orders");
      }
      try (JdbcCatalog iceberg = new JdbcCatalog()) {
        iceberg.initialize("sales", lakemesh.warehouse().icebergProperties("sales"));
        Table table = iceberg.loadTable(TableIdentifier.of("sales", "orders"));
        assertThat(table.io()).isInstanceOf(S3FileIO.class);
        assertThat(table.refs().keySet()).containsExactly("main");
        assertThat(table.currentSnapshot().summary()).containsEntry("total-records", "500");
        long bytes = 0;
        for (var task : table.newScan().planFiles()) {
          assertThat(task.file().location())
              .startsWith("s3://lake/warehouse/sales/sales/orders/data/");
          bytes += table.io().newInputFile(task.file().location()).getLength();
        }
        assertThat(bytes).isPositive();
      }
      var session =
          SparkSessions.forAccounts(SharedSpark.session(), lakemesh.warehouse(), List.of("sales"));
      assertThat(session.table("sales.sales.orders").count()).isEqualTo(500);
      assertThat(store.getBlobStore().list("lake").size()).isPositive();
    } finally {
      s3.stop();
      store.close();
    }
  }
}
