package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.client.ApiError;
import io.lakemesh.client.HttpGovernance;
import io.lakemesh.client.WireJson;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.Governance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps one client from starving or bloating the server, and a browser from being turned
 * against its user: UI files held once, slow bodies that take no thread and are cut off, a bounded
 * number of requests in flight per token, security headers on every answer, internal errors told by
 * id only.
 */
class ServerHardeningTest {
  private static final String CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'";

  @TempDir Path dir;
  private DemoCatalog demo;
  private CatalogServer server;
  private AccessTokens tokens;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void catalog() {
    demo = new DemoCatalog(dir).withProducts(2);
    tokens = new AccessTokens(demo.catalog, demo.governance);
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
    demo.close();
  }

  private void start(CatalogServerOptions options) {
    server =
        CatalogServer.start(demo.governance, demo.catalog, options.port(0).requestLog(log::add));
  }

  @Test
  void theUiFilesAreReadOnceAndTwentyThousandDistinctMissesLeaveNothingBehind() throws Exception {
    StaticFiles files = new StaticFiles("/ui/");
    Set<String> held =
        Set.of(
            "index.html",
            "style.css",
            "openapi.json",
            "core.js",
            "discover.js",
            "product.js",
            "connect.js",
            "quality.js",
            "lineage.js",
            "access.js",
            "requests.js",
            "audit.js",
            "runs.js",
            "start.js");
    assertThat(files.names()).isEqualTo(held);
    for (int i = 0; i < 20_000; i++) {
      assertThat(files.find("/" + "missing-page-".repeat(20) + i)).isEmpty();
    }
    assertThat(files.names()).isEqualTo(held);
    assertThat(files.find("/")).isPresent();

    start(CatalogServerOptions.defaults());
    assertThat(send(get("/style.css")).statusCode()).isEqualTo(200);
    HttpResponse<String> miss = send(get("/" + "x".repeat(2000)));
    assertThat(miss.statusCode()).isEqualTo(404);
    assertThat(WireJson.tree(miss.body()).path("error").path("code").asText())
        .isEqualTo("not_found");
  }

  @Test
  void fortyBodiesSentAByteASecondTakeNoThreadFromHealthOrTheApi() throws Exception {
    // Fewer threads than slow clients, no minimum rate and no limit per token: only reading bodies
    // before a thread is taken keeps the server answering.
    start(
        CatalogServerOptions.defaults()
            .maxThreads(10)
            .minRequestBytesPerSecond(0)
            .maxInFlightPerToken(0));
    String marketing = token(MARKETING);
    List<OutputStream> slow = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      slow.add(openBody(marketing, 1000, "{"));
    }
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    trickle.scheduleAtFixedRate(
        () ->
            slow.forEach(
                out -> {
                  try {
                    out.write(' ');
                    out.flush();
                  } catch (IOException e) {
                    // The server may close a connection; the others go on.
                  }
                }),
        1,
        1,
        TimeUnit.SECONDS);
    try {
      for (int round = 0; round < 3; round++) {
        assertThat(send(get("/health")).statusCode()).isEqualTo(200);
        HttpResponse<String> requests =
            send(get("/api/v1/requests").header("Authorization", "Bearer " + token(SALES)));
        assertThat(requests.statusCode()).isEqualTo(200);
        HttpResponse<String> posted =
            send(
                HttpRequest.newBuilder(server.uri().resolve("/api/v1/requests/999/deny"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token(SALES))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"no\"}")));
        assertThat(posted.statusCode()).isEqualTo(404);
      }
    } finally {
      trickle.shutdownNow();
    }
  }

  @Test
  void aBodyBelowTheMinimumDataRateIsCutOffWith408() throws Exception {
    start(CatalogServerOptions.defaults());
    Socket socket = new Socket("127.0.0.1", server.port());
    sockets.add(socket);
    socket.setSoTimeout(30_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        head("POST", "/api/v1/requests/1/deny", token(SALES), 200)
            .getBytes(StandardCharsets.US_ASCII));
    out.write('{');
    out.flush();
    String answer = null;
    InputStream in = socket.getInputStream();
    for (int i = 0; i < 25 && answer == null; i++) {
      Thread.sleep(1000);
      try {
        out.write(' ');
        out.flush();
      } catch (IOException closed) {
        // The server has answered and closed its side.
      }
      if (in.available() > 0) {
        answer = new String(in.readNBytes(in.available()), StandardCharsets.UTF_8);
      }
    }
    assertThat(answer).as("an answer before the 60 s idle timeout").isNotNull();
    assertThat(answer).startsWith("HTTP/1.1 408").contains("\"code\":\"request_timeout\"");
  }

  @Test
  void aTokenWithTooManyRequestsInFlightIsAnswered429WithRetryAfterWhileOthersAreServed()
      throws Exception {
    start(CatalogServerOptions.defaults().maxInFlightPerToken(1));
    String sales = token(SALES);
    // One request of sales' stays in flight: its body is announced and never finished.
    Socket held = new Socket("127.0.0.1", server.port());
    sockets.add(held);
    held.getOutputStream()
        .write(
            (head("POST", "/api/v1/requests/1/deny", sales, 100) + "{\"re")
                .getBytes(StandardCharsets.US_ASCII));
    held.getOutputStream().flush();

    HttpResponse<String> refused = null;
    for (int i = 0; i < 50 && refused == null; i++) {
      HttpResponse<String> r =
          send(get("/api/v1/requests").header("Authorization", "Bearer " + sales));
      if (r.statusCode() == 429) {
        refused = r;
      } else {
        Thread.sleep(100); // the held request has not reached the server yet
      }
    }
    assertThat(refused).as("a second request of the same token is refused").isNotNull();
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(WireJson.tree(refused.body()).path("error").path("code").asText())
        .isEqualTo("too_many_requests");
    assertThat(log)
        .anySatisfy(line -> assertThat(WireJson.tree(line).path("status").asInt()).isEqualTo(429));

    assertThat(
            send(get("/api/v1/requests").header("Authorization", "Bearer " + token(MARKETING)))
                .statusCode())
        .isEqualTo(200);
    assertThat(send(get("/health")).statusCode()).isEqualTo(200);
    // lakemesh's client waits as told a few times, then gives the server's reason.
    HttpGovernance client = new HttpGovernance(server.uri(), demo.governance.mesh(), p -> sales);
    assertThatThrownBy(() -> client.requests(SALES))
        .isInstanceOf(ApiError.RemoteException.class)
        .hasMessageContaining("this token has 1 requests in flight");

    held.close();
    int status = 0;
    for (int i = 0; i < 50 && status != 200; i++) {
      status =
          send(get("/api/v1/requests").header("Authorization", "Bearer " + sales)).statusCode();
      if (status != 200) {
        Thread.sleep(100); // the server has not yet seen the connection close
      }
    }
    assertThat(status).as("the token's slot is free once its request has ended").isEqualTo(200);
    assertThat(client.requests(SALES)).isEqualTo(demo.governance.requests(SALES));
  }

  @Test
  void everyAnswerCarriesTheSecurityHeadersAndNoServerVersion() throws Exception {
    start(CatalogServerOptions.defaults());
    List<HttpRequest.Builder> requests =
        List.of(
            get("/"),
            get("/core.js"),
            get("/health"),
            get("/openapi.json"),
            get("/no-such-page"),
            get("/api/v1/requests"),
            get("/api/v1/requests").header("Authorization", "Bearer " + token(SALES)));
    for (HttpRequest.Builder request : requests) {
      HttpResponse<String> r = send(request);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(r.uri().toString())
          .hasValue(CSP);
      assertThat(r.headers().firstValue("X-Content-Type-Options"))
          .as(r.uri().toString())
          .hasValue("nosniff");
      assertThat(r.headers().firstValue("Server")).as(r.uri().toString()).isEmpty();
    }
  }

  @Test
  void anInternalErrorAnswersAnIdThatTheLogLineCarriesAndNotTheExceptionText() throws Exception {
    Function<Governance, Router> routes =
        rules ->
            new ApiRoutes(rules)
                .router()
                .get(
                    "/explode",
                    call -> {
                      throw new IllegalStateException(
                          "cannot reach jdbc:postgresql://db/lm?password=hunter2 from /srv/secret");
                    });
    server =
        CatalogServer.start(
            demo.governance,
            demo.catalog,
            CatalogServerOptions.defaults().port(0).requestLog(log::add),
            routes);

    HttpResponse<String> r =
        send(get("/api/v1/explode").header("Authorization", "Bearer " + token(SALES)));

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).doesNotContain("hunter2", "/srv/secret", "IllegalStateException", "jdbc:");
    JsonNode error = WireJson.tree(r.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("internal");
    String id =
        error.path("message").asText().replaceFirst("^internal error ([0-9a-f]+): .*$", "$1");
    assertThat(id).matches("[0-9a-f]{12}");
    JsonNode line = WireJson.tree(log.get(log.size() - 1));
    assertThat(line.path("path").asText()).isEqualTo("/api/v1/explode");
    assertThat(line.path("status").asInt()).isEqualTo(500);
    assertThat(line.path("error_id").asText()).isEqualTo(id);
  }

  private String token(Principal principal) {
    return tokens.issue(principal, Duration.ofHours(1), "test").text();
  }

  /** A connection that has sent a request's head and the first bytes of its body. */
  private OutputStream openBody(String token, int length, String first) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    sockets.add(socket);
    OutputStream out = socket.getOutputStream();
    out.write(
        (head("POST", "/api/v1/requests", token, length) + first)
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return out;
  }

  private static String head(String method, String path, String token, int length) {
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + "Content-Length: "
        + length
        + "\r\n\r\n";
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(server.uri() + path))
        .timeout(Duration.ofSeconds(20))
        .GET();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
