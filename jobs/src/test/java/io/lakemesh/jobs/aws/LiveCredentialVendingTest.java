package io.lakemesh.jobs.aws;

import static io.lakemesh.jobs.aws.VendedReads.fileIo;
import static io.lakemesh.jobs.aws.VendedReads.list;
import static io.lakemesh.jobs.aws.VendedReads.read;
import static io.lakemesh.jobs.aws.VendedReads.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.aws.StsTableCredentials;
import io.lakemesh.governance.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * On a real account (only with {@code LAKEMESH_AWS_IT=1}; credentials and region from the SDK's
 * default chain, standing for the catalog server's own): the role {@code
 * LAKEMESH_AWS_IT_VENDING_ROLE_ARN}, set up as the README's "Credential vending" says, vends
 * credentials for the table at {@code LAKEMESH_AWS_IT_VENDING_TABLE} ({@code
 * s3://BUCKET/PREFIX/TABLE}, holding files under {@code metadata/}) that list and read its files
 * with S3FileIO and are refused by S3 beside it.
 */
class LiveCredentialVendingTest {
  @Test
  void vendedCredentialsReadTheTablesFilesAndNothingBesideThem() {
    assumeTrue(
        "1".equals(System.getenv("LAKEMESH_AWS_IT")), "live AWS tests run with LAKEMESH_AWS_IT=1");
    String role = System.getenv("LAKEMESH_AWS_IT_VENDING_ROLE_ARN");
    String table = System.getenv("LAKEMESH_AWS_IT_VENDING_TABLE");
    assumeTrue(role != null, "LAKEMESH_AWS_IT_VENDING_ROLE_ARN names the role the server assumes");
    assumeTrue(table != null, "LAKEMESH_AWS_IT_VENDING_TABLE is the s3:// location of a table");
    Region region = new DefaultAwsRegionProviderChain().getRegion();

    Instant before = Instant.now();
    Map<String, String> config;
    try (StsTableCredentials vendor =
        new StsTableCredentials(
            StsClient.builder().region(region).build(),
            role,
            900,
            Map.of("client.region", region.id()))) {
      config =
          vendor.forReading(
              Principal.of("marketing", "analyst"),
              TableIdentifier.of("sales_link", "orders"),
              table);
    }

    assertThat(Long.parseLong(config.get("s3.session-token-expires-at-ms")))
        .isBetween(before.plusSeconds(840).toEpochMilli(), before.plusSeconds(960).toEpochMilli());
    try (S3FileIO io = fileIo(config)) {
      List<String> metadata = list(io, table + "/metadata/");
      assertThat(metadata).isNotEmpty().allMatch(path -> path.startsWith(table + "/metadata/"));
      assertThat(read(io, metadata.get(0))).isNotEmpty();

      assertThat(refusal(() -> read(io, table + "-beside/metadata/v1.metadata.json")))
          .isEqualTo("403 AccessDenied");
      assertThat(refusal(() -> list(io, table.substring(0, table.lastIndexOf('/') + 1))))
          .isEqualTo("403 AccessDenied");
    }
  }
}
