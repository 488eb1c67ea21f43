package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.FakeLakeFormation;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Data filters are Lake Formation data cells filters in the holder's catalog, granted as {@code
 * DataCellsFilter} resources: created, read back, granted, revoked and dropped with the holder's
 * credentials, and compared with the records like every other grant.
 */
class LakeFormationDataFiltersTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");
  private static final Principal ANALYST = Principal.of("marketing", "analyst");
  private static final DataFilter US_ONLY =
      new DataFilter(ORDERS, "us_only", "country = 'US'", List.of(), List.of("customer_id"));
  private static final String US_ONLY_KEY = "data filter " + GOVERNANCE + ":sales.orders us_only";

  @BeforeEach
  void publishOrders() {
    catalog.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
    catalog.publish(LoopbackMesh.salesPublication("run-1", ORDERS, 11));
    aws.lakeFormation().requireExistingResources();
    aws.clearCalls();
  }

  @Test
  void aFilterIsCreatedByTheHolderInItsCatalogAndReadBackAsItWasGiven() {
    catalog.createFilter(US_ONLY);

    LoopbackAws.Call create =
        aws.calls("lakeformation", "CreateDataCellsFilter").stream().findFirst().orElseThrow();
    assertThat(create.account()).isEqualTo(GOVERNANCE);
    assertThat(create.json().get("TableData").toString())
        .isEqualTo(
            "{\"TableCatalogId\":\""
                + GOVERNANCE
                + "\",\"DatabaseName\":\"sales\",\"TableName\":\"orders\",\"Name\":\"us_only\","
                + "\"RowFilter\":{\"FilterExpression\":\"country = 'US'\"},"
                + "\"ColumnWildcard\":{\"ExcludedColumnNames\":[\"customer_id\"]}}");
    assertThat(catalog.findFilter(ORDERS, "us_only")).contains(US_ONLY);
    assertThat(catalog.listFilters("sales")).containsExactly(US_ONLY);
    assertThat(catalog.listFilters("product")).isEmpty();
  }

  @Test
  void aColumnListOnEveryRowIsSentAsColumnNamesAndTheAllRowsWildcard() {
    DataFilter columns = new DataFilter(ORDERS, "amounts", "", List.of("id", "amount"), List.of());

    catalog.createFilter(columns);

    assertThat(aws.calls("lakeformation", "CreateDataCellsFilter"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.json().at("/TableData/RowFilter").toString())
                  .isEqualTo("{\"AllRowsWildcard\":{}}");
              assertThat(c.json().at("/TableData/ColumnNames").toString())
                  .isEqualTo("[\"amount\",\"id\"]");
            });
    assertThat(catalog.findFilter(ORDERS, "amounts")).contains(columns);
  }

  @Test
  void aSecondFilterOfTheSameNameOnTheTableIsRefusedAndTheFirstIsKept() {
    catalog.createFilter(US_ONLY);

    assertThatThrownBy(
            () ->
                catalog.createFilter(
                    new DataFilter(ORDERS, "us_only", "country = 'FR'", List.of(), List.of())))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("data filter us_only on sales:sales.orders exists already");
    assertThat(catalog.findFilter(ORDERS, "us_only")).contains(US_ONLY);
  }

  @Test
  void aRowFilterLongerThanLakeFormationTakesIsRefusedBeforeAnyCall() {
    String tooLong = "country IN ('" + "X".repeat(2040) + "')";

    assertThatThrownBy(
            () ->
                catalog.createFilter(new DataFilter(ORDERS, "long", tooLong, List.of(), List.of())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("2055 bytes long; Lake Formation takes at most 2048");
    assertThat(aws.calls("lakeformation", "CreateDataCellsFilter")).isEmpty();
  }

  @Test
  void aFilterThatDoesNotExistIsNotFoundAndNotDropped() {
    assertThat(catalog.findFilter(ORDERS, "missing")).isEmpty();
    assertThat(catalog.dropFilter(ORDERS, "missing")).isFalse();
  }

  @Test
  void selectOnAFilterGoesToAnotherAccountWithTheGrantOptionAndToItsPrincipalWithout() {
    catalog.createFilter(US_ONLY);

    catalog.addGrant(
        byGovernance(MARKETING_ADMIN, US_ONLY.resource(), Set.of(Permission.SELECT), Set.of()));
    catalog.addGrant(
        byGovernance(ANALYST, US_ONLY.resource(), Set.of(Permission.SELECT), Set.of()));

    assertThat(filterEntries())
        .extracting(
            e -> e.caller() + " " + e.principal() + " " + e.permissions() + " " + e.grantable())
        .containsExactlyInAnyOrder(
            GOVERNANCE + " " + MARKETING + " [SELECT] [SELECT]",
            GOVERNANCE + " arn:aws:iam::" + MARKETING + ":role/analyst [SELECT] []");
    assertThat(catalog.findGrant(MARKETING_ADMIN, Resource.filter(ORDERS, "us_only")))
        .hasValueSatisfying(g -> assertThat(g.permissions()).containsExactly(Permission.SELECT));
    assertThat(catalog.grantsCovering(ANALYST, ORDERS))
        .extracting(g -> g.resource())
        .containsExactly(Resource.filter(ORDERS, "us_only"));
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void theAccountsAdministratorReGrantsTheFilterInsideItsAccount() {
    catalog.createFilter(US_ONLY);
    long option =
        catalog
            .addGrant(
                byGovernance(
                    MARKETING_ADMIN,
                    US_ONLY.resource(),
                    Set.of(Permission.SELECT),
                    Set.of(Permission.SELECT)))
            .id();

    catalog.addGrant(reGrantByMarketing(ANALYST, US_ONLY.resource(), option));

    assertThat(filterEntries())
        .extracting(e -> e.caller() + " " + e.principal())
        .containsExactlyInAnyOrder(
            GOVERNANCE + " " + MARKETING,
            MARKETING + " arn:aws:iam::" + MARKETING + ":role/analyst");
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void revokingAFilterGrantLeavesNothingInLakeFormationAndNoDrift() {
    catalog.createFilter(US_ONLY);
    catalog.addGrant(
        byGovernance(MARKETING_ADMIN, US_ONLY.resource(), Set.of(Permission.SELECT), Set.of()));

    catalog.removeGrant(MARKETING_ADMIN, US_ONLY.resource(), Set.of(Permission.SELECT));

    assertThat(filterEntries()).isEmpty();
    assertThat(catalog.findGrant(MARKETING_ADMIN, US_ONLY.resource())).isEmpty();
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void aFilterGrantedOutsideLakemeshIsDrift() {
    catalog.createFilter(US_ONLY);
    aws.lakeFormation()
        .grantOutOfBand(
            GOVERNANCE,
            "arn:aws:iam::" + MARKETING + ":role/analyst",
            json(
                "{\"DataCellsFilter\":{\"TableCatalogId\":\""
                    + GOVERNANCE
                    + "\",\"DatabaseName\":\"sales\",\"TableName\":\"orders\",\"Name\":\"us_only\"}}"),
            Set.of("SELECT"));

    assertThat(catalog.grantDrift())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(GrantDrift.Kind.NOT_RECORDED);
              assertThat(d.resource()).isEqualTo(US_ONLY_KEY);
              assertThat(d.held()).containsExactly(Permission.SELECT);
            });
  }

  @Test
  void droppingAFilterTakesWhatLakeFormationListsOnItWithItSoARecreatedOneGivesNothing() {
    catalog.createFilter(US_ONLY);
    catalog.addGrant(
        byGovernance(ANALYST, US_ONLY.resource(), Set.of(Permission.SELECT), Set.of()));

    assertThat(catalog.dropFilter(ORDERS, "us_only")).isTrue();

    assertThat(catalog.findFilter(ORDERS, "us_only")).isEmpty();
    assertThat(filterEntries()).isEmpty();
    catalog.createFilter(US_ONLY);
    assertThat(filterEntries()).isEmpty();
  }

  @Test
  void inFederatedTheProducerHoldsItsFiltersAndGrantsOnThem() {
    try (GlueGovernanceCatalog federated =
        mesh.catalog(mesh.properties(Topology.FEDERATED), List.of(recorded))) {
      federated.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
      federated.publish(LoopbackMesh.salesPublication("run-1", ORDERS, 11));
      aws.clearCalls();

      federated.createFilter(US_ONLY);
      federated.addGrant(
          byGovernance(MARKETING_ADMIN, US_ONLY.resource(), Set.of(Permission.SELECT), Set.of()));

      assertThat(aws.calls("lakeformation", "CreateDataCellsFilter"))
          .extracting(c -> c.account() + " " + c.json().at("/TableData/TableCatalogId").asText())
          .containsExactly(SALES + " " + SALES);
      assertThat(aws.lakeFormation().entries())
          .filteredOn(e -> e.principal().equals(MARKETING))
          .extracting(e -> e.caller() + " " + e.key())
          .containsExactly(SALES + " data filter " + SALES + ":sales.orders us_only");
      assertThat(federated.listFilters("sales")).containsExactly(US_ONLY);
      // The central mesh of the other tests shares these loopback services; its joins are its own.
      assertThat(federated.grantDrift()).noneMatch(d -> d.resource().startsWith("data filter"));
    }
  }

  private List<FakeLakeFormation.Entry> filterEntries() {
    return aws.lakeFormation().entries().stream().filter(e -> e.key().equals(US_ONLY_KEY)).toList();
  }
}
