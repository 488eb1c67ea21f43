package io.lakemesh.server.iceberg;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.MeshFixtures.SALES_ENGINEER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.client.WireJson;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Principal;
import io.lakemesh.server.DemoCatalog;
import io.lakemesh.server.ServedCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableCommit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg REST catalog on loopback, spoken to by Iceberg's own REST client, over a real SQLite
 * governance catalog and a local warehouse per producer.
 */
class IcebergRestTest {
  private static final Schema EVENTS =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "country", Types.StringType.get()));

  @TempDir Path dir;
  private DemoCatalog demo;
  private LocalWarehouses warehouses;
  private ServedCatalog served;
  private final List<RESTCatalog> clients = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    demo = new DemoCatalog(dir).withProducts(1);
    warehouses = new LocalWarehouses(dir, Set.of("sales", "product", "finance"));
    served = new ServedCatalog(demo.governance, demo.catalog, warehouses);
  }

  @AfterEach
  void stop() throws Exception {
    for (RESTCatalog client : clients) {
      client.close();
    }
    served.close();
    warehouses.close();
    demo.close();
  }

  @Test
  void aProducerCreatesCommitsRenamesAndDropsItsOwnTables() {
    RESTCatalog sales = client(SALES);
    sales.createNamespace(Namespace.of("staging"), new HashMap<>(Map.of("owner", "sales-team")));
    Table created = sales.createTable(TableIdentifier.of("staging", "events"), EVENTS);
    created.updateSchema().addColumn("amount", Types.DoubleType.get()).commit();
    created.updateProperties().set("write.format.default", "parquet").commit();

    Table loaded = client(SALES).loadTable(TableIdentifier.of("staging", "events"));
    assertThat(loaded.schema().columns())
        .extracting(Types.NestedField::name)
        .containsExactly("id", "country", "amount");
    assertThat(loaded.properties()).containsEntry("write.format.default", "parquet");
    assertThat(sales.loadNamespaceMetadata(Namespace.of("staging")))
        .containsEntry("owner", "sales-team");
    // The table is in the account's own warehouse, where its jobs would find it.
    assertThat(warehouses.of("sales").tableExists(TableIdentifier.of("staging", "events")))
        .isTrue();

    sales.renameTable(
        TableIdentifier.of("staging", "events"), TableIdentifier.of("staging", "events_v2"));
    assertThat(sales.listTables(Namespace.of("staging")))
        .containsExactly(TableIdentifier.of("staging", "events_v2"));
    assertThat(sales.dropTable(TableIdentifier.of("staging", "events_v2"), true)).isTrue();
    assertThat(sales.listTables(Namespace.of("staging"))).isEmpty();
    assertThatThrownBy(() -> sales.loadTable(TableIdentifier.of("staging", "events_v2")))
        .isInstanceOf(NoSuchTableException.class);
  }

  @Test
  void aPublishedProductIsReadByItsProducerButNeverDroppedRenamedOrCommittedTo() {
    // sales.orders is published in the governance catalog; its job wrote the Iceberg table.
    ((SupportsNamespaces) warehouses.of("sales")).createNamespace(Namespace.of("sales"));
    warehouses.of("sales").createTable(TableIdentifier.of("sales", "orders"), EVENTS);
    RESTCatalog sales = client(SALES);
    TableIdentifier orders = TableIdentifier.of("sales", "orders");

    Table table = sales.loadTable(orders);
    assertThat(table.schema().columns())
        .extracting(Types.NestedField::name)
        .containsExactly("id", "country");

    assertThatThrownBy(() -> sales.dropTable(orders, false))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("may not DROP table sales:sales.orders")
        .hasMessageContaining("published product sales.orders")
        .hasMessageContaining("bin/lakemesh run sales.orders");
    assertThatThrownBy(() -> sales.renameTable(orders, TableIdentifier.of("sales", "orders_old")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("may not RENAME table sales:sales.orders");
    assertThatThrownBy(() -> table.updateSchema().deleteColumn("country").commit())
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("may not COMMIT to table sales:sales.orders");

    assertThat(warehouses.of("sales").loadTable(orders).schema().columns()).hasSize(2);
    assertThat(refusedWrites(SALES))
        .extracting(AuditEvent::resource)
        .containsExactlyInAnyOrder(
            "table sales:sales.orders", "table sales:sales.orders", "table sales:sales.orders");
  }

  @Test
  void aTransactionCommitsEveryTableOrNoneWhenOneRequirementFailsOrOneTableIsAProduct() {
    ((SupportsNamespaces) warehouses.of("sales")).createNamespace(Namespace.of("sales"));
    warehouses.of("sales").createTable(TableIdentifier.of("sales", "orders"), EVENTS);
    RESTCatalog sales = client(SALES);
    sales.createNamespace(Namespace.of("staging"));
    TableIdentifier a = TableIdentifier.of("staging", "a");
    TableIdentifier b = TableIdentifier.of("staging", "b");
    sales.createTable(a, EVENTS);
    sales.createTable(b, EVENTS);

    sales.commitTransaction(
        setProperty(sales, a, "batch", "1"), setProperty(sales, b, "batch", "1"));
    assertThat(sales.loadTable(a).properties()).containsEntry("batch", "1");
    assertThat(sales.loadTable(b).properties()).containsEntry("batch", "1");

    // b is replaced after its metadata was read: its commit's table UUID requirement fails.
    TableCommit staleB = setProperty(sales, b, "batch", "2");
    sales.dropTable(b, true);
    sales.createTable(b, EVENTS);
    assertThatThrownBy(() -> sales.commitTransaction(setProperty(sales, a, "batch", "2"), staleB))
        .isInstanceOf(CommitFailedException.class);
    assertThatThrownBy(
            () ->
                sales.commitTransaction(
                    setProperty(sales, a, "batch", "3"),
                    setProperty(sales, TableIdentifier.of("sales", "orders"), "batch", "3")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("published product sales.orders");
    // Neither refused transaction committed anything, not even to the table whose change held.
    assertThat(sales.loadTable(a).properties()).containsEntry("batch", "1");
    assertThat(sales.loadTable(b).properties()).doesNotContainKey("batch");
  }

  @Test
  void storageCredentialsAreNeededForAnObjectStoreAndNoneAreVended() {
    TableIdentifier orders = TableIdentifier.of("sales", "orders");
    assertThat(
            TableCredentials.none()
                .forReading(SALES, orders, dir.resolve("w/sales/orders").toString()))
        .isEmpty();
    assertThat(TableCredentials.none().forReading(SALES, orders, "file:/lake/sales/orders"))
        .isEmpty();
    assertThatThrownBy(
            () -> TableCredentials.none().forReading(SALES, orders, "s3://lake/sales/orders"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("vends no storage credentials")
        .hasMessageContaining("bin/lakemesh query");
  }

  @Test
  void aConsumerHasNoTablesOfItsOwnAndItsWritesAreRefusedOnRecord() {
    RESTCatalog marketing = client(MARKETING);
    assertThat(marketing.listNamespaces()).isEmpty();
    assertThatThrownBy(() -> marketing.createNamespace(Namespace.of("scratch")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("may not CREATE database marketing:scratch")
        .hasMessageContaining("not a producer");
    assertThat(refusedWrites(MARKETING))
        .extracting(AuditEvent::resource)
        .containsExactly("database marketing:scratch");
  }

  @Test
  void aPrincipalInsideAProducerAccountDoesNotChangeTheAccountsTables() {
    RESTCatalog engineer = client(SALES_ENGINEER);
    assertThat(engineer.listNamespaces()).isEmpty();
    assertThatThrownBy(() -> engineer.createNamespace(Namespace.of("scratch")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("only the producer's administrator changes its tables");
  }

  @Test
  void theTokenExchangeAnswersTheTokenOfAGoodPairAndRefusesABadOne() throws Exception {
    String token = served.token(SALES);
    String[] pair = pair(token);
    HttpResponse<String> good =
        post(
            "/iceberg/v1/oauth/tokens",
            "grant_type=client_credentials&client_id="
                + pair[0]
                + "&client_secret="
                + pair[1]
                + "&scope=catalog");
    assertThat(good.statusCode()).isEqualTo(200);
    JsonNode answer = WireJson.tree(good.body());
    assertThat(answer.path("access_token").asText()).isEqualTo(token);
    assertThat(answer.path("token_type").asText()).isEqualTo("bearer");
    assertThat(answer.path("issued_token_type").asText())
        .isEqualTo("urn:ietf:params:oauth:token-type:access_token");
    // ServedCatalog issues tokens valid for an hour.
    assertThat(answer.path("expires_in").asInt()).isBetween(3500, 3600);

    HttpResponse<String> bad =
        post(
            "/iceberg/v1/oauth/tokens",
            "grant_type=client_credentials&client_id=" + pair[0] + "&client_secret=wrong");
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(WireJson.tree(bad.body()).path("error").asText()).isEqualTo("invalid_client");

    HttpResponse<String> password =
        post("/iceberg/v1/oauth/tokens", "grant_type=password&username=sales");
    assertThat(password.statusCode()).isEqualTo(400);
    assertThat(WireJson.tree(password.body()).path("error").asText())
        .isEqualTo("unsupported_grant_type");
  }

  @Test
  void everyCatalogPathNeedsAValidToken() throws Exception {
    HttpResponse<String> none = get("/iceberg/v1/namespaces", null);
    assertThat(none.statusCode()).isEqualTo(401);
    JsonNode error = WireJson.tree(none.body()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(401);
    assertThat(error.path("type").asText()).isEqualTo("NotAuthorizedException");
    assertThat(error.path("message").asText()).contains("authentication required");

    RESTCatalog unknown = new RESTCatalog();
    clients.add(unknown);
    unknown.setConf(new Configuration());
    assertThatThrownBy(
            () ->
                unknown.initialize(
                    "mesh", Map.of("uri", uri(), "token", "lmt_000000000000_" + "x".repeat(43))))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("unknown token");
  }

  @Test
  void theConfigListsTheEndpointsServedAndAnUnknownPathSaysWhereToLook() throws Exception {
    String token = served.token(SALES);
    JsonNode config = WireJson.tree(get("/iceberg/v1/config", token).body());
    List<String> endpoints = new ArrayList<>();
    config.path("endpoints").forEach(e -> endpoints.add(e.asText()));
    assertThat(endpoints)
        .contains(
            "GET /v1/{prefix}/namespaces/{namespace}/tables/{table}",
            "POST /v1/{prefix}/transactions/commit",
            "POST /v1/{prefix}/namespaces/{namespace}/register",
            "DELETE /v1/{prefix}/namespaces/{namespace}/views/{view}");

    HttpResponse<String> malformed =
        http.send(
            HttpRequest.newBuilder(URI.create(served.server().uri() + "/iceberg/v1/namespaces"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"namespace\": [\"staging\""))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(WireJson.tree(malformed.body()).path("error").path("message").asText())
        .startsWith("malformed CreateNamespaceRequest: ");

    HttpResponse<String> unknown = get("/iceberg/v1/nothing/here", token);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(WireJson.tree(unknown.body()).path("error").path("message").asText())
        .contains("GET /iceberg/v1/config lists the endpoints served");
  }

  /** A commit of one property on the table's metadata as loaded now. */
  private static TableCommit setProperty(
      RESTCatalog catalog, TableIdentifier table, String key, String value) {
    TableMetadata base = ((HasTableOperations) catalog.loadTable(table)).operations().current();
    return TableCommit.create(
        table, base, TableMetadata.buildFrom(base).setProperties(Map.of(key, value)).build());
  }

  private List<AuditEvent> refusedWrites(Principal actor) {
    return demo
        .governance
        .audit(MeshFixtures.GOVERNANCE, AuditQuery.all().withActor(actor))
        .stream()
        .filter(e -> e.action() == AuditAction.WRITE && e.refused())
        .toList();
  }

  private RESTCatalog client(Principal principal) {
    String[] pair = pair(served.token(principal));
    RESTCatalog client = new RESTCatalog();
    clients.add(client);
    client.setConf(new Configuration());
    client.initialize("mesh", Map.of("uri", uri(), "credential", pair[0] + ":" + pair[1]));
    return client;
  }

  private String uri() {
    return served.server().uri() + "/iceberg";
  }

  /**
   * A token lmt_ID_SECRET as Iceberg's credential pair; the id is hex, so the first '_' after it
   * ends it.
   */
  private static String[] pair(String token) {
    int end = token.indexOf('_', 4);
    return new String[] {token.substring(4, end), token.substring(end + 1)};
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(served.server().uri() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(served.server().uri() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
