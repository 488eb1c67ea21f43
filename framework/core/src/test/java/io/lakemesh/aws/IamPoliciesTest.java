package io.lakemesh.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each role may do on AWS, checked as data: the boundaries least privilege depends on. */
class IamPoliciesTest {
  private static final IamPolicies.Target SALES = new IamPolicies.Target("eu-west-1", "111122223333", "s3://lake-sales/warehouse");

  private static List<String> actions(JsonNode policy) {
    List<String> out = new ArrayList<>();
    policy.path("Statement").forEach(s -> s.path("Action").forEach(a -> out.add(a.asText())));
    return out;
  }

  @Test
  void producersWriteOnlyTheirOwnPrefix() {
    JsonNode policy = new IamPolicies().policy(IamPolicies.Role.PRODUCER, SALES);
    JsonNode write = policy.path("Statement").get(0);
    assertThat(write.path("Action").toString()).contains("s3:PutObject");
    assertThat(write.path("Resource").get(0).asText()).isEqualTo("arn:aws:s3:::lake-sales/warehouse/*");
    assertThat(policy.toString()).doesNotContain("\"s3:*\"", "\"glue:*\"", "\"lakeformation:*\"", "\"*:*\"");
    assertThat(policy.toString()).contains("arn:aws:glue:eu-west-1:111122223333:table/*/*");
  }

  @Test
  void consumersReadThroughLakeFormationAndTouchNoBucket() {
    List<String> consumer = actions(new IamPolicies().policy(IamPolicies.Role.CONSUMER, SALES));
    assertThat(consumer).contains("lakeformation:GetDataAccess", "glue:CreateTable", "ram:AcceptResourceShareInvitation");
    assertThat(consumer).noneMatch(a -> a.startsWith("s3:"));
    assertThat(consumer).doesNotContain("glue:UpdateTable");
  }

  @Test
  void governanceManagesPermissionsButReadsNoData() {
    List<String> governance = actions(new IamPolicies().policy(IamPolicies.Role.GOVERNANCE, SALES));
    assertThat(governance).contains("lakeformation:GrantPermissions", "lakeformation:CreateLFTag", "glue:SearchTables");
    assertThat(governance).doesNotContain("lakeformation:GetDataAccess");
  }

  @Test
  void badTargetsAreRefused() {
    assertThatThrownBy(() -> new IamPolicies.Target("eu-west-1", "1234", "s3://b")).hasMessageContaining("12 digits");
    assertThatThrownBy(() -> new IamPolicies.Target("mars", "111122223333", "s3://b")).hasMessageContaining("region");
    assertThatThrownBy(() -> new IamPolicies.Target("eu-west-1", "111122223333", "/tmp")).hasMessageContaining("s3://");
    assertThatThrownBy(() -> IamPolicies.role("admin")).hasMessageContaining("producer, consumer or governance");
  }
}
