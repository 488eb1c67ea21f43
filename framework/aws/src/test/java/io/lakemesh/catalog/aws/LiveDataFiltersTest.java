package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A data filter on real accounts (see {@link LiveAws} for when it runs): created by the holder as a
 * data cells filter, read back as it was given, granted to another account with the grant option
 * Lake Formation requires, revoked, and dropped with the permissions still listed on it.
 */
class LiveDataFiltersTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");
  private static final Principal ANALYST = Principal.of("marketing", "analyst");
  private static final DataFilter US_ONLY =
      new DataFilter(ORDERS, "us_only", "country = 'US'", List.of(), List.of("customer_id"));

  private final LiveAws live = new LiveAws();

  @AfterEach
  void deleteWhatTheTestCreated() {
    live.cleanUp();
  }

  @Test
  void aFilterIsCreatedGrantedRevokedAndDroppedOnARealAccount() {
    GlueGovernanceCatalog catalog = live.newCatalog();
    LiveAws.publish(catalog, ORDERS);
    lifecycle(catalog);
  }

  /** On a catalog that has published sales.orders and holds no filter on it yet. */
  static void lifecycle(GlueGovernanceCatalog catalog) {
    catalog.createFilter(US_ONLY);
    assertThat(catalog.findFilter(ORDERS, "us_only")).contains(US_ONLY);
    assertThat(catalog.listFilters("sales")).containsExactly(US_ONLY);
    assertThatThrownBy(() -> catalog.createFilter(US_ONLY))
        .isInstanceOf(AlreadyExistsException.class);

    catalog.addGrant(
        LoopbackTestBase.byGovernance(
            MARKETING_ADMIN, US_ONLY.resource(), Set.of(Permission.SELECT), Set.of()));
    assertThat(catalog.permissionsInLakeFormation(MARKETING_ADMIN, US_ONLY.resource()))
        .isEqualTo(new HeldPermissions(Set.of(Permission.SELECT), Set.of(Permission.SELECT)));
    assertThat(catalog.grantDrift()).isEmpty();
    catalog.removeGrant(MARKETING_ADMIN, US_ONLY.resource(), Set.of(Permission.SELECT));
    assertThat(catalog.permissionsInLakeFormation(MARKETING_ADMIN, US_ONLY.resource()))
        .isEqualTo(new HeldPermissions(Set.of(), Set.of()));

    catalog.addGrant(
        LoopbackTestBase.byGovernance(
            ANALYST, US_ONLY.resource(), Set.of(Permission.SELECT), Set.of()));
    assertThat(catalog.dropFilter(ORDERS, "us_only")).isTrue();
    assertThat(catalog.findFilter(ORDERS, "us_only")).isEmpty();
    catalog.createFilter(US_ONLY);
    assertThat(catalog.permissionsInLakeFormation(ANALYST, US_ONLY.resource()))
        .isEqualTo(new HeldPermissions(Set.of(), Set.of()));
  }
}
