package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a real account does before lakemesh's grants mean anything there, on the loopback AWS whose
 * Lake Formation and Glue start as a new account's do: the registration role a producer's bucket in
 * another account needs, Lake Formation's backward-compatible defaults, and the Data Catalog
 * resource policy; and {@code aws setup}, which reports and applies them.
 */
class LakeFormationSetupTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final String ROLE = "arn:aws:iam::" + GOVERNANCE + ":role/lakemesh-lf-locations";

  @Test
  void aHolderOfAnotherAccountsBucketMustNameARegistrationRole() {
    Map<String, String> noRole = new LinkedHashMap<>(mesh.properties());
    noRole.remove("accounts.governance.registration-role-arn");

    assertThatThrownBy(() -> mesh.catalog(noRole, List.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("accounts.governance.registration-role-arn")
        .hasMessageContaining("s3://sales-warehouse/lake/")
        .hasMessageContaining("user-defined role")
        .hasMessageContaining("bin/lakemesh aws setup");
    assertThat(aws.calls("lakeformation", "RegisterResource")).isEmpty();

    catalog.publish(publication());
    assertThat(aws.lakeFormation().registered())
        .containsExactly("arn:aws:s3:::sales-warehouse/lake");
  }

  @Test
  void setupPrintsTheBucketPolicyThatLetsTheRegistrationRoleIn() {
    Map<String, Object> registration = step("sales", "location registration");

    assertThat(registration.get("state")).isEqualTo("manual");
    assertThat((String) registration.get("detail"))
        .isEqualTo(
            "s3://sales-warehouse/lake/ is registered by governance with "
                + ROLE
                + "; the bucket is in sales's AWS account ("
                + SALES
                + ")");
    @SuppressWarnings("unchecked")
    List<String> items = (List<String>) registration.get("items");
    assertThat(items.get(0))
        .isEqualTo(
            "bucket policy: {\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"LakeFormationRegistrationRoleObjects\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\""
                + ROLE
                + "\"},\"Action\":[\"s3:GetObject\",\"s3:PutObject\",\"s3:DeleteObject\"],"
                + "\"Resource\":\"arn:aws:s3:::sales-warehouse/lake/*\"},"
                + "{\"Sid\":\"LakeFormationRegistrationRoleList\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\""
                + ROLE
                + "\"},\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::sales-warehouse\","
                + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"lake/*\"]}}}]}");
    assertThat(items.get(1)).contains("\"Service\":\"lakeformation.amazonaws.com\"");
  }

  @Test
  void aNewAccountsDefaultsAreReportedThenAppliedAndARerunChangesNothing() {
    catalog.publish(publication());
    // Iceberg's GlueCatalog creates its own tables in the mesh database, without any override.
    aws.glue().putResourcePolicyOutOfBand(GOVERNANCE, "{}");

    Map<String, String> before = states(catalog.lakeFormationSetup(), "governance");
    assertThat(before)
        .containsEntry("data-lake admins", "change")
        .containsEntry("default permissions", "change")
        .containsEntry("cross-account version", "change")
        .containsEntry("catalog resource policy", "change")
        // The mesh database was created with no table defaults, so its table is clean...
        .containsEntry("database defaults sales", "ok");
    // ...but the account's database default still gave IAM_ALLOWED_PRINCIPALS the database.
    assertThat(before).containsEntry("IAM_ALLOWED_PRINCIPALS sales", "change");
    assertThat(iamAllowedEntries()).containsExactly("database " + GOVERNANCE + ":sales");

    List<Map<String, Object>> after = catalog.applyLakeFormationSetup();

    assertThat(applied(after).values()).containsOnly("ok");
    JsonNode settings = aws.lakeFormation().dataLakeSettings(GOVERNANCE);
    assertThat(settings.get("DataLakeAdmins").get(0).get("DataLakePrincipalIdentifier").asText())
        .isEqualTo("arn:aws:iam::" + GOVERNANCE + ":role/loopback");
    assertThat(settings.get("CreateDatabaseDefaultPermissions")).isEmpty();
    assertThat(settings.get("CreateTableDefaultPermissions")).isEmpty();
    assertThat(settings.get("Parameters").get("CROSS_ACCOUNT_VERSION").asText()).isEqualTo("4");
    assertThat(iamAllowedEntries()).isEmpty();
    assertThat(aws.glue().resourcePolicy(GOVERNANCE).orElseThrow())
        .contains("\"glue:ShareResource\"")
        .contains("\"ram.amazonaws.com\"");

    aws.clearCalls();
    assertThat(applied(catalog.applyLakeFormationSetup()).values()).containsOnly("ok");
    assertThat(aws.calls("lakeformation", "PutDataLakeSettings")).isEmpty();
    assertThat(aws.calls("lakeformation", "RevokePermissions")).isEmpty();
    assertThat(aws.calls("glue", "PutResourcePolicy")).isEmpty();
  }

  @Test
  void meshDatabasesOverrideTheAccountsTableDefaults() {
    catalog.publish(publication());

    assertThat(
            aws.glue()
                .database(GOVERNANCE, "sales")
                .orElseThrow()
                .get("CreateTableDefaultPermissions"))
        .isEmpty();
    assertThat(iamAllowedEntries()).doesNotContain("table " + GOVERNANCE + ":sales.orders");
  }

  @Test
  void aCatalogPolicyWithoutRamSharingFailsCrossAccountGrantsUntilSetupAddsIt() {
    catalog.publish(publication());
    // A policy that lets the producer commit its Iceberg tables into the holder's catalog.
    aws.glue()
        .putResourcePolicyOutOfBand(
            GOVERNANCE,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::"
                + SALES
                + ":root\"},\"Action\":\"glue:*\",\"Resource\":\"arn:aws:glue:eu-west-1:"
                + GOVERNANCE
                + ":*\"}]}");
    Resource orders = new Resource.Table(ORDERS);
    Principal marketing = Principal.administrator("marketing");

    assertThatThrownBy(
            () ->
                catalog.addGrant(
                    byGovernance(marketing, orders, Set.of(Permission.SELECT), Set.of())))
        .isInstanceOf(LakemeshException.class)
        .hasMessageContaining("glue:ShareResource");
    assertThat(step("governance", "catalog resource policy").get("fix"))
        .isEqualTo(
            "add that statement and save the policy with EnableHybrid TRUE"
                + " (glue:PutResourcePolicy)");

    catalog.applyLakeFormationSetup();
    catalog.addGrant(byGovernance(marketing, orders, Set.of(Permission.SELECT), Set.of()));

    assertThat(catalog.permissionsInLakeFormation(marketing, orders).permissions())
        .containsExactly(Permission.SELECT);
    assertThat(aws.glue().resourcePolicy(GOVERNANCE).orElseThrow()).contains(":root\"");
    assertThat(aws.calls("glue", "PutResourcePolicy").get(0).json().get("EnableHybrid").asText())
        .isEqualTo("TRUE");
    assertThat(MARKETING).isNotEqualTo(GOVERNANCE);
  }

  @Test
  void theSessionTagIsRefusedUntilTheRolesTrustPolicyAllowsTagSession() {
    String role = "arn:aws:iam::" + MARKETING + ":role/lakemesh-marketing";
    aws.sts()
        .trustPolicy(
            role,
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}");

    assertThatThrownBy(
            () ->
                catalog.assumeRoleWithSessionTag(
                    "marketing", "LakeFormationAuthorizedCaller", "lakemesh"))
        // A role that cannot be assumed is a setup problem: a config error naming the role.
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("not authorized to perform: sts:TagSession")
        .hasMessageContaining("account marketing")
        .satisfies(
            e ->
                assertThat(((InvalidConfigException) e).key())
                    .isEqualTo("accounts.marketing.role-arn"));

    aws.sts()
        .trustPolicy(
            role,
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}");
    String session =
        catalog.assumeRoleWithSessionTag("marketing", "LakeFormationAuthorizedCaller", "lakemesh");

    assertThat(session)
        .startsWith("arn:aws:sts::" + MARKETING + ":assumed-role/lakemesh-marketing/");
    assertThat(aws.sts().sessionTags("LOOPBACK-SESSION-" + MARKETING + "-TAGGED"))
        .containsExactly(Map.entry("LakeFormationAuthorizedCaller", "lakemesh"));
    assertThatThrownBy(
            () -> catalog.assumeRoleWithSessionTag("sales", "LakeFormationAuthorizedCaller", "x"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("accounts.sales.role-arn");
  }

  @Test
  void lakeFormationReadersNeedTheHolderToAuthoriseTheirSessionTag() {
    GlueGovernanceCatalog reading =
        open(Map.of("accounts.marketing.lakeformation-enabled", "true"));
    try {
      assertThat(states(catalog.lakeFormationSetup(), "governance"))
          .doesNotContainKey("application integration");
      assertThat(states(reading.lakeFormationSetup(), "governance"))
          .containsEntry("application integration", "change");

      reading.applyLakeFormationSetup();

      assertThat(states(reading.lakeFormationSetup(), "governance"))
          .containsEntry("application integration", "ok");
      JsonNode settings = aws.lakeFormation().dataLakeSettings(GOVERNANCE);
      assertThat(settings.get("AllowExternalDataFiltering").asBoolean()).isTrue();
      assertThat(settings.get("AuthorizedSessionTagValueList").toString())
          .isEqualTo("[\"lakemesh\"]");
      assertThat(
              settings
                  .get("ExternalDataFilteringAllowList")
                  .get(0)
                  .get("DataLakePrincipalIdentifier")
                  .asText())
          .isEqualTo(MARKETING);
    } finally {
      reading.close();
    }
  }

  private Map<String, Object> step(String account, String check) {
    return catalog.lakeFormationSetup().stream()
        .filter(s -> s.get("account").equals(account) && s.get("check").equals(check))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + check + " for " + account));
  }

  /**
   * The governance account's steps after {@code --apply}, but the records bucket's policy (for the
   * producers' records), which is printed for a person to apply and stays manual.
   */
  private static Map<String, String> applied(List<Map<String, Object>> steps) {
    Map<String, String> states = states(steps, "governance");
    assertThat(states.remove("records bucket policy")).isEqualTo("manual");
    return states;
  }

  private static Map<String, String> states(List<Map<String, Object>> steps, String account) {
    Map<String, String> states = new LinkedHashMap<>();
    steps.stream()
        .filter(s -> s.get("account").equals(account))
        .forEach(s -> states.put((String) s.get("check"), (String) s.get("state")));
    return states;
  }

  private List<String> iamAllowedEntries() {
    return aws.lakeFormation().entries().stream()
        .filter(e -> e.principal().equals("IAM_ALLOWED_PRINCIPALS"))
        .map(e -> e.key())
        .toList();
  }

  private static Publication publication() {
    return LoopbackMesh.salesPublication("run-1", ORDERS, 11);
  }
}
