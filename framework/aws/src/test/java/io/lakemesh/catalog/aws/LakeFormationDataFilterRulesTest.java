package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.AccessDeniedException;
import software.amazon.awssdk.services.lakeformation.model.DataCellsFilter;
import software.amazon.awssdk.services.lakeformation.model.DataCellsFilterResource;
import software.amazon.awssdk.services.lakeformation.model.EntityNotFoundException;
import software.amazon.awssdk.services.lakeformation.model.InvalidInputException;
import software.amazon.awssdk.services.lakeformation.model.Resource;

// The AWS SDK's AccessDeniedException and Permission are spelled out in full where used: lakemesh's
// AccessDeniedException and Permission are imported here.

/**
 * What Lake Formation lets each account do with a data cells filter, as its pages describe it, seen
 * through the SDK against the loopback service: only the catalog's administrator or a holder of
 * SELECT with the grant option on the table creates or sees a table's filters ("Managing data
 * filters"); a filter takes SELECT, DESCRIBE and DROP ("Lake Formation permissions reference"), is
 * shared with another account only with the grant option ("Granting data filter permissions"), and
 * lets its grantee see the table through a resource link ("Granting data permissions provided by
 * data filters").
 */
class LakeFormationDataFilterRulesTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final DataFilter US_ONLY =
      new DataFilter(ORDERS, "us_only", "country = 'US'", List.of(), List.of("customer_id"));
  private static final String ANALYST_ARN = "arn:aws:iam::" + MARKETING + ":role/analyst";
  private final List<SdkClient> closing = new ArrayList<>();

  @BeforeEach
  void publishOrders() {
    catalog.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
    catalog.publish(LoopbackMesh.salesPublication("run-1", ORDERS, 11));
    aws.lakeFormation().requireExistingResources();
  }

  @AfterEach
  void closeClients() {
    closing.forEach(SdkClient::close);
  }

  @Test
  void aProducerWithoutSelectWithGrantOptionOnItsTableCannotCreateOrSeeItsFilters() {
    catalog.createFilter(US_ONLY);

    assertThatThrownBy(() -> as("sales").createDataCellsFilter(r -> r.tableData(usOnly("eu_only"))))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(
            () ->
                as("sales")
                    .getDataCellsFilter(
                        r ->
                            r.tableCatalogId(GOVERNANCE)
                                .databaseName("sales")
                                .tableName("orders")
                                .name("us_only")))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(as("sales").listDataCellsFilter(r -> {}).dataCellsFilters()).isEmpty();
  }

  @Test
  void selectWithTheGrantOptionOnTheTableLetsAnAccountCreateFilters() {
    as("governance")
        .grantPermissions(
            r ->
                r.principal(p -> p.dataLakePrincipalIdentifier(SALES))
                    .resource(
                        t ->
                            t.table(
                                x -> x.catalogId(GOVERNANCE).databaseName("sales").name("orders")))
                    .permissions(
                        List.of(
                            software.amazon.awssdk.services.lakeformation.model.Permission.SELECT))
                    .permissionsWithGrantOption(
                        List.of(
                            software.amazon.awssdk.services.lakeformation.model.Permission
                                .SELECT)));

    as("sales").createDataCellsFilter(r -> r.tableData(usOnly("eu_only")));

    assertThat(catalog.listFilters("sales"))
        .extracting(DataFilter::name)
        .containsExactly("eu_only");
  }

  @Test
  void aFilterIsGrantedOnlyWhileItExistsAndOnlyWithItsOwnPermissions() {
    assertThatThrownBy(() -> grantOnFilter("us_only", ANALYST_ARN, "SELECT", null))
        .isInstanceOf(EntityNotFoundException.class);
    catalog.createFilter(US_ONLY);

    assertThatThrownBy(() -> grantOnFilter("us_only", ANALYST_ARN, "INSERT", null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Only SELECT, DESCRIBE and DROP");
    grantOnFilter("us_only", ANALYST_ARN, "DROP", null);
  }

  @Test
  void anotherAccountGetsSelectOnAFilterOnlyWithTheGrantOption() {
    catalog.createFilter(US_ONLY);

    assertThatThrownBy(() -> grantOnFilter("us_only", MARKETING, "SELECT", null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must include the grant option");
    grantOnFilter("us_only", MARKETING, "SELECT", "SELECT");
  }

  @Test
  void anAccountSharedAFilterCannotGrantDescribeOnIt() {
    catalog.createFilter(US_ONLY);
    grantOnFilter("us_only", MARKETING, "SELECT", "SELECT");

    assertThatThrownBy(
            () ->
                as("marketing")
                    .grantPermissions(
                        r ->
                            r.principal(p -> p.dataLakePrincipalIdentifier(ANALYST_ARN))
                                .resource(filter("us_only"))
                                .permissionsWithStrings("DESCRIBE")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aFilterCannotBeDefinedOnAResourceLink() {
    catalog.createLink(ResourceLink.defaultTableLink("marketing", ORDERS));

    assertThatThrownBy(
            () ->
                as("marketing")
                    .createDataCellsFilter(
                        r ->
                            r.tableData(
                                usOnly("us_only").toBuilder()
                                    .tableCatalogId(MARKETING)
                                    .databaseName("sales_link")
                                    .build())))
        .isInstanceOf(EntityNotFoundException.class);
  }

  @Test
  void selectOnAFilterAloneLetsTheGranteeReadTheTableThroughItsLink() {
    catalog.createFilter(US_ONLY);
    catalog.createLink(ResourceLink.defaultTableLink("marketing", ORDERS));
    aws.principal("LOOPBACK-analyst", ANALYST_ARN);
    GlueClient analyst = glue("LOOPBACK-analyst");
    assertThatThrownBy(() -> analyst.getTable(r -> r.databaseName("sales_link").name("orders")))
        .isInstanceOf(software.amazon.awssdk.services.glue.model.AccessDeniedException.class);

    catalog.addGrant(
        byGovernance(
            Principal.of("marketing", "analyst"),
            US_ONLY.resource(),
            Set.of(Permission.SELECT),
            Set.of()));

    Table seen = analyst.getTable(r -> r.databaseName("sales_link").name("orders")).table();
    assertThat(seen.targetTable().databaseName()).isEqualTo("sales");
    assertThat(seen.storageDescriptor().columns()).extracting(c -> c.name()).contains("order_id");
  }

  private void grantOnFilter(String name, String principal, String permission, String grantable) {
    as("governance")
        .grantPermissions(
            r ->
                r.principal(p -> p.dataLakePrincipalIdentifier(principal))
                    .resource(filter(name))
                    .permissionsWithStrings(permission)
                    .permissionsWithGrantOptionWithStrings(
                        grantable == null ? List.of() : List.of(grantable)));
  }

  private static Resource filter(String name) {
    return Resource.builder()
        .dataCellsFilter(
            DataCellsFilterResource.builder()
                .tableCatalogId(GOVERNANCE)
                .databaseName("sales")
                .tableName("orders")
                .name(name)
                .build())
        .build();
  }

  private static DataCellsFilter usOnly(String name) {
    return DataCellsFilter.builder()
        .tableCatalogId(GOVERNANCE)
        .databaseName("sales")
        .tableName("orders")
        .name(name)
        .rowFilter(r -> r.filterExpression("country = 'US'"))
        .columnWildcard(w -> w.excludedColumnNames("customer_id"))
        .build();
  }

  private GlueClient glue(String accessKey) {
    return client(GlueClient.builder(), "glue", accessKey);
  }

  /** A Lake Formation client signed with a mesh account's loopback keys. */
  private LakeFormationClient as(String meshAccount) {
    return client(LakeFormationClient.builder(), "lakeformation", "LOOPBACK-" + meshAccount);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient>
      C client(B builder, String service, String accessKey) {
    C client =
        builder
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(URI.create(aws.endpoint(service)))
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKey, "not-a-secret")))
            .build();
    closing.add(client);
    return client;
  }
}
