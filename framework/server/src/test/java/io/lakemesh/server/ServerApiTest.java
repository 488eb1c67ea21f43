package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.client.WireJson;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AccessToken;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.rules.SearchQuery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's contract on loopback over a real SQLite catalog: authentication, errors, pages, limits.
 */
class ServerApiTest {
  @TempDir Path dir;
  private DemoCatalog demo;
  private ServedCatalog served;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    demo = new DemoCatalog(dir).withProducts(3);
    served = new ServedCatalog(demo.governance, demo.catalog);
  }

  @AfterEach
  void stop() {
    served.close();
    demo.close();
  }

  @Test
  void healthAndTheOpenApiDescriptionNeedNoTokenAndTheDescriptionNamesEveryRoute()
      throws Exception {
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
    HttpResponse<String> openapi = get("/openapi.json", null);
    assertThat(openapi.statusCode()).isEqualTo(200);
    JsonNode doc = WireJson.tree(openapi.body());
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    List<String> missing = new ArrayList<>();
    for (Router.Route route : routes()) {
      JsonNode op =
          doc.path("paths").path("/api/v1" + route.template()).path(route.method().toLowerCase());
      if (op.isMissingNode()) {
        missing.add(route.method() + " " + route.template());
      }
    }
    assertThat(missing).as("routes missing from openapi.json").isEmpty();
  }

  @Test
  void everyApiPathRefusesNoTokenAnUnknownAnExpiredAndARevokedToken() throws Exception {
    String expired = served.tokens().issue(SALES, Duration.ofMillis(1), "expired").text();
    AccessTokens.Issued revoked = served.tokens().issue(SALES, null, "revoked");
    served.tokens().revoke(revoked.token().id());
    Thread.sleep(5);
    String unknown = "lmt_000000000000_" + "x".repeat(43);
    List<String> tokens = new ArrayList<>();
    tokens.add(null);
    tokens.add(unknown);
    tokens.add(expired);
    tokens.add(revoked.text());
    int checked = 0;
    for (Router.Route route : routes()) {
      String path = "/api/v1" + route.template().replaceAll("\\{[a-z]+}", "1");
      for (String token : tokens) {
        HttpResponse<String> r = send(route.method(), path, token, "{}");
        assertThat(r.statusCode())
            .as(route.method() + " " + path + " with " + token)
            .isEqualTo(401);
        assertThat(error(r).path("code").asText()).isEqualTo("unauthenticated");
        checked++;
      }
    }
    System.out.printf(
        "authentication: %d API routes x %d bad credentials = %d requests, all 401%n",
        routes().size(), tokens.size(), checked);
    assertThat(error(get("/api/v1/products", expired)).path("message").asText())
        .contains("expired");
    assertThat(error(get("/api/v1/products", revoked.text())).path("message").asText())
        .contains("revoked");
    assertThat(get("/api/v1/products", served.token(SALES)).statusCode()).isEqualTo(200);
  }

  @Test
  void aRequestsJustificationTravelsUnderTheKeyJustificationBothWays() throws Exception {
    String body =
        "{\"resource\": "
            + WireJson.write(Resource.table(DemoCatalog.ORDERS))
            + ", \"permissions\": [\"SELECT\"], \"justification\": \"Churn model, weekly.\"}";

    HttpResponse<String> asked = send("POST", "/api/v1/requests", served.token(MARKETING), body);

    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
    assertThat(WireJson.tree(asked.body()).path("justification").asText())
        .isEqualTo("Churn model, weekly.");
    JsonNode listed = WireJson.tree(get("/api/v1/requests", served.token(SALES)).body());
    assertThat(listed.path("items").get(0).path("justification").asText())
        .isEqualTo("Churn model, weekly.");
    // A client that sends none (as before justifications existed) asks with none.
    String without =
        "{\"resource\": "
            + WireJson.write(Resource.table(DemoCatalog.ORDERS))
            + ", \"permissions\": [\"SELECT\"]}";
    HttpResponse<String> plain = send("POST", "/api/v1/requests", served.token(FINANCE), without);
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    assertThat(WireJson.tree(plain.body()).path("justification").asText()).isEmpty();
  }

  @Test
  void aReadersOwnAccessIsNeverRefusedAndTheRequestViewsSplitDecideFromMine() throws Exception {
    AccessRequest asked =
        demo.governance.requestAccess(
            MARKETING, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));
    String mine = "/api/v1/tables/sales/sales/orders/access/mine";

    JsonNode consumer = WireJson.tree(get(mine, served.token(MARKETING)).body());
    assertThat(consumer.path("mayDescribe").asBoolean()).isFalse();
    assertThat(consumer.path("mayDecide").asBoolean()).isFalse();
    assertThat(consumer.path("grants")).isEmpty();
    assertThat(consumer.path("requests").get(0).path("id").asLong()).isEqualTo(asked.id());
    JsonNode producer = WireJson.tree(get(mine, served.token(SALES)).body());
    assertThat(producer.path("mayDecide").asBoolean()).isTrue();
    HttpResponse<String> missing =
        get("/api/v1/tables/sales/sales/nothing/access/mine", served.token(MARKETING));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(error(missing).path("message").asText())
        .isEqualTo(
            "no product sales:sales.nothing that marketing may discover (bin/lakemesh search --as marketing lists them)");
    assertThat(demo.governance.audit(MeshFixtures.GOVERNANCE, AuditQuery.all()))
        .noneMatch(e -> e.outcome() == AuditEvent.Outcome.REFUSED);

    assertThat(
            WireJson.tree(get("/api/v1/requests?view=to-decide", served.token(SALES)).body())
                .path("total")
                .asInt())
        .isEqualTo(1);
    assertThat(
            WireJson.tree(get("/api/v1/requests?view=mine", served.token(SALES)).body())
                .path("total")
                .asInt())
        .isZero();
    assertThat(
            WireJson.tree(get("/api/v1/requests?view=to-decide", served.token(MARKETING)).body())
                .path("total")
                .asInt())
        .isZero();
    assertThat(
            WireJson.tree(get("/api/v1/requests?view=mine", served.token(MARKETING)).body())
                .path("total")
                .asInt())
        .isEqualTo(1);
    HttpResponse<String> unknown = get("/api/v1/requests?view=yours", served.token(SALES));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(error(unknown).path("message").asText())
        .isEqualTo("unknown request view 'yours': expected to-decide or mine (or none for all)");
  }

  @Test
  void anotherAccountsTokenActsAsItsOwnPrincipalOnlyAndIsRefusedAsTheProducer() throws Exception {
    AccessRequest asked =
        demo.governance.requestAccess(
            MARKETING, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));
    String marketing = served.token(MARKETING);
    String approve = "/api/v1/requests/" + asked.id() + "/approve";

    HttpResponse<String> claimed = send("POST", approve, marketing, "{}", "sales");
    assertThat(claimed.statusCode()).isEqualTo(403);
    assertThat(error(claimed).path("message").asText())
        .isEqualTo("access denied: the token of marketing cannot act as sales");

    HttpResponse<String> own = send("POST", approve, marketing, "{}", null);
    assertThat(own.statusCode()).isEqualTo(403);
    assertThat(error(own).path("code").asText()).isEqualTo("access_denied");
    assertThat(error(own).path("message").asText()).contains("marketing");
    assertThat(demo.governance.requests(SALES))
        .singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(AccessRequest.State.PENDING));

    HttpResponse<String> producer = send("POST", approve, served.token(SALES), "{}", "sales");
    assertThat(producer.statusCode()).isEqualTo(200);
    assertThat(WireJson.tree(producer.body()).path("state").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void aDataFilterTravelsAsJsonAndAReadThroughItCarriesItsCells() throws Exception {
    String filters = "/api/v1/tables/sales/sales/orders/filters";
    String sales = served.token(SALES);
    HttpResponse<String> created =
        send(
            "POST",
            filters,
            sales,
            "{\"name\": \"us_only\", \"rowFilter\": \"country = 'US'\","
                + " \"excludedColumns\": [\"customer_id\"]}");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(WireJson.tree(created.body()).path("excludedColumns").toString())
        .isEqualTo("[\"customer_id\"]");
    HttpResponse<String> again =
        send("POST", filters, sales, "{\"name\": \"us_only\", \"rowFilter\": \"amount > 0\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(error(again).path("code").asText()).isEqualTo("already_exists");
    HttpResponse<String> bad =
        send("POST", filters, sales, "{\"name\": \"eu\", \"rowFilter\": \"region = 'EU'\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(error(bad).path("code").asText()).isEqualTo("invalid_request");

    HttpResponse<String> granted =
        send(
            "POST",
            "/api/v1/grants",
            sales,
            "{\"grantee\": \"marketing\", \"resource\": {\"type\": \"data-filter\", \"id\":"
                + " {\"catalog\": \"sales\", \"database\": \"sales\", \"table\": \"orders\"},"
                + " \"filterName\": \"us_only\"}, \"permissions\": [\"SELECT\"]}");
    assertThat(granted.statusCode()).isEqualTo(200);
    JsonNode read =
        WireJson.tree(
            get("/api/v1/tables/sales/sales/orders/select", served.token(MARKETING)).body());

    assertThat(read.path("allColumns").asBoolean()).isFalse();
    assertThat(read.path("unfilteredColumns").toString()).isEqualTo("[]");
    assertThat(read.path("filters").toString())
        .isEqualTo(
            "[{\"table\":{\"catalog\":\"sales\",\"database\":\"sales\",\"table\":\"orders\"},"
                + "\"name\":\"us_only\",\"rowFilter\":\"country = 'US'\","
                + "\"includedColumns\":[\"amount\",\"country\",\"order_id\"],"
                + "\"excludedColumns\":[]}]");
    HttpResponse<String> dropped = send("POST", filters + "/us_only/drop", sales, "{}");
    assertThat(dropped.statusCode()).isEqualTo(200);
    assertThat(
            get("/api/v1/tables/sales/sales/orders/select", served.token(MARKETING)).statusCode())
        .isEqualTo(403);
  }

  @Test
  void issuingAndRevokingATokenAreAuditedInItsAccountsLogByTokenId() {
    AccessTokens.Issued issued = served.tokens().issue(MARKETING, Duration.ofHours(1), "reports");
    served.tokens().revoke(issued.token().id());

    List<AuditEvent> events =
        demo.governance.audit(
            MeshFixtures.GOVERNANCE,
            AuditQuery.ofLog("governance").withResource("token " + issued.token().id()));
    assertThat(events)
        .extracting(AuditEvent::action)
        .containsExactly(AuditAction.TOKEN_CREATE, AuditAction.TOKEN_REVOKE);
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.resource()).isEqualTo("token " + issued.token().id() + " of marketing");
              assertThat(e.actor()).isEqualTo(MARKETING);
              assertThat(e.toString()).doesNotContain(issued.text());
            });
    assertThat(events.get(0).after()).startsWith("valid until ").endsWith("; reports");
  }

  @Test
  void eventsMadeOverHttpNameTheTokenAndIdenticalRefusalsAreCounted() throws Exception {
    String token = served.token(MARKETING);
    String id = token.split("_")[1];
    for (int i = 0; i < 5; i++) {
      assertThat(send("GET", "/api/v1/products", token, null, "sales").statusCode()).isEqualTo(403);
    }
    AuditQuery claims =
        AuditQuery.ofLog("governance").withActor(MARKETING).withResource("principal sales");
    // The first refusal is in the log at once; the four after it are being counted.
    assertThat(demo.governance.audit(MeshFixtures.GOVERNANCE, claims))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.token()).isEqualTo(id);
              assertThat(e.count()).isEqualTo(1);
            });

    served.server().close();

    assertThat(demo.governance.audit(MeshFixtures.GOVERNANCE, claims))
        .extracting(AuditEvent::action, AuditEvent::token, AuditEvent::count)
        .containsExactly(
            Tuple.tuple(AuditAction.ACT_AS, id, 1), Tuple.tuple(AuditAction.ACT_AS, id, 4));
    assertThat(demo.governance.verifyAudit(MeshFixtures.GOVERNANCE, "governance").isIntact())
        .isTrue();
  }

  @Test
  void theAuditRouteCarriesEachEventsTokenAndCount() throws Exception {
    String token = served.token(MARKETING);
    String id = token.split("_")[1];
    assertThat(send("GET", "/api/v1/products", token, null, "sales").statusCode()).isEqualTo(403);

    List<AuditEvent> read =
        served
            .client()
            .audit(
                MeshFixtures.GOVERNANCE,
                AuditQuery.ofLog("governance").withResource("principal sales"));
    assertThat(read)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.token()).isEqualTo(id);
              assertThat(e.count()).isEqualTo(1);
              assertThat(e.hash()).hasSize(64);
            });
    JsonNode page =
        WireJson.tree(
            send(
                    "GET",
                    "/api/v1/audit?log=governance&resource=principal%20sales",
                    served.token(MeshFixtures.GOVERNANCE),
                    null)
                .body());
    assertThat(page.path("items").get(0).path("token").asText()).isEqualTo(id);
    assertThat(page.path("items").get(0).path("count").asInt()).isEqualTo(1);
  }

  @Test
  void aTokenClaimingToActAsAnotherPrincipalIsRefusedAndTheRefusalIsAudited() throws Exception {
    HttpResponse<String> claimed =
        send("GET", "/api/v1/products", served.token(MARKETING), null, "sales:engineer");

    assertThat(claimed.statusCode()).isEqualTo(403);
    assertThat(error(claimed).path("code").asText()).isEqualTo("access_denied");
    List<AuditEvent> refused =
        demo.governance.audit(
            MeshFixtures.GOVERNANCE,
            AuditQuery.ofLog("governance").withActor(MARKETING).withResource("principal "));
    assertThat(refused)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.ACT_AS);
              assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.REFUSED);
              assertThat(e.resource()).isEqualTo("principal sales:engineer");
              assertThat(e.reason()).isEqualTo(error(claimed).path("message").asText());
            });
    JsonNode logged = WireJson.tree(served.requestLog().get(served.requestLog().size() - 1));
    assertThat(logged.path("error").asText()).isEqualTo("access_denied");
  }

  @Test
  void errorsAreJsonWithAStableCodeAndLakemeshsMessage() throws Exception {
    String sales = served.token(SALES);
    HttpResponse<String> missing = get("/api/v1/tables/sales/sales/nothing", sales);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(error(missing).path("code").asText()).isEqualTo("not_found");
    assertThat(error(missing).path("message").asText()).contains("sales:sales.nothing");

    HttpResponse<String> malformed = send("POST", "/api/v1/grants", sales, "{\"grantee\": ", null);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(error(malformed).path("code").asText()).isEqualTo("invalid_request");

    HttpResponse<String> badName =
        send(
            "POST",
            "/api/v1/grants",
            sales,
            "{\"grantee\":\"marketing\",\"resource\":{\"type\":\"table\",\"id\":{\"catalog\":\"sales\",\"database\":\"sa'les\",\"table\":\"orders\"}},\"permissions\":[\"SELECT\"]}",
            null);
    assertThat(badName.statusCode()).isEqualTo(400);

    assertThat(get("/api/v1/nothing", sales).statusCode()).isEqualTo(404);
    HttpResponse<String> wrongMethod = send("DELETE", "/api/v1/grants", sales, "", null);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(error(wrongMethod).path("code").asText()).isEqualTo("method_not_allowed");
  }

  @Test
  void listsComeInPages() throws Exception {
    String gov = served.token(MeshFixtures.GOVERNANCE);
    JsonNode all = WireJson.tree(get("/api/v1/audit?limit=1000", gov).body());
    int total = all.path("total").asInt();
    assertThat(total).isGreaterThan(5);
    JsonNode page = WireJson.tree(get("/api/v1/audit?offset=2&limit=3", gov).body());
    assertThat(page.path("items")).hasSize(3);
    assertThat(page.path("offset").asInt()).isEqualTo(2);
    assertThat(page.path("items").get(0)).isEqualTo(all.path("items").get(2));
    assertThat(WireJson.tree(get("/api/v1/products?limit=2", gov).body()).path("items")).hasSize(2);
    assertThat(get("/api/v1/products?limit=5000", gov).statusCode()).isEqualTo(400);
  }

  @Test
  void productsComeInPagesThatSayWhereTheNextStarts() throws Exception {
    String gov = served.token(MeshFixtures.GOVERNANCE);
    JsonNode all = WireJson.tree(get("/api/v1/products", gov).body());
    assertThat(all.path("items")).hasSize(3);
    assertThat(all.path("total").asInt()).isEqualTo(3);
    assertThat(all.path("next").isNull()).isTrue();

    JsonNode first = WireJson.tree(get("/api/v1/products?limit=2", gov).body());
    assertThat(first.path("items")).hasSize(2);
    assertThat(first.path("total").asInt()).as("not counted: one more follows").isEqualTo(3);
    String next = first.path("next").asText();
    JsonNode rest = WireJson.tree(get("/api/v1/products?limit=2&after=" + next, gov).body());
    assertThat(rest.path("items")).containsExactly(all.path("items").get(2));
    assertThat(rest.path("next").isNull()).isTrue();
    JsonNode counted = WireJson.tree(get("/api/v1/products?offset=2&limit=2", gov).body());
    assertThat(counted.path("items")).containsExactly(all.path("items").get(2));
    assertThat(get("/api/v1/products?after=orders", gov).statusCode()).isEqualTo(400);
  }

  @Test
  void theClientReadsTheSamePagesAsTheEmbeddedRulesOneRequestEach() {
    var gov = MeshFixtures.GOVERNANCE;
    var client = served.client();
    var query = SearchQuery.text(null).withLimit(2);
    int requests = served.requestLog().size();
    var first = client.searchPage(gov, query);
    assertThat(served.requestLog()).hasSize(requests + 1);
    assertThat(first).isEqualTo(demo.governance.searchPage(gov, query));
    assertThat(first.next()).isPresent();
    var second = client.searchPage(gov, query.withAfter(first.next().get()));
    assertThat(second)
        .isEqualTo(demo.governance.searchPage(gov, query.withAfter(first.next().get())));
    assertThat(second.next()).isEmpty();
    assertThat(second.products()).doesNotContainAnyElementsOf(first.products());
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413AndRequestsAreLoggedAsJsonLines() throws Exception {
    String big = "{\"reason\":\"" + "x".repeat(1 << 20) + "\"}";
    HttpResponse<String> r =
        send("POST", "/api/v1/requests/1/deny", served.token(SALES), big, null);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(error(r).path("code").asText()).isEqualTo("payload_too_large");
    JsonNode last = WireJson.tree(served.requestLog().get(served.requestLog().size() - 1));
    assertThat(last.path("status").asInt()).isEqualTo(413);
    assertThat(last.path("principal").asText()).isEqualTo("sales");
    assertThat(last.path("path").asText()).isEqualTo("/api/v1/requests/1/deny");
    assertThat(last.has("ms")).isTrue();
  }

  @Test
  void tokensAreStoredAsHashesOnly() {
    AccessTokens.Issued issued = served.tokens().issue(MARKETING, Duration.ofDays(1), "laptop");
    AccessToken stored = served.tokens().list("marketing").get(0);
    assertThat(stored.secretHash())
        .isEqualTo(AccessTokens.hash(issued.text()))
        .doesNotContain(issued.text());
    assertThat(stored.principal()).isEqualTo(MARKETING);
    assertThat(issued.text()).startsWith("lmt_" + stored.id() + "_");
  }

  @Test
  void stoppingRefusesNewConnections() throws Exception {
    URI uri = served.server().uri();
    served.close();
    try {
      http.send(
          HttpRequest.newBuilder(uri.resolve("/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      throw new AssertionError("the stopped server answered");
    } catch (IOException expected) {
      // Connection refused: nothing listens any more.
    }
  }

  private List<Router.Route> routes() {
    return new ApiRoutes(demo.governance).router().routes();
  }

  private static JsonNode error(HttpResponse<String> r) {
    return WireJson.tree(r.body()).path("error");
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return send("GET", path, token, null, null);
  }

  private HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    return send(method, path, token, body, null);
  }

  private HttpResponse<String> send(
      String method, String path, String token, String body, String actingAs) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(served.server().uri().resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (actingAs != null) {
      b.header("Lakemesh-Acting-As", actingAs);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
