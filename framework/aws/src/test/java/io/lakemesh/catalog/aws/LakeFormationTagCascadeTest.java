package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.aws.loopback.FakeLakeFormation;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tag policy granted to another account, or to one of its principals, comes with DESCRIBE on its
 * LF-tag values for that account, with grant option, which Lake Formation asks of an account that
 * grants on LF-tags it was not shared in exactly that form; the DESCRIBE ends with the last policy
 * held in or by the account that names the value.
 */
class LakeFormationTagCascadeTest extends LoopbackTestBase {
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");
  private static final Principal ANALYST = Principal.of("marketing", "analyst");
  private static final Resource PUBLIC_SALES =
      Resource.tagPolicy(
          "sales", TagExpression.parse("domain=sales AND classification IN (public,internal)"));
  private static final Resource SALES =
      Resource.tagPolicy("sales", TagExpression.parse("domain=sales"));

  @BeforeEach
  void defineTags() {
    catalog.createTag("governance", LfTag.of("domain", "sales", "product"));
    catalog.createTag("governance", LfTag.of("classification", "public", "internal", "secret"));
  }

  @Test
  void aTagPolicySharedWithAnotherAccountGivesItDescribeOnTheValuesWithGrantOption() {
    catalog.addGrant(
        byGovernance(MARKETING_ADMIN, PUBLIC_SALES, Set.of(Permission.SELECT), Set.of()));

    assertThat(tagPermissions())
        .containsExactlyInAnyOrder(
            "classification=internal [DESCRIBE] [DESCRIBE]",
            "classification=public [DESCRIBE] [DESCRIBE]",
            "domain=sales [DESCRIBE] [DESCRIBE]");
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void aGrantInsideTheHoldersOwnAccountGivesNoTagPermission() {
    catalog.addGrant(
        byGovernance(
            Principal.of("governance", "steward"), SALES, Set.of(Permission.SELECT), Set.of()));

    assertThat(aws.lakeFormation().entries()).noneMatch(e -> e.resource().has("LFTag"));
  }

  @Test
  void theConsumerAdministratorCascadesTheSharedPolicyToItsOwnPrincipals() {
    Grant option =
        catalog.addGrant(
            byGovernance(
                MARKETING_ADMIN,
                PUBLIC_SALES,
                Set.of(Permission.SELECT),
                Set.of(Permission.SELECT)));

    catalog.addGrant(reGrantByMarketing(ANALYST, PUBLIC_SALES, option.id()));

    assertThat(aws.lakeFormation().entries())
        .anySatisfy(
            e -> {
              assertThat(e.caller()).isEqualTo(MARKETING);
              assertThat(e.principal()).isEqualTo("arn:aws:iam::" + MARKETING + ":role/analyst");
              assertThat(e.resource().has("LFTagPolicy")).isTrue();
              assertThat(e.permissions()).containsExactly("SELECT");
            });
  }

  @Test
  void anotherPolicyOnTheSharedValuesCanBeCascadedThroughTheirDescribe() {
    Grant option =
        catalog.addGrant(
            byGovernance(MARKETING_ADMIN, PUBLIC_SALES, Set.of(Permission.SELECT), Set.of()));

    catalog.addGrant(reGrantByMarketing(ANALYST, SALES, option.id()));

    assertThat(aws.lakeFormation().entries())
        .anySatisfy(
            e -> {
              assertThat(e.caller()).isEqualTo(MARKETING);
              assertThat(e.key()).isEqualTo("tag policy " + GOVERNANCE + ":TABLE domain=sales");
            });
  }

  @Test
  void theSharedPolicyItselfCannotBeCascadedWithoutItsGrantOption() {
    Grant option =
        catalog.addGrant(
            byGovernance(MARKETING_ADMIN, PUBLIC_SALES, Set.of(Permission.SELECT), Set.of()));

    assertThatThrownBy(
            () -> catalog.addGrant(reGrantByMarketing(ANALYST, PUBLIC_SALES, option.id())))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("lakeformation:GrantPermissions");
  }

  @Test
  void revokingTheLastPolicyThatNamesAValueEndsItsDescribe() {
    catalog.addGrant(
        byGovernance(MARKETING_ADMIN, PUBLIC_SALES, Set.of(Permission.SELECT), Set.of()));
    catalog.addGrant(byGovernance(MARKETING_ADMIN, SALES, Set.of(Permission.SELECT), Set.of()));

    catalog.removeGrant(MARKETING_ADMIN, PUBLIC_SALES, Set.of(Permission.SELECT));

    assertThat(tagPermissions()).containsExactly("domain=sales [DESCRIBE] [DESCRIBE]");

    catalog.removeGrant(MARKETING_ADMIN, SALES, Set.of(Permission.SELECT));

    assertThat(aws.lakeFormation().entries()).noneMatch(e -> e.principal().equals(MARKETING));
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void revokingPartOfASharedPolicyKeepsItsDescribe() {
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN, SALES, Set.of(Permission.SELECT, Permission.DESCRIBE), Set.of()));

    catalog.removeGrant(MARKETING_ADMIN, SALES, Set.of(Permission.SELECT));

    assertThat(tagPermissions()).containsExactly("domain=sales [DESCRIBE] [DESCRIBE]");
  }

  /**
   * The owner's grant to an IAM principal of another account is made by the holder, as Lake
   * Formation's cross-account version 3 allows ("Updating cross-account data sharing version
   * settings"); the account still gets DESCRIBE on the values, for its administrator to see them.
   */
  @Test
  void aTagPolicyGrantedStraightToAnotherAccountsPrincipalComesFromTheHolder() {
    catalog.addGrant(byGovernance(ANALYST, SALES, Set.of(Permission.SELECT), Set.of()));

    assertThat(tagPermissions()).containsExactly("domain=sales [DESCRIBE] [DESCRIBE]");
    assertThat(aws.lakeFormation().entries())
        .anySatisfy(
            e -> {
              assertThat(e.caller()).isEqualTo(GOVERNANCE);
              assertThat(e.principal()).isEqualTo("arn:aws:iam::" + MARKETING + ":role/analyst");
              assertThat(e.key()).isEqualTo("tag policy " + GOVERNANCE + ":TABLE domain=sales");
            });

    catalog.removeGrant(ANALYST, SALES, Set.of(Permission.SELECT));

    assertThat(aws.lakeFormation().entries())
        .noneMatch(e -> e.caller().equals(MARKETING) || e.principal().contains(MARKETING));
  }

  @Test
  void endingAReGrantKeepsTheDescribeThatThePolicySharedWithTheAccountNeeds() {
    Grant option =
        catalog.addGrant(
            byGovernance(
                MARKETING_ADMIN,
                PUBLIC_SALES,
                Set.of(Permission.SELECT),
                Set.of(Permission.SELECT)));
    catalog.addGrant(reGrantByMarketing(ANALYST, PUBLIC_SALES, option.id()));

    catalog.removeGrant(ANALYST, PUBLIC_SALES, Set.of(Permission.SELECT));

    assertThat(tagPermissions()).hasSize(3);
    assertThat(catalog.grantDrift()).isEmpty();
  }

  /** Marketing's permissions on LF-tag values in the holder's Lake Formation. */
  private List<String> tagPermissions() {
    return aws.lakeFormation().entries().stream()
        .filter(e -> e.caller().equals(GOVERNANCE) && e.principal().equals(MARKETING))
        .filter(e -> e.resource().has("LFTag"))
        .map(LakeFormationTagCascadeTest::describe)
        .toList();
  }

  private static String describe(FakeLakeFormation.Entry e) {
    var tag = e.resource().get("LFTag");
    return tag.get("TagKey").asText()
        + "="
        + tag.get("TagValues").get(0).asText()
        + " "
        + e.permissions()
        + " "
        + e.grantable();
  }
}
