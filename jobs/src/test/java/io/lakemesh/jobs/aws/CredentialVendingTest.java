package io.lakemesh.jobs.aws;

import static io.lakemesh.jobs.aws.VendedReads.SERVER_KEY;
import static io.lakemesh.jobs.aws.VendedReads.fileIo;
import static io.lakemesh.jobs.aws.VendedReads.list;
import static io.lakemesh.jobs.aws.VendedReads.read;
import static io.lakemesh.jobs.aws.VendedReads.refusal;
import static io.lakemesh.jobs.aws.VendedReads.serverSts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.aws.StsTableCredentials;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Read credentials vended for one table of an S3 warehouse, against the loopback STS and S3: they
 * read the table's files with Iceberg's S3FileIO as a reader's engine would, and nothing beside
 * them, until they expire; STS failing tells what failed and nothing of the server.
 */
class CredentialVendingTest {
  private static final String SALES = "222233334444";
  private static final String SERVER = "999900001111";
  private static final String ROLE = "arn:aws:iam::" + SALES + ":role/lakemesh-iceberg-vending";
  private static final String ORDERS = "s3://sales-lake/warehouse/sales/orders";
  private static final TableIdentifier LINKED = TableIdentifier.of("sales_link", "orders");
  private static final Principal ANALYST = Principal.of("marketing", "analyst");
  private static final String METADATA = "warehouse/sales/orders/metadata/00001-a.metadata.json";
  private static final String BESIDE = "warehouse/sales/orders_pii/data/part-0.parquet";
  private static final String ELSEWHERE = "warehouse/hr/salaries/data/part-0.parquet";

  private final LoopbackAws aws = new LoopbackAws();
  private final StsClient sts = serverSts(aws.endpoint("sts"));

  CredentialVendingTest() {
    aws.account(SERVER_KEY, SERVER);
    aws.sts()
        .trustPolicy(
            ROLE,
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + SERVER
                + ":root\"},\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]}]}");
    aws.s3().ownedBy("sales-lake", SALES);
    aws.s3().overwrite("sales-lake", METADATA, "{\"format-version\":2}");
    aws.s3().overwrite("sales-lake", "warehouse/sales/orders/data/part-0.parquet", "orders");
    // Beside the table: a table whose name starts like it, and another account's table.
    aws.s3().overwrite("sales-lake", BESIDE, "pii");
    aws.s3().overwrite("sales-lake", ELSEWHERE, "salaries");
  }

  @AfterEach
  void close() {
    sts.close();
    aws.close();
  }

  private StsTableCredentials vendor(int seconds) {
    return new StsTableCredentials(
        sts,
        ROLE,
        seconds,
        Map.of(
            "client.region", "eu-west-1",
            "s3.endpoint", aws.endpoint("s3"),
            "s3.path-style-access", "true"));
  }

  @Test
  void aReadersSessionReadsTheTablesFilesAndNothingBesideThem() throws IOException {
    Instant before = Instant.now();
    Map<String, String> config = vendor(900).forReading(ANALYST, LINKED, ORDERS);
    Instant after = Instant.now();

    assertThat(config)
        .containsEntry("client.region", "eu-west-1")
        .containsEntry("s3.endpoint", aws.endpoint("s3"))
        .containsEntry("s3.path-style-access", "true")
        .containsEntry("s3.secret-access-key", "not-a-secret")
        .containsEntry("s3.session-token", "loopback-session-token");
    assertThat(config.get("s3.access-key-id")).startsWith("LOOPBACK-SESSION-" + SALES);
    assertThat(Long.parseLong(config.get("s3.session-token-expires-at-ms")))
        .isBetween(
            before.plusSeconds(900).toEpochMilli() - 1000, after.plusSeconds(900).toEpochMilli());
    assertThat(aws.calls("sts", "AssumeRole"))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.accessKey()).isEqualTo(SERVER_KEY);
              assertThat(call.body())
                  .contains("DurationSeconds=900")
                  .contains("RoleSessionName=marketing.analyst")
                  .contains("SourceIdentity=marketing.analyst");
            });

    try (S3FileIO io = fileIo(config)) {
      assertThat(read(io, "s3://sales-lake/" + METADATA)).isEqualTo("{\"format-version\":2}");
      assertThat(list(io, ORDERS + "/"))
          .containsExactlyInAnyOrder(
              "s3://sales-lake/" + METADATA,
              "s3://sales-lake/warehouse/sales/orders/data/part-0.parquet");

      assertThat(refusal(() -> read(io, "s3://sales-lake/" + BESIDE)))
          .isEqualTo("403 AccessDenied");
      assertThat(refusal(() -> read(io, "s3://sales-lake/" + ELSEWHERE)))
          .isEqualTo("403 AccessDenied");
      assertThat(refusal(() -> list(io, "s3://sales-lake/warehouse/sales/")))
          .isEqualTo("403 AccessDenied");
    }
  }

  @Test
  void anExpiredSessionIsRefused() throws IOException {
    Map<String, String> config = vendor(900).forReading(ANALYST, LINKED, ORDERS);
    try (S3FileIO io = fileIo(config)) {
      assertThat(read(io, "s3://sales-lake/" + METADATA)).isEqualTo("{\"format-version\":2}");

      aws.sts().elapse(Duration.ofSeconds(900));

      assertThat(refusal(() -> read(io, "s3://sales-lake/" + METADATA)))
          .isEqualTo("400 ExpiredToken");
    }
  }

  @Test
  void whenStsRefusesTheReaderGetsA503SayingWhatFailedAndNothingOfTheServer() {
    aws.sts()
        .trustPolicy(
            ROLE,
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + SERVER
                + ":root\"},\"Action\":\"sts:AssumeRole\"}]}");

    assertThatThrownBy(() -> vendor(900).forReading(ANALYST, LINKED, ORDERS))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("table sales_link.orders")
        .hasMessageContaining("STS AssumeRole of " + ROLE + " failed (HTTP 403 AccessDenied)")
        .hasMessageContaining("bin/lakemesh query")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SERVER, SERVER_KEY));
  }

  @Test
  void aSessionLongerThanTheRolesMaximumIsRefusedByStsAndShorterThanStssMinimumByTheConfig() {
    aws.sts().maxSessionDuration(ROLE, 3600);

    assertThatThrownBy(() -> vendor(3601).forReading(ANALYST, LINKED, ORDERS))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("(HTTP 400 ValidationError)");
    assertThat(vendor(3600).forReading(ANALYST, LINKED, ORDERS)).containsKey("s3.session-token");
    assertThatThrownBy(() -> vendor(600))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("from 900 to 43200 seconds")
        .satisfies(
            e ->
                assertThat(((InvalidConfigException) e).key())
                    .isEqualTo("lakemesh.iceberg-rest.vending-duration-seconds"));
  }

  @Test
  void stsOutOfReachIsA503Too() {
    try (StsTableCredentials vendor =
        new StsTableCredentials(
            serverSts("http://127.0.0.1:1"), ROLE, 900, Map.of("client.region", "eu-west-1"))) {
      assertThatThrownBy(() -> vendor.forReading(ANALYST, LINKED, ORDERS))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("STS AssumeRole of " + ROLE + " failed (STS could not be reached");
    }
  }

  @Test
  void localFilesNeedNoCredentialsAndOtherObjectStoresAreRefused() {
    assertThat(vendor(900).forReading(ANALYST, LINKED, "file:/lake/sales/orders")).isEmpty();
    assertThatThrownBy(() -> vendor(900).forReading(ANALYST, LINKED, "gs://lake/sales/orders"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("gs://");
    assertThat(aws.calls("sts", "AssumeRole")).isEmpty();
  }
}
