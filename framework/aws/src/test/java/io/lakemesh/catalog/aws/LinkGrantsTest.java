package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lakeformation.model.GrantPermissionsRequest;

/**
 * A grant on a resource link's own name: Lake Formation holds a link in the catalog of the account
 * that created it, so the grant is made there, by that account, even when another account holds the
 * account's products (the governance account, in the central topology these properties describe).
 * Drift and revoke look for it in the same place.
 */
class LinkGrantsTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final ResourceLink.TableLink LINK =
      ResourceLink.defaultTableLink("marketing", ORDERS);
  private static final Principal ANALYST = Principal.of("marketing", "analyst");

  @BeforeEach
  void linkAndBeStrict() {
    catalog.createLink(LINK);
    aws.lakeFormation().requireExistingResources();
    aws.clearCalls();
    recorded.clear();
  }

  @Test
  void aGrantOnALinkIsMadeByTheLinksAccountInItsOwnCatalog() {
    catalog.addGrant(onLink(Set.of(Permission.DESCRIBE)));

    GrantPermissionsRequest request =
        recorded.of("LakeFormation", "GrantPermissions").get(0).as(GrantPermissionsRequest.class);
    assertThat(request.resource().table().catalogId()).isEqualTo(MARKETING);
    assertThat(request.resource().table().databaseName()).isEqualTo("sales_link");
    assertThat(request.resource().table().name()).isEqualTo("orders");
    assertThat(aws.calls("lakeformation", "GrantPermissions"))
        .singleElement()
        .satisfies(c -> assertThat(c.account()).isEqualTo(MARKETING));
    assertThat(
            catalog.permissionsInLakeFormation(ANALYST, Resource.table(LINK.link())).permissions())
        .containsExactly(Permission.DESCRIBE);
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void aRevokeOnALinkEndsItWhereItWasGrantedAndLeavesNoDrift() {
    catalog.addGrant(onLink(Set.of(Permission.DESCRIBE, Permission.DROP)));

    catalog.removeGrant(ANALYST, Resource.table(LINK.link()), Set.of(Permission.DROP));

    assertThat(
            catalog.permissionsInLakeFormation(ANALYST, Resource.table(LINK.link())).permissions())
        .containsExactly(Permission.DESCRIBE);
    assertThat(catalog.grantDrift()).isEmpty();

    catalog.removeGrant(ANALYST, Resource.table(LINK.link()), Set.of(Permission.DESCRIBE));

    assertThat(aws.calls("lakeformation", "RevokePermissions"))
        .hasSize(2)
        .allSatisfy(c -> assertThat(c.account()).isEqualTo(MARKETING));
    assertThat(
            catalog.permissionsInLakeFormation(ANALYST, Resource.table(LINK.link())).permissions())
        .isEmpty();
    assertThat(catalog.grantDrift()).isEmpty();
  }

  private static Grant onLink(Set<Permission> permissions) {
    return Grant.builder(ANALYST, Resource.table(LINK.link()), permissions)
        .catalog("marketing")
        .grantor(Principal.administrator("marketing"))
        .grantedAt(CatalogFixtures.T0)
        .build();
  }
}
