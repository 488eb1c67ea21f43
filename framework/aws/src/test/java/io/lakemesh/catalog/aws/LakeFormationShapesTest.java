package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.FakeLakeFormation;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lake Formation lists SELECT on a table as the table with a column wildcard and the table's other
 * permissions as the table: revokes, drift and every read of what a principal holds see one table
 * in both shapes.
 */
class LakeFormationShapesTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");
  private static final String TABLE =
      "{\"Table\":{\"CatalogId\":\""
          + GOVERNANCE
          + "\",\"DatabaseName\":\"sales\",\"Name\":\"orders\"}}";
  private static final String ALL_COLUMNS =
      "{\"TableWithColumns\":{\"CatalogId\":\""
          + GOVERNANCE
          + "\",\"DatabaseName\":\"sales\",\"Name\":\"orders\","
          + "\"ColumnWildcard\":{\"ExcludedColumnNames\":[]}}}";

  @Test
  void aSelectAndDescribeGrantIsListedAsTwoEntriesAndReadBackAsOne() {
    grantSelectAndDescribe(Set.of(Permission.SELECT));

    assertThat(marketingEntries())
        .extracting(e -> e.resource().toString() + " " + e.permissions() + " " + e.grantable())
        .containsExactlyInAnyOrder(
            "{\"TableWithColumns\":{\"CatalogId\":\""
                + GOVERNANCE
                + "\",\"DatabaseName\":\"sales\",\"Name\":\"orders\",\"ColumnWildcard\":{}}}"
                + " [SELECT] [SELECT]",
            "{\"Table\":{\"CatalogId\":\""
                + GOVERNANCE
                + "\",\"DatabaseName\":\"sales\",\"Name\":\"orders\"}} [DESCRIBE] []");
    assertThat(catalog.permissionsInLakeFormation(MARKETING_ADMIN, Resource.table(ORDERS)))
        .isEqualTo(
            new HeldPermissions(
                Set.of(Permission.SELECT, Permission.DESCRIBE), Set.of(Permission.SELECT)));
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void revokingATableSelectLeavesTheConsumerNothingAndNoDrift() {
    catalog.addGrant(
        byGovernance(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT), Set.of()));

    catalog.removeGrant(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT));

    assertThat(marketingEntries()).isEmpty();
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void revokingPartOfATableGrantLeavesTheRest() {
    grantSelectAndDescribe(Set.of(Permission.SELECT));

    catalog.removeGrant(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT));

    assertThat(marketingEntries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.resource().has("Table")).isTrue();
              assertThat(e.permissions()).containsExactly("DESCRIBE");
              assertThat(e.grantable()).isEmpty();
            });
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void revokingADatabaseGrantLeavesTheConsumerNothing() {
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN,
            Resource.database(ORDERS.databaseId()),
            Set.of(Permission.SELECT, Permission.DESCRIBE),
            Set.of()));
    assertThat(marketingEntries())
        .extracting(e -> e.resource().toString())
        .anySatisfy(r -> assertThat(r).contains("\"Name\":\"ALL_TABLES\",\"ColumnWildcard\":{}"));

    catalog.removeGrant(
        MARKETING_ADMIN,
        Resource.database(ORDERS.databaseId()),
        Set.of(Permission.SELECT, Permission.DESCRIBE));

    assertThat(marketingEntries()).isEmpty();
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void aSelectGrantedOutsideLakemeshIsDriftInEitherShape() {
    for (String shape : new String[] {TABLE, ALL_COLUMNS}) {
      aws.lakeFormation().grantOutOfBand(GOVERNANCE, MARKETING, json(shape), Set.of("SELECT"));

      assertThat(catalog.grantDrift())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.kind()).isEqualTo(GrantDrift.Kind.NOT_RECORDED);
                assertThat(d.principal()).isEqualTo(MARKETING);
                assertThat(d.resource()).isEqualTo("table " + GOVERNANCE + ":sales.orders");
                assertThat(d.held()).containsExactly(Permission.SELECT);
              });
      aws.lakeFormation().revokeOutOfBand(GOVERNANCE, MARKETING, json(shape), Set.of("SELECT"));
      assertThat(catalog.grantDrift()).isEmpty();
    }
  }

  @Test
  void aSelectRevokedOutsideLakemeshIsDriftWhateverShapeItWasRevokedIn() {
    grantSelectAndDescribe(Set.of());

    aws.lakeFormation().revokeOutOfBand(GOVERNANCE, MARKETING, json(ALL_COLUMNS), Set.of("SELECT"));

    assertThat(catalog.grantDrift())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(GrantDrift.Kind.DIFFERENT);
              assertThat(d.resource()).isEqualTo("table " + GOVERNANCE + ":sales.orders");
              assertThat(d.recorded())
                  .containsExactlyInAnyOrder(Permission.SELECT, Permission.DESCRIBE);
              assertThat(d.held()).containsExactly(Permission.DESCRIBE);
            });
  }

  private void grantSelectAndDescribe(Set<Permission> grantable) {
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN,
            Resource.table(ORDERS),
            Set.of(Permission.SELECT, Permission.DESCRIBE),
            grantable));
  }

  private List<FakeLakeFormation.Entry> marketingEntries() {
    return aws.lakeFormation().entries().stream()
        .filter(e -> e.principal().equals(MARKETING))
        .toList();
  }
}
