package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackAws.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What AWS failures become: throttling is retried with backoff until it passes (or the attempts run
 * out), an access denial names the account, the call and the resource, and setup mistakes (missing
 * profile, wrong region, a role that cannot be assumed) are config errors.
 */
class AwsFailuresTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING = Principal.administrator("marketing");

  @Test
  void throttlingIsRetriedAndTheCallSucceeds() {
    catalog.publish(CatalogFixtures.publication("run-1", ORDERS, 11, CatalogFixtures.at(1)));
    aws.answerNext(
        "glue",
        "GetTable",
        error("glue", 400, "ThrottlingException", "Rate exceeded"),
        error("glue", 400, "ThrottlingException", "Rate exceeded"));
    recorded.clear();
    aws.clearCalls();

    assertThat(catalog.loadTable(ORDERS).version()).isEqualTo(1);

    assertThat(recorded.of("Glue", "GetTable")).hasSize(1);
    assertThat(aws.calls("glue", "GetTable")).hasSize(3);
  }

  @Test
  void lakeFormationThrottlingIsRetriedToo() {
    aws.answerNext(
        "lakeformation",
        "GrantPermissions",
        error("lakeformation", 400, "ThrottledException", "Rate exceeded"),
        error("lakeformation", 429, "TooManyRequestsException", "Rate exceeded"));

    catalog.addGrant(grant(MARKETING, Set.of(Permission.SELECT)));

    assertThat(aws.calls("lakeformation", "GrantPermissions")).hasSize(3);
    assertThat(catalog.findGrant(MARKETING, Resource.table(ORDERS))).isPresent();
  }

  @Test
  void throttlingOnEveryAttemptFailsNamingTheCallAfterTheConfiguredAttempts() {
    try (GlueGovernanceCatalog three = open(Map.of("retry.max-attempts", "3"))) {
      for (int i = 0; i < 5; i++) {
        aws.answerNext(
            "glue", "GetTable", error("glue", 400, "ThrottlingException", "Rate exceeded"));
      }

      assertThatThrownBy(() -> three.findTable(ORDERS))
          .isInstanceOf(ExternalServiceException.class)
          .hasMessageContaining("glue:GetTable on sales:sales.orders")
          .hasMessageContaining("account governance (111122223333)")
          .hasMessageContaining("throttled by AWS on every attempt");
      assertThat(aws.calls("glue", "GetTable")).hasSize(3);
    }
  }

  @Test
  void theRetryStrategyIsTheConfiguredOne() {
    var strategy =
        AwsClients.retryStrategy(
            AwsCatalogConfig.from(
                    Map.of(
                        "region", "eu-west-1",
                        "records.root", "s3://example-records/",
                        "governance-account", "governance",
                        "accounts.governance.aws-account-id", "111122223333",
                        "retry.max-attempts", "5"))
                .retry());

    assertThat(strategy.maxAttempts()).isEqualTo(5);
    assertThat(AwsCatalogConfig.RETRY_MAX_ATTEMPTS_DEFAULT).isEqualTo(8);
  }

  @Test
  void anAccessDenialFromLakeFormationNamesAccountCallAndResourceAndRecordsNothing() {
    aws.answerNext(
        "lakeformation",
        "GrantPermissions",
        error(
            "lakeformation",
            400,
            "AccessDeniedException",
            "Insufficient Lake Formation permission(s) on orders"));

    assertThatThrownBy(() -> catalog.addGrant(grant(MARKETING, Set.of(Permission.SELECT))))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("AWS denied lakeformation:GrantPermissions")
        .hasMessageContaining("on table sales:sales.orders")
        .hasMessageContaining("account governance (111122223333)")
        .hasMessageContaining("Insufficient Lake Formation permission(s) on orders")
        .satisfies(
            e -> assertThat(((AccessDeniedException) e).kind()).isEqualTo(ErrorKind.ACCESS_DENIED));
    assertThat(catalog.findGrant(MARKETING, Resource.table(ORDERS))).isEmpty();
    assertThat(aws.calls("s3", "PutObject")).isEmpty();
  }

  @Test
  void anAccessDenialFromGlueOrS3NamesTheCallToo() {
    aws.answerNext(
        "glue", "GetTable", error("glue", 400, "AccessDeniedException", "User is not authorized"));
    assertThatThrownBy(() -> catalog.findTable(ORDERS))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("glue:GetTable on sales:sales.orders");

    aws.answerNext("s3", "PutObject", error("s3", 403, "AccessDenied", "Access Denied"));
    assertThatThrownBy(() -> recordRunningJob())
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("s3:PutObject on s3://lakemesh-records/mesh/job_runs/run-1.json");
  }

  @Test
  void aRecordsBucketInAnotherRegionIsAConfigError() {
    aws.answerNext(
        "s3",
        "PutObject",
        new LoopbackAws.Answer(
            301,
            Map.of("Content-Type", "application/xml", "x-amz-bucket-region", "us-east-1"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PermanentRedirect</Code>"
                + "<Message>The bucket you are attempting to access must be addressed using the"
                + " specified endpoint.</Message><RequestId>loopback</RequestId></Error>"));

    assertThatThrownBy(() -> recordRunningJob())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("it is in us-east-1")
        .hasMessageContaining("wrong region")
        .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo("region"));
  }

  @Test
  void credentialsAWSRejectsAreAConfigErrorNamingWhereTheyCameFrom() {
    aws.answerNext(
        "glue",
        "GetTable",
        error(
            "glue",
            400,
            "UnrecognizedClientException",
            "The security token included in the request is invalid."));

    assertThatThrownBy(() -> catalog.findTable(ORDERS))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("rejected the credentials of account governance (111122223333)")
        .hasMessageContaining("profile 'lakemesh-governance'");
  }

  @Test
  void aRoleThatCannotBeAssumedIsAConfigErrorNamingTheRole() {
    aws.answerNext(
        "sts",
        "AssumeRole",
        error("sts", 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole"));

    assertThatThrownBy(() -> catalog.listLinks("marketing"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("account marketing (444455556666)")
        .hasMessageContaining("role arn:aws:iam::444455556666:role/lakemesh-marketing")
        .hasMessageContaining("glue:GetDatabases")
        .satisfies(
            e ->
                assertThat(((InvalidConfigException) e).key())
                    .isEqualTo("accounts.marketing.role-arn"));
  }

  @Test
  void aMissingProfileFailsWhenTheCatalogStarts() {
    assertThatThrownBy(() -> open(Map.of("accounts.sales.profile", "lakemesh-nobody")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(
            "account sales: AWS profile 'lakemesh-nobody' does not exist in " + mesh.profileFile())
        .hasMessageContaining("lakemesh-governance")
        .satisfies(
            e ->
                assertThat(((InvalidConfigException) e).key()).isEqualTo("accounts.sales.profile"));
  }

  @Test
  void aProfileSetToAnotherRegionFailsWhenTheCatalogStarts() throws Exception {
    String config =
        Files.readString(mesh.profileFile())
            .replaceFirst("region = eu-west-1", "region = us-east-2");
    Files.writeString(mesh.profileFile(), config);

    assertThatThrownBy(() -> open(Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(
            "AWS profile 'lakemesh-governance' is set to region us-east-2 but the catalog runs in"
                + " eu-west-1");
  }

  @Test
  void aRoleOfAnotherAccountFailsWhenTheCatalogStarts() {
    assertThatThrownBy(
            () ->
                open(
                    Map.of(
                        "accounts.marketing.role-arn",
                        "arn:aws:iam::999988887777:role/lakemesh-marketing")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(
            "belongs to AWS account 999988887777, but the account is configured as 444455556666");
  }

  @Test
  void anAccountWithoutAwsIdIsAConfigErrorNamingTheKeyToAdd() {
    Grant toStranger =
        Grant.builder(
                Principal.administrator("stranger"),
                Resource.table(ORDERS),
                Set.of(Permission.SELECT))
            .catalog("governance")
            .grantor(Principal.administrator("governance"))
            .grantedAt(CatalogFixtures.T0)
            .build();

    assertThatThrownBy(() -> catalog.addGrant(toStranger))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("mesh account 'stranger' has no AWS account")
        .satisfies(
            e ->
                assertThat(((InvalidConfigException) e).key())
                    .isEqualTo("accounts.stranger.aws-account-id"));
    assertThat(aws.calls("lakeformation", "GrantPermissions")).isEmpty();
  }

  private void recordRunningJob() {
    catalog.recordJobRun(
        CatalogFixtures.jobRun(
            "run-1", "sales.orders", ORDERS, JobRun.Status.RUNNING, CatalogFixtures.T0));
  }

  private static Grant grant(Principal grantee, Set<Permission> permissions) {
    return Grant.builder(grantee, Resource.table(ORDERS), permissions)
        .catalog("governance")
        .grantor(Principal.administrator("governance"))
        .grantedAt(CatalogFixtures.T0)
        .build();
  }
}
