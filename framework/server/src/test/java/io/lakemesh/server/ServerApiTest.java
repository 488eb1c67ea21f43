package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.client.WireJson;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.rules.SearchQuery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The API's contract on loopback over a real SQLite catalog: errors, pages, limits. Tokens are
 * {@link ServerTokensTest}'s.
 */
class ServerApiTest extends ServerApiTestBase {
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
}
