package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;

/**
 * What Lake Formation itself does with the shapes and limits lakemesh relies on, in one run against
 * real accounts (see {@link LiveAws} for when it runs): a table's SELECT listed apart from its
 * other permissions and revoked whole, LF-tags of more than 50 values, and a tag policy shared with
 * a consumer account that its administrator cascades.
 */
class LiveLakeFormationShapesTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");

  private final LiveAws live = new LiveAws();

  @AfterEach
  void deleteWhatTheTestCreated() {
    live.cleanUp();
  }

  @Test
  void aTableSelectIsReadBackWhicheverShapeLakeFormationListsItInAndRevokedWhole() {
    selectShapes(live.newStorageCatalog());
  }

  @Test
  void anLfTagOfMoreThanFiftyValuesIsDefinedWholeAndMoreThanAThousandIsRefused() {
    tagValueLimits(live.newCatalog());
  }

  @Test
  void aSharedTagPolicyIsCascadedByTheConsumerAndItsTagDescribeEndsWithIt() {
    tagPolicyCascade(live.newStorageCatalog());
  }

  /** On a catalog holding the storage suite's tables and LF-tags ({@link LiveAws}). */
  static void selectShapes(GlueGovernanceCatalog catalog) {
    catalog.addGrant(
        LoopbackTestBase.byGovernance(
            MARKETING_ADMIN,
            Resource.table(ORDERS),
            Set.of(Permission.SELECT, Permission.DESCRIBE),
            Set.of(Permission.SELECT)));

    assertThat(catalog.permissionsInLakeFormation(MARKETING_ADMIN, Resource.table(ORDERS)))
        .isEqualTo(
            new HeldPermissions(
                Set.of(Permission.SELECT, Permission.DESCRIBE), Set.of(Permission.SELECT)));
    assertThat(catalog.grantDrift()).isEmpty();

    catalog.removeGrant(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT));
    assertThat(catalog.permissionsInLakeFormation(MARKETING_ADMIN, Resource.table(ORDERS)))
        .isEqualTo(new HeldPermissions(Set.of(Permission.DESCRIBE), Set.of()));
    catalog.removeGrant(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.DESCRIBE));
    assertThat(catalog.permissionsInLakeFormation(MARKETING_ADMIN, Resource.table(ORDERS)))
        .isEqualTo(new HeldPermissions(Set.of(), Set.of()));
    assertThat(catalog.grantDrift()).isEmpty();
  }

  static void tagValueLimits(GlueGovernanceCatalog catalog) {
    String keeper = catalog.config().account("sales").holder();

    catalog.createTag(keeper, LfTag.of("region", values(120)));

    assertThat(catalog.findTag(keeper, "region").orElseThrow().allowedValues()).hasSize(120);
    assertThatThrownBy(() -> catalog.createTag(keeper, LfTag.of("zone", values(1001))))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(catalog.findTag(keeper, "zone")).isEmpty();
  }

  /** On a catalog holding the storage suite's tables and LF-tags ({@link LiveAws}). */
  static void tagPolicyCascade(GlueGovernanceCatalog catalog) {
    Resource policy = Resource.tagPolicy("sales", TagExpression.parse("domain=sales"));
    catalog.addGrant(
        LoopbackTestBase.byGovernance(
            MARKETING_ADMIN, policy, Set.of(Permission.SELECT), Set.of(Permission.SELECT)));
    AwsAccount holder = catalog.config().account(catalog.config().account("sales").holder());
    String marketing = catalog.config().account("marketing").awsAccountId();

    assertThat(tagDescribe(catalog, holder, marketing)).contains("domain=sales");
    catalog.addGrant(
        Grant.builder(Principal.of("marketing", "analyst"), policy, Set.of(Permission.SELECT))
            .catalog("governance")
            .grantor(MARKETING_ADMIN)
            .grantedAt(CatalogFixtures.T0)
            .build());

    catalog.removeGrant(Principal.of("marketing", "analyst"), policy, Set.of(Permission.SELECT));
    catalog.removeGrant(MARKETING_ADMIN, policy, Set.of(Permission.SELECT));
    assertThat(tagDescribe(catalog, holder, marketing)).isEmpty();
    assertThat(catalog.grantDrift()).isEmpty();
  }

  /** The {@code key=value} pairs the account holds DESCRIBE on in the holder's Lake Formation. */
  private static List<String> tagDescribe(
      GlueGovernanceCatalog catalog, AwsAccount holder, String account) {
    String prefix = catalog.config().namePrefix();
    List<String> pairs = new ArrayList<>();
    try (AwsClients clients = new AwsClients("lakemesh-it", catalog.config(), List.of())) {
      List<PrincipalResourcePermissions> listed =
          clients.lakeFormation(holder).listPermissionsPaginator(r -> {}).stream()
              .flatMap(page -> page.principalResourcePermissions().stream())
              .toList();
      for (PrincipalResourcePermissions p : listed) {
        var tag = p.resource().lfTag();
        if (tag != null
            && account.equals(p.principal().dataLakePrincipalIdentifier())
            && tag.tagKey().startsWith(prefix)
            && p.permissionsAsStrings().contains("DESCRIBE")) {
          tag.tagValues()
              .forEach(v -> pairs.add(tag.tagKey().substring(prefix.length()) + "=" + v));
        }
      }
    }
    return pairs;
  }

  private static List<String> values(int count) {
    List<String> values = new ArrayList<>();
    IntStream.rangeClosed(1, count).forEach(i -> values.add(String.format("v%04d", i)));
    return values;
  }
}
