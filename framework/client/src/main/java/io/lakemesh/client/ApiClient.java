package io.lakemesh.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.catalog.UrlCredentials;
import io.lakemesh.client.Wire.Page;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.governance.Principal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Requests to the catalog server's API, each with the token of the principal it acts as, and their
 * answers read back as lakemesh values; error answers become the lakemesh exceptions they stand
 * for. Lists are read page by page until complete. The JDK's client keeps connections to the server
 * open and reuses them.
 */
final class ApiClient {
  private static final int PAGE = 500;
  private static final int BUSY_RETRIES = 3;

  private final URI base;
  private final Function<Principal, String> tokens;
  private final HttpClient http;

  /**
   * @param server the server, e.g. {@code https://catalog.example.com:8181}, and what to trust
   * @param tokens the token to send for a principal (null: the token's own principal acts)
   */
  ApiClient(ServerEndpoint server, Function<Principal, String> tokens) {
    this.base = URI.create(server.url().toString().replaceAll("/+$", ""));
    this.tokens = tokens;
    this.http = server.client();
  }

  URI base() {
    return base;
  }

  <T> T get(Principal actor, String path, Class<T> type) {
    return send(actor, "GET", path, null, WireJson.mapper().constructType(type));
  }

  <T> T get(Principal actor, String path, TypeReference<T> type) {
    return send(actor, "GET", path, null, WireJson.mapper().constructType(type));
  }

  <T> T post(Principal actor, String path, Object body, Class<T> type) {
    return send(actor, "POST", path, body, WireJson.mapper().constructType(type));
  }

  /** Every item of a paged list, page after page. */
  <T> List<T> list(Principal actor, String path, String query, Class<T> item) {
    JavaType pageType =
        WireJson.mapper().getTypeFactory().constructParametricType(Page.class, item);
    List<T> all = new ArrayList<>();
    int offset = 0;
    while (true) {
      String sep = query.isEmpty() ? "?" : "?" + query + "&";
      Page<T> page =
          send(actor, "GET", path + sep + "offset=" + offset + "&limit=" + PAGE, null, pageType);
      all.addAll(page.items());
      offset += page.items().size();
      if (!page.hasMore() || page.items().isEmpty()) {
        return all;
      }
    }
  }

  private <T> T send(Principal actor, String method, String path, Object body, JavaType type) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + Wire.API + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json")
            .method(
                method,
                body == null && method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(
                        body == null ? "{}" : WireJson.write(body)));
    if (!method.equals("GET")) {
      request.header("Content-Type", "application/json");
    }
    String token = tokens.apply(actor);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (actor != null) {
      request.header(Wire.ACTING_AS, actor.toString());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      // The token has the most requests in flight that the server takes: wait as told, a few times.
      for (int retry = 0; response.statusCode() == 429 && retry < BUSY_RETRIES; retry++) {
        Thread.sleep(1000L * retryAfterSeconds(response));
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      }
    } catch (IOException e) {
      throw new ExternalServiceException(
          "catalog server "
              + UrlCredentials.mask(base.toString())
              + " unreachable: "
              + Unreachable.why(base, e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExternalServiceException(
          "interrupted while calling " + UrlCredentials.mask(base.toString()), e);
    }
    try {
      if (response.statusCode() >= 400) {
        JsonNode error = WireJson.tree(response.body()).path("error");
        throw new ApiError(
                error.path("code").asText(ApiError.INTERNAL),
                error.path("message").asText(response.body()))
            .toException();
      }
      return WireJson.mapper().readValue(response.body(), type);
    } catch (IOException | RuntimeException e) {
      if (e instanceof LakemeshException l) {
        throw l;
      }
      throw new ExternalServiceException(
          "catalog server "
              + UrlCredentials.mask(base.toString())
              + " answered "
              + method
              + " "
              + path
              + " with HTTP "
              + response.statusCode()
              + " that could not be read: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The server's {@code Retry-After} in seconds, between 1 and 10 (1 when absent or not a number).
   */
  private static long retryAfterSeconds(HttpResponse<?> response) {
    try {
      return Math.max(
          1,
          Math.min(10, Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"))));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
