package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resource links on real AWS (see {@link LiveAws} for when it runs): Glue follows a link to a
 * granted target, lakemesh still recognises, drops and re-creates it, and a principal re-granted on
 * the target gets DESCRIBE on the link in Lake Formation. Needs the IAM role of {@code
 * marketing:analyst} in marketing's account.
 */
class LiveResourceLinkTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING = Principal.administrator("marketing");
  private static final Principal ANALYST = Principal.of("marketing", "analyst");

  private final LiveAws live = new LiveAws();

  @AfterEach
  void deleteWhatTheTestCreated() {
    live.cleanUp();
  }

  @Test
  void aLinkGlueFollowsIsRecognisedAndItsReGrantedPrincipalsMayDescribeIt() {
    run(live.newCatalog());
  }

  static void run(GlueGovernanceCatalog opened) {
    try (GlueGovernanceCatalog catalog = opened) {
      LiveAws.publish(catalog, ORDERS);
      catalog.addGrant(grant(MARKETING, Principal.administrator("governance")));
      ResourceLink.TableLink link = ResourceLink.defaultTableLink("marketing", ORDERS);
      catalog.createLink(link);
      try (AwsClients clients = new AwsClients("lakemesh-it", catalog.config(), List.of())) {
        AwsAccount marketing = catalog.config().account("marketing");
        var seen =
            clients
                .glue(marketing)
                .getTable(
                    r ->
                        r.catalogId(marketing.awsAccountId())
                            .databaseName(catalog.config().namePrefix() + "sales_link")
                            .name("orders"))
                .table();
        // What Glue answers for a link whose target the caller may read.
        System.out.println("live GetTable on the link: " + seen);
        assertThat(seen.targetTable()).isNotNull();
      }

      assertThat(catalog.findTableLink(link.link())).contains(link);
      assertThat(catalog.dropLink(link)).isTrue();
      catalog.createLink(link);
      assertThat(catalog.listLinks("marketing")).contains(link);

      catalog.addGrant(grant(ANALYST, MARKETING));
      assertThat(catalog.grantDrift()).isEmpty();
      catalog.removeGrant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT));
      assertThat(catalog.grantDrift()).isEmpty();
    }
  }

  private static Grant grant(Principal grantee, Principal grantor) {
    return Grant.builder(grantee, Resource.table(ORDERS), Set.of(Permission.SELECT))
        .catalog("governance")
        .grantable(grantee.isAdministrator() ? Set.of(Permission.SELECT) : Set.of())
        .grantor(grantor)
        .grantedAt(CatalogFixtures.T0)
        .build();
  }
}
