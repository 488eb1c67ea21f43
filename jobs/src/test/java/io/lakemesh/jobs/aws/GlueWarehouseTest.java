package io.lakemesh.jobs.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.runtime.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg catalogs the aws config gives each account: Glue and S3FileIO, from conf/aws.conf as
 * shipped.
 */
class GlueWarehouseTest {
  @TempDir Path dir;

  @Test
  void eachAccountGetsTheGlueCatalogOfItsHolderAndItsOwnCredentials() {
    Warehouse warehouse =
        LakemeshConfig.load(AwsConfigFiles.REPO.resolve("conf/aws.conf"), dir).warehouse();

    Map<String, String> sales = warehouse.sparkConf("sales");
    assertThat(sales)
        .containsAllEntriesOf(
            Map.ofEntries(
                Map.entry("spark.sql.catalog.sales", "org.apache.iceberg.spark.SparkCatalog"),
                Map.entry("spark.sql.catalog.sales.type", "glue"),
                // Central topology: the producer's Iceberg tables are registered in the governance
                // account's catalog.
                Map.entry("spark.sql.catalog.sales.glue.id", "111122223333"),
                Map.entry("spark.sql.catalog.sales.warehouse", "s3://example-sales-lake/warehouse"),
                Map.entry("spark.sql.catalog.sales.io-impl", "org.apache.iceberg.aws.s3.S3FileIO"),
                Map.entry("spark.sql.catalog.sales.client.region", "eu-west-1"),
                Map.entry("spark.sql.catalog.sales.http-client.type", "urlconnection"),
                Map.entry(
                    "spark.sql.catalog.sales.client.credentials-provider",
                    "io.lakemesh.catalog.aws.IcebergCredentials"),
                Map.entry("spark.sql.catalog.sales.client.credentials-provider.account", "sales"),
                Map.entry(
                    "spark.sql.catalog.sales.client.credentials-provider.aws-account-id",
                    "444455556666"),
                Map.entry(
                    "spark.sql.catalog.sales.client.credentials-provider.profile",
                    "lakemesh-sales")));
    assertThat(sales)
        .doesNotContainKeys(
            "spark.sql.catalog.sales.uri",
            "spark.sql.catalog.sales.glue.endpoint",
            "spark.sql.catalog.sales.s3.endpoint",
            "spark.sql.catalog.sales.glue.lakeformation-enabled");
    assertThat(warehouse.icebergProperties("finance"))
        .containsAllEntriesOf(
            Map.of(
                "client.credentials-provider.role-arn",
                    "arn:aws:iam::666677778888:role/lakemesh-producer",
                "client.credentials-provider.external-id", "lakemesh-finance",
                "warehouse", "s3://example-finance-lake/warehouse"));
    assertThat(warehouse.location("product")).isEqualTo("s3://example-product-lake/warehouse");
  }

  @Test
  void aConsumerReachesAProducersCatalogWithItsOwnCredentials() {
    Warehouse warehouse =
        LakemeshConfig.load(AwsConfigFiles.REPO.resolve("conf/aws.conf"), dir).warehouse();

    Map<String, String> asMarketing = warehouse.icebergProperties("sales", "marketing");

    // The shipped consumer reads through Lake Formation: its own role, tagged, and the credentials
    // Lake Formation vends for what it granted.
    assertThat(asMarketing)
        .containsEntry("glue.id", "111122223333")
        .containsEntry("warehouse", "s3://example-sales-lake/warehouse")
        .containsEntry("glue.lakeformation-enabled", "true")
        .containsEntry("client.assume-role.arn", "arn:aws:iam::777788889999:role/lakemesh-consumer")
        .containsEntry("client.assume-role.tags.LakeFormationAuthorizedCaller", "lakemesh")
        .doesNotContainValue("lakemesh-sales")
        .doesNotContainValue("arn:aws:iam::444455556666:role/lakemesh-producer");
  }

  @Test
  void endpointsHoldersAndLakeFormationCredentialsComeFromTheCatalogSection() throws Exception {
    Path config =
        AwsConfigFiles.write(
            dir.resolve("aws.conf"),
            Map.of(
                "region", "eu-west-1",
                "endpoint", "http://127.0.0.1:4566",
                "records.root", "s3://records/mesh/",
                "records.account", "sales",
                "accounts.sales.aws-account-id", "444455556666",
                "accounts.sales.role-arn", "arn:aws:iam::444455556666:role/producer",
                "accounts.sales.lakeformation-enabled", "true",
                "accounts.sales.holder", "retail-gov",
                "accounts.retail-gov.aws-account-id", "222233334444"),
            """
        lakemesh.warehouse.root = "s3://shared-lake/warehouse"
        lakemesh.warehouse.properties { s3.sse.type = kms }
        """);
    Warehouse warehouse = LakemeshConfig.load(config, dir).warehouse();

    assertThat(warehouse.icebergProperties("sales"))
        .containsAllEntriesOf(
            Map.ofEntries(
                Map.entry("glue.id", "222233334444"),
                Map.entry("glue.endpoint", "http://127.0.0.1:4566"),
                Map.entry("s3.endpoint", "http://127.0.0.1:4566"),
                Map.entry("s3.path-style-access", "true"),
                Map.entry("glue.lakeformation-enabled", "true"),
                Map.entry("glue.account-id", "222233334444"),
                Map.entry("client.assume-role.arn", "arn:aws:iam::444455556666:role/producer"),
                Map.entry("client.assume-role.region", "eu-west-1"),
                Map.entry("s3.sse.type", "kms"),
                // No storage root of its own: under the warehouse root.
                Map.entry("warehouse", "s3://shared-lake/warehouse/sales")));
    assertThat(warehouse.icebergProperties("sales"))
        .doesNotContainKey("client.credentials-provider");

    Files.writeString(
        config,
        Files.readString(config).replace("accounts.sales.role-arn", "accounts.sales.profile"));
    Warehouse noRole = LakemeshConfig.load(config, dir).warehouse();
    assertThatThrownBy(() -> noRole.icebergProperties("sales"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("accounts.sales.role-arn");
  }

  @Test
  void aLakeFormationEnabledAccountsIcebergCatalogStartsWithTheSessionTagLakeFormationAsksFor()
      throws Exception {
    Path config =
        AwsConfigFiles.write(
            dir.resolve("aws.conf"),
            Map.of(
                "region", "eu-west-1",
                "records.root", "s3://records/mesh/",
                "records.account", "marketing",
                "accounts.marketing.aws-account-id", "777788889999",
                "accounts.marketing.role-arn", "arn:aws:iam::777788889999:role/lakemesh-consumer",
                "accounts.marketing.lakeformation-enabled", "true"),
            "");
    Map<String, String> properties =
        LakemeshConfig.load(config, dir).warehouse().icebergProperties("marketing");

    assertThat(properties)
        .containsEntry("client.assume-role.tags.LakeFormationAuthorizedCaller", "lakemesh");
    // Iceberg's LakeFormationAwsClientFactory refuses to start without that tag; nothing is called
    // yet.
    Map<String, String> untagged = new HashMap<>(properties);
    untagged.remove("client.assume-role.tags.LakeFormationAuthorizedCaller");
    assertThatThrownBy(() -> new GlueCatalog().initialize("marketing", untagged))
        .hasMessageContaining(
            "STS assume role session tag LakeFormationAuthorizedCaller must be set");
    // Its STS client takes the region from the environment, as on Glue or EMR.
    String region = System.setProperty("aws.region", "eu-west-1");
    try (GlueCatalog glue = new GlueCatalog()) {
      glue.initialize("marketing", properties);
      assertThat(glue.name()).isEqualTo("marketing");
    } finally {
      if (region == null) {
        System.clearProperty("aws.region");
      } else {
        System.setProperty("aws.region", region);
      }
    }
  }

  @Test
  void theEmbeddedDefaultKeepsItsJdbcCatalogs() {
    Warehouse warehouse = LakemeshConfig.load(null, dir).warehouse();

    assertThat(warehouse.glue()).isEmpty();
    assertThat(warehouse.icebergProperties("sales"))
        .containsEntry("type", "jdbc")
        .containsKey("uri")
        .doesNotContainKey("glue.id");
  }

  /** A producer's own config names it, so that its jobs read their own records as the producer. */
  @Test
  void aProducersOwnConfigNamesTheActingProducer() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("sales.conf"),
            "include file(\""
                + AwsConfigFiles.REPO.resolve("conf/aws.conf")
                + "\")\n"
                + "lakemesh.catalog.acting-producer = sales\n");

    assertThat(LakemeshConfig.load(conf, dir).catalogProperties())
        .containsEntry("acting-producer", "sales");
  }
}
