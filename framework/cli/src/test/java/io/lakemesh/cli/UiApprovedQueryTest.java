package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.runtime.Json;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI's access flow, through the API calls its pages make, ends in a query that works: a
 * consumer asks for SELECT on sales.orders, the producer approves two of its columns from its
 * requests to decide, and the first query of the consumer's connection guide (the text its product
 * page shows under "Your access"), run as the CLI command it is, returns exactly those columns.
 */
class UiApprovedQueryTest {
  @TempDir Path dir;
  private GovernanceCatalog catalog;
  private CatalogServer server;
  private AccessTokens tokens;
  private String catalogUri;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void servedOrders() {
    catalogUri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    LakemeshConfig lakemesh = LakemeshConfig.load(CliRun.config(dir, catalogUri, null, null), dir);
    catalog = CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri));
    Governance governance = Governance.over(lakemesh.mesh(Topology.CENTRAL), catalog);
    governance.publish(
        Principal.administrator("sales"),
        PublishedOrders.inWarehouse(lakemesh, "(1, 'c1', 'US', 10.0), (2, 'c2', 'FR', 20.0)"));
    server = CatalogServer.start(governance, catalog, CatalogServerOptions.defaults().port(0));
    tokens = new AccessTokens(catalog, governance);
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    catalog.close();
  }

  @Test
  void theFirstQueryShownAfterAnApprovalOfTwoColumnsReturnsThoseTwoColumns() throws Exception {
    String marketing = token("marketing");
    String sales = token("sales");
    JsonNode asked =
        call(
            marketing,
            "POST",
            "/requests",
            "{\"resource\": {\"type\": \"table\", \"id\": {\"catalog\": \"sales\", \"database\":"
                + " \"sales\", \"table\": \"orders\"}}, \"permissions\": [\"SELECT\"],"
                + " \"justification\": \"weekly campaign report\"}");
    long id = asked.path("id").asLong();
    assertThat(asked.path("state").asText()).isEqualTo("PENDING");

    JsonNode toDecide = call(sales, "GET", "/requests?view=to-decide", null);
    assertThat(toDecide.path("items")).hasSize(1);
    assertThat(toDecide.path("items").get(0).path("id").asLong()).isEqualTo(id);
    assertThat(toDecide.path("items").get(0).path("justification").asText())
        .isEqualTo("weekly campaign report");
    JsonNode approved =
        call(
            sales,
            "POST",
            "/requests/" + id + "/approve",
            "{\"permissions\": [\"SELECT\"], \"columns\": [\"order_id\", \"amount\"]}");
    assertThat(approved.path("state").asText()).isEqualTo("ACTIVE");

    JsonNode mine = call(marketing, "GET", "/tables/sales/sales/orders/access/mine", null);
    assertThat(mine.path("grants").get(0).path("resource").path("included").toString())
        .isEqualTo("[\"amount\",\"order_id\"]");
    JsonNode guide =
        call(
            marketing,
            "GET",
            "/tables/sales/sales/orders/connect?engine=spark&server="
                + URLEncoder.encode(server.uri().toString(), StandardCharsets.UTF_8),
            null);
    String query = guide.path("query").asText();
    assertThat(query)
        .isEqualTo(
            "bin/lakemesh query --as marketing \"SELECT * FROM sales_link.orders LIMIT 10\"");

    List<String> args = new ArrayList<>(words(query.substring("bin/lakemesh ".length())));
    Path config = CliRun.config(dir, catalogUri, server.uri().toString(), marketing);
    args.addAll(List.of("--json", "--config", config.toString(), "--home", dir.toString()));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.code()).as(run.all()).isZero();
    JsonNode rows = Json.MAPPER.readTree(run.out());
    assertThat(rows).hasSize(2);
    for (JsonNode row : rows) {
      Set<String> columns = new TreeSet<>();
      row.fieldNames().forEachRemaining(columns::add);
      assertThat(columns).containsExactly("amount", "order_id");
    }
  }

  private String token(String principal) {
    return tokens.issue(Principal.parse(principal), Duration.ofHours(1), "test").text();
  }

  private JsonNode call(String token, String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.uri() + "/api/v1" + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  /** A command line's words as a POSIX shell splits them: spaces, and double-quoted strings. */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }
}
