package io.lakemesh.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.client.WireJson;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog server of a demo catalog with three products, on loopback over a real SQLite catalog,
 * and the requests a test of its API sends.
 */
abstract class ServerApiTestBase {
  @TempDir Path dir;
  DemoCatalog demo;
  ServedCatalog served;
  final HttpClient http = HttpClient.newHttpClient();

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

  List<Router.Route> routes() {
    return new ApiRoutes(demo.governance).router().routes();
  }

  static JsonNode error(HttpResponse<String> r) {
    return WireJson.tree(r.body()).path("error");
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return send("GET", path, token, null, null);
  }

  HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    return send(method, path, token, body, null);
  }

  HttpResponse<String> send(String method, String path, String token, String body, String actingAs)
      throws Exception {
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
