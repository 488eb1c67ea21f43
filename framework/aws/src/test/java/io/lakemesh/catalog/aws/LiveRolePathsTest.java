package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On real AWS (see {@link LiveAws} for when it runs), with each account's credentials carrying
 * exactly the policy {@code lakemesh aws policies} prints for its role (governance, sales as a
 * producer, marketing as a consumer): the producer joins and publishes with its own credentials,
 * the governance account grants across accounts and revokes again (RAM shares included), the
 * consumer links, re-grants inside its account on its grant option and revokes, and doctor's drift
 * check finds nothing. Any call a policy lacks fails the test with the action AWS denied. The
 * producer writes its run records into the records bucket itself, so that bucket must hold the
 * policy {@code aws setup} prints for it ({@link LiveProducerRecordsTest} adds it for its run).
 */
class LiveRolePathsTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING = Principal.administrator("marketing");
  private static final Principal ANALYST = Principal.of("marketing", "analyst");
  private final LiveAws live = new LiveAws();

  @Test
  void eachRolesPathsRunOnItsOwnPolicy() {
    try (GlueGovernanceCatalog catalog = live.newCatalog()) {
      catalog.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
      catalog.publish(publication("it-run-1", 1));
      catalog.publish(publication("it-run-2", 2));
      assertThat(catalog.findTable(ORDERS)).isPresent();

      Grant option =
          catalog.addGrant(
              Grant.builder(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT))
                  .catalog("governance")
                  .grantable(Set.of(Permission.SELECT))
                  .grantor(Principal.administrator("governance"))
                  .grantedAt(CatalogFixtures.T0)
                  .build());
      catalog.createLink(ResourceLink.defaultTableLink("marketing", ORDERS));
      catalog.addGrant(
          Grant.builder(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT))
              .catalog("marketing")
              .grantor(MARKETING)
              .authorisation(Authorisation.grant(option.id()))
              .grantedAt(CatalogFixtures.T0)
              .build());
      assertThat(catalog.grantDrift()).isEmpty();

      catalog.removeGrant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT));
      catalog.removeGrant(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT));
      assertThat(catalog.permissionsInLakeFormation(MARKETING, Resource.table(ORDERS)))
          .isEqualTo(new HeldPermissions(Set.of(), Set.of()));
    }
  }

  @Test
  void withoutTheGrantOptionLakeFormationRefusesTheConsumersReGrant() {
    try (GlueGovernanceCatalog catalog = live.newCatalog()) {
      catalog.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
      catalog.publish(publication("it-run-1", 1));
      Grant plain =
          catalog.addGrant(
              Grant.builder(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT))
                  .catalog("governance")
                  .grantor(Principal.administrator("governance"))
                  .grantedAt(CatalogFixtures.T0)
                  .build());

      assertThatThrownBy(
              () ->
                  catalog.addGrant(
                      Grant.builder(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT))
                          .catalog("marketing")
                          .grantor(MARKETING)
                          .authorisation(Authorisation.grant(plain.id()))
                          .grantedAt(CatalogFixtures.T0)
                          .build()))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @AfterEach
  void deleteWhatTheTestCreated() {
    live.cleanUp();
  }

  private static Publication publication(String runId, long snapshot) {
    Publication p =
        CatalogFixtures.publication(runId, ORDERS, snapshot, CatalogFixtures.at((int) snapshot));
    return new Publication(p.table(), null, null, p.run());
  }
}
