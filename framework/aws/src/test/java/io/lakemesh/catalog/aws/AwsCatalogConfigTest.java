package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The properties of the aws catalog: what is required, the defaults, and each error's key. */
class AwsCatalogConfigTest {
  @TempDir Path dir;

  private static Map<String, String> minimal() {
    Map<String, String> p = new HashMap<>();
    p.put("region", "eu-west-1");
    p.put("governance-account", "governance");
    p.put("records.root", "s3://example-governance-records/lakemesh");
    p.put("accounts.governance.aws-account-id", "111122223333");
    // It registers sales's bucket, in another AWS account: only a role of its own may.
    p.put(
        "accounts.governance.registration-role-arn",
        "arn:aws:iam::111122223333:role/lakemesh-lf-locations");
    p.put("accounts.sales.aws-account-id", "444455556666");
    p.put("accounts.sales.role-arn", "arn:aws:iam::444455556666:role/lakemesh-producer");
    p.put("accounts.sales.storage-root", "s3://example-sales-lake/warehouse/");
    p.put("accounts.sales.principals.etl", "arn:aws:iam::444455556666:role/sales-etl-job");
    p.put("accounts.marketing.aws-account-id", "777788889999");
    return p;
  }

  @Test
  void defaultsFollowTheCentralTopology() {
    AwsCatalogConfig config = AwsCatalogConfig.from(minimal());

    assertThat(config.recordsRoot())
        .isEqualTo(new S3Location("example-governance-records", "lakemesh/"));
    assertThat(config.recordsAccount()).isEqualTo("governance");
    assertThat(config.account("sales").holder()).isEqualTo("governance");
    assertThat(config.account("governance").holder()).isEqualTo("governance");
    assertThat(config.retry())
        .isEqualTo(
            new AwsCatalogConfig.RetrySettings(8, Duration.ofMillis(200), Duration.ofSeconds(20)));
    assertThat(config.endpoints()).isEmpty();
    assertThat(config.namePrefix()).isEmpty();
    AwsAccount sales = config.account("sales");
    assertThat(sales.lakeFormationPrincipal(Principal.administrator("sales")))
        .isEqualTo("444455556666");
    assertThat(sales.lakeFormationPrincipal(Principal.of("sales", "etl")))
        .isEqualTo("arn:aws:iam::444455556666:role/sales-etl-job");
    assertThat(sales.lakeFormationPrincipal(Principal.of("sales", "analyst")))
        .isEqualTo("arn:aws:iam::444455556666:role/analyst");
    assertThat(sales.storageRoot().orElseThrow().arn())
        .isEqualTo("arn:aws:s3:::example-sales-lake/warehouse");
  }

  @Test
  void federatedHoldersAreTheProducersThemselvesAndTheRecordsAccountIsNamed() {
    Map<String, String> p = minimal();
    p.remove("governance-account");
    p.put("records.account", "sales");

    AwsCatalogConfig config = AwsCatalogConfig.from(p);

    assertThat(config.account("sales").holder()).isEqualTo("sales");
    assertThat(config.governanceAccount()).isEmpty();
    p.remove("records.account");
    assertThatThrownBy(() -> AwsCatalogConfig.from(p))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("name the account that owns the records bucket");
  }

  @Test
  void oneEndpointServesEveryServiceUnlessOneIsOverridden() {
    Map<String, String> p = minimal();
    p.put("endpoint", "http://127.0.0.1:4566");
    p.put("endpoint.s3", "http://127.0.0.1:9000");

    AwsCatalogConfig config = AwsCatalogConfig.from(p);

    assertThat(config.endpoint("glue")).hasValueSatisfying(u -> assertThat(u).hasPort(4566));
    assertThat(config.endpoint("s3")).hasValueSatisfying(u -> assertThat(u).hasPort(9000));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "region|              |region|the aws catalog needs property 'region'",
        "region|mars-north-1x |region|is not an AWS region",
        "records.root|        |records.root|needs property 'records.root'",
        "records.root|hdfs://x/y|records.root|is not an S3 location",
        "accounts.sales.aws-account-id|4444|accounts.sales.aws-account-id|an AWS account id has 12"
            + " digits",
        "accounts.sales.profile|lakemesh-sales|accounts.sales.role-arn|either a profile or a role"
            + " ARN",
        "accounts.sales.role-arn|arn:aws:iam::444455556666:user/bob|accounts.sales.role-arn|is not"
            + " an IAM role ARN",
        "accounts.sales.holder|retail-gov|accounts.sales.holder|names account 'retail-gov'",
        "governance-account|central|governance-account|names account 'central'",
        "acting-producer|retail|acting-producer|names account 'retail'",
        "name-prefix|Dev-|name-prefix|must match",
        "retry.max-attempts|0|retry.max-attempts|must be a whole number from 1",
        "endpoint|not a url|endpoint|is not a URL",
      })
  void eachMistakeNamesItsKey(String key, String value, String faultyKey, String message) {
    Map<String, String> p = minimal();
    if (value == null) {
      p.remove(key);
    } else {
      p.put(key, value.trim());
    }

    assertThatThrownBy(() -> AwsCatalogConfig.from(p))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo(faultyKey));
  }

  @Test
  void everyKeyIsDocumented() {
    assertThat(AwsCatalogConfig.KEYS)
        .extracting(AwsCatalogConfig.ConfigKey::name)
        .contains(
            "region",
            "records.root",
            "acting-producer",
            "aws-account-id",
            "role-arn",
            "profile",
            "holder")
        .doesNotHaveDuplicates();
    assertThat(AwsCatalogConfig.KEYS).allSatisfy(k -> assertThat(k.description()).isNotBlank());
  }

  @Test
  void theCatalogLoaderFindsTheBackendByItsShortName() {
    try (LoopbackMesh mesh = new LoopbackMesh(dir);
        GovernanceCatalog catalog = CatalogLoader.load("aws", "lakemesh", mesh.properties())) {
      assertThat(catalog).isInstanceOf(GlueGovernanceCatalog.class);
      assertThat(catalog.name()).isEqualTo("lakemesh");
    }
  }

  @Test
  void athenaReadsEveryRecordKindUnderTheRecordsRoot() {
    String ddl =
        AthenaTables.ddl("lakemesh_records", AwsCatalogConfig.from(minimal()).recordsRoot());

    assertThat(ddl.split("CREATE EXTERNAL TABLE IF NOT EXISTS ")).hasSize(9);
    assertThat(ddl)
        .contains("lakemesh_records.lakemesh_grants (")
        .contains("LOCATION 's3://example-governance-records/lakemesh/grants/';")
        .contains("LOCATION 's3://example-governance-records/lakemesh/access_requests/';")
        .contains("LOCATION 's3://example-governance-records/lakemesh/quality_runs/';")
        .contains("LOCATION 's3://example-governance-records/lakemesh/lineage_events/';")
        .contains("LOCATION 's3://example-governance-records/lakemesh/job_runs/';")
        .contains("LOCATION 's3://example-governance-records/lakemesh/audit/';")
        .contains("LOCATION 's3://example-governance-records/lakemesh/events/';")
        .contains("LOCATION 's3://example-governance-records/lakemesh/product_status/';")
        .contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'")
        .doesNotContain("_state");
  }
}
