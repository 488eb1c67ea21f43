package io.lakemesh.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.governance.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each role may do on AWS, checked as data: the boundaries least privilege depends on. */
class IamPoliciesTest {
  private static final IamPolicies.Target SALES =
      new IamPolicies.Target("eu-west-1", "111122223333", "s3://lake-sales/warehouse");

  private static List<String> actions(JsonNode policy) {
    List<String> out = new ArrayList<>();
    policy.path("Statement").forEach(s -> s.path("Action").forEach(a -> out.add(a.asText())));
    return out;
  }

  private static final String HOLDER = "444455556666";

  @Test
  void producersWriteOnlyTheirOwnPrefixAndPublishIntoTheHoldersCatalog() {
    JsonNode policy =
        new IamPolicies()
            .policy(IamPolicies.Role.PRODUCER, target(Topology.CENTRAL, null, null, HOLDER));
    JsonNode write = statement(policy, "WriteOwnWarehouse");
    assertThat(write.path("Action").toString()).contains("s3:PutObject");
    assertThat(write.path("Resource").get(0).asText())
        .isEqualTo("arn:aws:s3:::lake-sales/warehouse/*");
    assertThat(policy.toString())
        .doesNotContain("\"s3:*\"", "\"glue:*\"", "\"lakeformation:*\"", "\"*:*\"");
    assertThat(statement(policy, "PublishIntoHolderCatalog").path("Resource").toString())
        .contains("arn:aws:glue:eu-west-1:444455556666:table/*/*")
        .doesNotContain("111122223333");
  }

  @Test
  void consumersReadThroughLakeFormationReGrantInBatchesAndTouchNoBucket() {
    JsonNode policy =
        new IamPolicies()
            .policy(IamPolicies.Role.CONSUMER, target(Topology.CENTRAL, null, null, HOLDER));
    List<String> consumer = actions(policy);
    assertThat(consumer)
        .contains(
            "lakeformation:GetDataAccess",
            "glue:CreateTable",
            "ram:AcceptResourceShareInvitation",
            "lakeformation:BatchGrantPermissions",
            "lakeformation:BatchRevokePermissions");
    assertThat(consumer).noneMatch(a -> a.startsWith("s3:"));
    assertThat(consumer).doesNotContain("glue:UpdateTable", "ram:CreateResourceShare");
    JsonNode targets = statement(policy, "ReadLinkTargets");
    assertThat(targets.path("Action").toString())
        .isEqualTo("[\"glue:GetDatabase\",\"glue:GetTable\"]");
    assertThat(targets.path("Resource").toString())
        .contains("arn:aws:glue:eu-west-1:444455556666:table/*/*");
  }

  @Test
  void governanceManagesPermissionsAndTheirSharesButReadsNoDataAndPublishesNothing() {
    JsonNode policy = new IamPolicies().policy(IamPolicies.Role.GOVERNANCE, SALES);
    List<String> governance = actions(policy);
    assertThat(governance)
        .contains(
            "lakeformation:GrantPermissions",
            "lakeformation:CreateLFTag",
            "ram:DisassociateResourceShare",
            "ram:UpdateResourceShare",
            "ram:DeleteResourceShare",
            "ram:AssociateResourceSharePermission");
    assertThat(governance)
        .contains(
            "lakeformation:CreateDataCellsFilter",
            "lakeformation:GetDataCellsFilter",
            "lakeformation:ListDataCellsFilter",
            "lakeformation:DeleteDataCellsFilter");
    assertThat(governance)
        .doesNotContain("lakeformation:GetDataAccess", "glue:CreateTable", "glue:UpdateTable");
    // As AWSLakeFormationCrossAccountManager scopes them: Lake Formation's shares and permissions
    // only.
    assertThat(
            statement(policy, "ManageLakeFormationShares")
                .at("/Condition/StringLike/ram:ResourceShareName/0")
                .asText())
        .isEqualTo("LakeFormation*");
    assertThat(
            statement(policy, "AssociateLakeFormationSharePermissions")
                .at("/Condition/ArnLike/ram:PermissionArn/0")
                .asText())
        .isEqualTo("arn:aws:ram::aws:permission/AWSRAMLFEnabled*");
  }

  @Test
  void producersAndConsumersOutsideFederatedNameTheHolder() {
    assertThatThrownBy(() -> new IamPolicies().policy(IamPolicies.Role.PRODUCER, SALES))
        .hasMessageContaining("holder's AWS account id");
    assertThatThrownBy(() -> new IamPolicies().policy(IamPolicies.Role.CONSUMER, SALES))
        .hasMessageContaining("each holder's AWS account id");
  }

  private static JsonNode statement(JsonNode policy, String sid) {
    for (JsonNode s : policy.path("Statement")) {
      if (s.path("Sid").asText().equals(sid)) {
        return s;
      }
    }
    throw new AssertionError("no statement " + sid + " in " + policy);
  }

  private static IamPolicies.Target target(
      Topology topology, String records, String role, String holder) {
    return new IamPolicies.Target(
        "eu-west-1",
        "111122223333",
        "s3://lake-sales/warehouse",
        topology,
        Optional.ofNullable(records),
        Optional.ofNullable(role),
        holder == null ? List.of() : List.of(holder));
  }

  @Test
  void governanceRegistersLocationsRemovesTagsAndListsOnlyItsRecords() {
    JsonNode policy = new IamPolicies().policy(IamPolicies.Role.GOVERNANCE, SALES);
    assertThat(actions(policy))
        .contains(
            "lakeformation:RegisterResource",
            "lakeformation:RemoveLFTagsFromResource",
            "glue:UpdateDatabase",
            "s3:ListBucket");
    JsonNode list = statement(policy, "ListGovernanceRecords");
    assertThat(list.path("Resource").get(0).asText()).isEqualTo("arn:aws:s3:::lake-sales");
    assertThat(list.at("/Condition/StringLike/s3:prefix/0").asText())
        .isEqualTo("warehouse/lakemesh/*");
    // No registration role configured: Lake Formation's service-linked role, and nothing else of
    // IAM.
    JsonNode linked = statement(policy, "UseLakeFormationServiceLinkedRole");
    assertThat(linked.path("Resource").get(0).asText())
        .isEqualTo(
            "arn:aws:iam::111122223333:role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess");
    assertThat(actions(policy)).doesNotContain("iam:PassRole");

    JsonNode withRole =
        new IamPolicies()
            .policy(
                IamPolicies.Role.GOVERNANCE,
                target(
                    Topology.CENTRAL,
                    "s3://records-bucket/mesh/",
                    "arn:aws:iam::111122223333:role/lakemesh-lf-locations",
                    null));
    JsonNode pass = statement(withRole, "PassLocationRoleToLakeFormation");
    assertThat(pass.path("Action").get(0).asText()).isEqualTo("iam:PassRole");
    assertThat(pass.path("Resource").toString())
        .isEqualTo("[\"arn:aws:iam::111122223333:role/lakemesh-lf-locations\"]");
    assertThat(pass.at("/Condition/StringEquals/iam:PassedToService").asText())
        .isEqualTo("lakeformation.amazonaws.com");
    assertThat(statement(withRole, "KeepGovernanceRecords").path("Resource").get(0).asText())
        .isEqualTo("arn:aws:s3:::records-bucket/mesh/*");
    assertThat(
            statement(withRole, "ListGovernanceRecords")
                .at("/Condition/StringLike/s3:prefix/0")
                .asText())
        .isEqualTo("mesh/*");
    assertThat(actions(withRole)).doesNotContain("iam:CreateServiceLinkedRole");
  }

  @Test
  void centralProducersGrantNothingShareNothingAndKeepNoTagsOrLocations() {
    JsonNode policy =
        new IamPolicies()
            .policy(IamPolicies.Role.PRODUCER, target(Topology.CENTRAL, null, null, HOLDER));
    assertThat(actions(policy))
        .noneMatch(a -> a.startsWith("lakeformation:"))
        .doesNotContain(
            "ram:CreateResourceShare",
            "ram:AssociateResourceShare",
            "iam:PassRole",
            "iam:CreateServiceLinkedRole",
            "glue:CreateDatabase");
    assertThat(policy.toString()).doesNotContain("GovernanceRecords");
  }

  @Test
  void federatedProducersKeepTheirOwnTagsLocationsAndRecords() {
    JsonNode policy =
        new IamPolicies()
            .policy(
                IamPolicies.Role.PRODUCER,
                target(
                    Topology.FEDERATED,
                    "s3://lake-sales/records/",
                    "arn:aws:iam::111122223333:role/lf-locations",
                    null));
    assertThat(actions(policy))
        .contains(
            "lakeformation:CreateLFTag",
            "lakeformation:GetLFTag",
            "lakeformation:ListLFTags",
            "lakeformation:SearchTablesByLFTags",
            "lakeformation:RegisterResource",
            "lakeformation:RemoveLFTagsFromResource",
            "iam:PassRole");
    assertThat(
            statement(policy, "ListGovernanceRecords")
                .at("/Condition/StringLike/s3:prefix/0")
                .asText())
        .isEqualTo("records/*");
    assertThat(policy.toString()).doesNotContain("PublishIntoHolderCatalog");
    assertThat(actions(policy)).contains("glue:CreateTable", "ram:DisassociateResourceShare");
  }

  @Test
  void badTargetsAreRefused() {
    assertThatThrownBy(
            () -> target(Topology.CENTRAL, null, "arn:aws:iam::999999999999:role/x", null))
        .hasMessageContaining("role of account 111122223333");
    assertThatThrownBy(() -> target(Topology.CENTRAL, "/tmp/records", null, null))
        .hasMessageContaining("records root");
    assertThatThrownBy(() -> target(Topology.CENTRAL, null, null, "12"))
        .hasMessageContaining("holder");
    assertThatThrownBy(() -> new IamPolicies.Target("eu-west-1", "1234", "s3://b"))
        .hasMessageContaining("12 digits");
    assertThatThrownBy(() -> new IamPolicies.Target("mars", "111122223333", "s3://b"))
        .hasMessageContaining("region");
    assertThatThrownBy(() -> new IamPolicies.Target("eu-west-1", "111122223333", "/tmp"))
        .hasMessageContaining("s3://");
    assertThatThrownBy(() -> IamPolicies.role("admin"))
        .hasMessageContaining("producer, consumer or governance");
  }
}
