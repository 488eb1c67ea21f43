package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Resource links once Glue follows them: GetTable, GetTables and (for a caller entitled to the
 * target) GetDatabase and GetDatabases answer with the target's properties, so a link is recognised
 * by what Glue keeps of it, and a principal its administrator re-grants to can use it.
 */
class ResourceLinkFollowingTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final DatabaseId SALES = DatabaseId.of("sales", "sales");
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");
  private static final Principal ANALYST = Principal.of("marketing", "analyst");
  private static final String ANALYST_ARN = "arn:aws:iam::" + MARKETING + ":role/analyst";

  @BeforeEach
  void publishOrders() {
    catalog.publish(new Publication(CatalogFixtures.table(ORDERS, 11), null, null, null));
  }

  @Test
  void aTableLinkToAGrantedTableIsFoundDroppedAndCreatedAgain() {
    long option = grantToMarketing(Resource.table(ORDERS));
    ResourceLink.TableLink link = ResourceLink.defaultTableLink("marketing", ORDERS);
    catalog.createLink(link);
    // Glue follows the link for marketing, which holds SELECT on the target.
    Table followed =
        asMarketingAdmin().getTable(r -> r.databaseName("sales_link").name("orders")).table();
    assertThat(followed.targetTable().name()).isEqualTo("orders");
    assertThat(followed.storageDescriptor().columns()).isNotEmpty();

    assertThat(catalog.findTableLink(link.link())).contains(link);
    assertThat(catalog.listLinks("marketing")).containsExactly(link);
    assertThat(catalog.dropLink(link)).isTrue();
    assertThat(catalog.findTableLink(link.link())).isEmpty();
    catalog.createLink(link);
    assertThat(catalog.findTableLink(link.link())).contains(link);
  }

  @Test
  void aDatabaseLinkToAGrantedDatabaseIsFoundDroppedAndCreatedAgain() {
    long option = grantToMarketing(Resource.database(SALES));
    ResourceLink.DatabaseLink link = ResourceLink.defaultDatabaseLink("marketing", SALES);
    catalog.createLink(link);
    var followed = asMarketingAdmin().getDatabase(r -> r.name("sales_link")).database();
    assertThat(followed.targetDatabase().databaseName()).isEqualTo("sales");
    assertThat(followed.parameters()).containsEntry("lakemesh.catalog", "sales");

    assertThat(catalog.findDatabaseLink(link.link())).contains(link);
    assertThat(catalog.listLinks("marketing")).containsExactly(link);
    assertThat(catalog.dropLink(link)).isTrue();
    catalog.createLink(link);
    assertThat(catalog.listLinks("marketing")).containsExactly(link);
  }

  @Test
  void searchTablesAnswersWithTheLinkItself() {
    long option = grantToMarketing(Resource.table(ORDERS));
    catalog.createLink(ResourceLink.defaultTableLink("marketing", ORDERS));

    var found = asMarketingAdmin().searchTables(r -> r.searchText("orders")).tableList();

    assertThat(found)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.targetTable().catalogId()).isEqualTo(GOVERNANCE);
              assertThat(t.storageDescriptor()).isNull();
              assertThat(t.parameters()).containsEntry("lakemesh.target_catalog", "sales");
            });
  }

  @Test
  void aPrincipalReGrantedOnTheTargetMayDescribeTheLinkUntilTheReGrantEnds() {
    long option = grantToMarketing(Resource.table(ORDERS));
    ResourceLink.TableLink link = ResourceLink.defaultTableLink("marketing", ORDERS);
    catalog.createLink(link);
    GlueClient analyst = analystRefusedThroughTheLink();

    catalog.addGrant(reGrantByMarketing(ANALYST, Resource.table(ORDERS), option));

    Table seen = analyst.getTable(r -> r.databaseName("sales_link").name("orders")).table();
    assertThat(seen.storageDescriptor().columns()).extracting(c -> c.name()).contains("order_id");
    assertThat(catalog.grantDrift()).isEmpty();

    catalog.removeGrant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT));

    assertThatThrownBy(() -> analyst.getTable(r -> r.databaseName("sales_link").name("orders")))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void aPrincipalReGrantedOnATableReadsItThroughADatabaseLinkToItsDatabase() {
    long option = grantToMarketing(Resource.database(SALES));
    catalog.createLink(ResourceLink.defaultDatabaseLink("marketing", SALES));
    GlueClient analyst = analystRefusedThroughTheLink();

    catalog.addGrant(reGrantByMarketing(ANALYST, Resource.table(ORDERS), option));

    Table seen = analyst.getTable(r -> r.databaseName("sales_link").name("orders")).table();
    assertThat(seen.databaseName()).isEqualTo("sales");
    assertThat(seen.catalogId()).isEqualTo(GOVERNANCE);
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void aLinkCreatedAfterTheReGrantIsDescribedToo() {
    long option = grantToMarketing(Resource.database(SALES));
    catalog.addGrant(reGrantByMarketing(ANALYST, Resource.table(ORDERS), option));
    ResourceLink.TableLink link = ResourceLink.defaultTableLink("marketing", ORDERS);

    catalog.createLink(link);

    aws.principal("LOOPBACK-analyst", ANALYST_ARN);
    Table seen =
        client("LOOPBACK-analyst")
            .getTable(r -> r.databaseName("sales_link").name("orders"))
            .table();
    assertThat(seen.targetTable().databaseName()).isEqualTo("sales");
    assertThat(catalog.grantDrift()).isEmpty();
    assertThat(catalog.dropLink(link)).isTrue();
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void theAccountsAdministratorReadsItsLinkWithoutDescribeGrantedToIt() {
    long option = grantToMarketing(Resource.table(ORDERS));
    catalog.createLink(ResourceLink.defaultTableLink("marketing", ORDERS));

    Table seen =
        asMarketingAdmin().getTable(r -> r.databaseName("sales_link").name("orders")).table();

    assertThat(seen.storageDescriptor().location()).isEqualTo("file:/warehouse/sales/orders");
  }

  /** SELECT with grant option to marketing's administrator; the grant that re-grants rest on. */
  private long grantToMarketing(Resource resource) {
    return catalog
        .addGrant(
            byGovernance(
                MARKETING_ADMIN, resource, Set.of(Permission.SELECT), Set.of(Permission.SELECT)))
        .id();
  }

  /** The analyst's own Glue session, which cannot read orders through sales_link yet. */
  private GlueClient analystRefusedThroughTheLink() {
    aws.principal("LOOPBACK-analyst", ANALYST_ARN);
    GlueClient analyst = client("LOOPBACK-analyst");
    assertThatThrownBy(() -> analyst.getTable(r -> r.databaseName("sales_link").name("orders")))
        .isInstanceOf(AccessDeniedException.class);
    return analyst;
  }

  /** Marketing's administrator, as the session its role gives (LoopbackMesh). */
  private GlueClient asMarketingAdmin() {
    aws.account("LOOPBACK-marketing-admin", MARKETING);
    return client("LOOPBACK-marketing-admin");
  }

  private GlueClient client(String accessKey) {
    return GlueClient.builder()
        .endpointOverride(URI.create(aws.endpoint("glue")))
        .region(Region.EU_WEST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "not-a-secret")))
        .build();
  }
}
