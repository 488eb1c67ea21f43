package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lakeformation.model.LakeFormationException;

/**
 * On real AWS (see {@link LiveAws} for when it runs): an LF-tag left with its first 50 values, as a
 * create that stopped after CreateLFTag leaves it, is completed by running the create again; Lake
 * Formation itself refuses a tag's 1,001st value; a grant on a resource link's own name is made in
 * the link's account and catalog and agrees with drift. Needs the IAM role of {@code
 * marketing:analyst} in marketing's account.
 */
class LiveTagsAndLinkGrantsTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal ANALYST = Principal.of("marketing", "analyst");

  private final LiveAws live = new LiveAws();

  @AfterEach
  void deleteWhatTheTestCreated() {
    live.cleanUp();
  }

  @Test
  void aTagLeftWithItsFirstBatchIsCompletedAndTheThousandAndFirstValueIsRefused() {
    try (GlueGovernanceCatalog catalog = live.newCatalog();
        AwsClients clients = new AwsClients("lakemesh-it", catalog.config(), List.of())) {
      String keeper = catalog.config().governanceAccount().orElse("governance");
      AwsAccount account = catalog.config().account(keeper);
      String key = catalog.config().namePrefix() + "region";
      List<String> values = values(1000);
      clients
          .lakeFormation(account)
          .createLFTag(
              r ->
                  r.catalogId(account.awsAccountId()).tagKey(key).tagValues(values.subList(0, 50)));

      catalog.createTag(keeper, LfTag.of("region", values));

      assertThat(catalog.findTag(keeper, "region").orElseThrow().allowedValues())
          .containsExactlyElementsOf(values);
      // What only AWS can say: the limit is Lake Formation's own.
      assertThatThrownBy(
              () ->
                  clients
                      .lakeFormation(account)
                      .updateLFTag(
                          r ->
                              r.catalogId(account.awsAccountId())
                                  .tagKey(key)
                                  .tagValuesToAdd("v9999")))
          .isInstanceOf(LakeFormationException.class)
          .satisfies(e -> System.out.println("live UpdateLFTag past 1,000 values: " + e));
    }
  }

  @Test
  void aGrantOnALinkIsMadeInTheLinksAccountAndAgreesWithDrift() {
    try (GlueGovernanceCatalog catalog = live.newCatalog()) {
      LiveAws.publish(catalog, ORDERS);
      catalog.addGrant(
          Grant.builder(
                  Principal.administrator("marketing"),
                  Resource.table(ORDERS),
                  Set.of(Permission.DESCRIBE))
              .catalog("governance")
              .grantor(Principal.administrator("governance"))
              .grantedAt(CatalogFixtures.T0)
              .build());
      ResourceLink.TableLink link = ResourceLink.defaultTableLink("marketing", ORDERS);
      catalog.createLink(link);

      catalog.addGrant(
          Grant.builder(ANALYST, Resource.table(link.link()), Set.of(Permission.DESCRIBE))
              .catalog("marketing")
              .grantor(Principal.administrator("marketing"))
              .grantedAt(CatalogFixtures.T0)
              .build());

      assertThat(
              catalog
                  .permissionsInLakeFormation(ANALYST, Resource.table(link.link()))
                  .permissions())
          .containsExactly(Permission.DESCRIBE);
      assertThat(catalog.grantDrift()).isEmpty();
      catalog.removeGrant(ANALYST, Resource.table(link.link()), Set.of(Permission.DESCRIBE));
      assertThat(catalog.grantDrift()).isEmpty();
    }
  }

  private static List<String> values(int count) {
    List<String> values = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      values.add(String.format("v%04d", i));
    }
    return values;
  }
}
