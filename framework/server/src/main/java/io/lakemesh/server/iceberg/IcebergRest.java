package io.lakemesh.server.iceberg;

import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.PathTemplate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ErrorResponse;

/**
 * The Iceberg REST catalog of the catalog server, mounted at {@code /iceberg}, so the catalog URI
 * an engine is given is {@code http://HOST:PORT/iceberg}: {@code GET /v1/config}, the OAuth2 token
 * exchange, and the catalog operations of {@link IcebergRoute} over the catalog each principal
 * sees. Answers and errors are Iceberg's JSON models.
 */
public final class IcebergRest {
  /** Where the endpoint is mounted on the server. */
  public static final String MOUNT = "/iceberg";

  private static final List<Endpoint> ENDPOINTS =
      Arrays.stream(IcebergRoute.values()).map(IcebergRoute::endpoint).toList();

  private final Function<Governance, PrincipalCatalogs> catalogs;
  private final TableCredentials credentials;
  private final OAuthTokens oauth;

  /**
   * @param catalogs the catalogs principals see, over the rules of one request (bound to its token,
   *     so that what is put on record names it)
   */
  public IcebergRest(
      Function<Governance, PrincipalCatalogs> catalogs,
      TableCredentials credentials,
      AccessTokens tokens) {
    this.catalogs = catalogs;
    this.credentials = credentials;
    this.oauth = new OAuthTokens(tokens, Clock.systemUTC());
  }

  /**
   * An answer: a status and a JSON body (null for none); {@code code} names an error for the
   * request log.
   */
  public record Answer(int status, String json, String code) {
    static Answer json(int status, String json, String code) {
      return new Answer(status, json, code);
    }

    static Answer of(ErrorResponse error) {
      return new Answer(error.code(), IcebergJson.write(error), error.type());
    }
  }

  /** True for the token exchange, the one path answered without a bearer token. */
  public static boolean isTokenExchange(String method, String path) {
    return method.equals("POST") && path.equals("/v1/oauth/tokens");
  }

  public Answer exchange(String form) {
    return oauth.exchange(form);
  }

  /** A request that came without a valid token. */
  public static Answer unauthenticated(String message) {
    return Answer.of(
        IcebergErrors.error(
            401,
            "NotAuthorizedException",
            message + " (an Iceberg client sends token=lmt_... or credential=ID:SECRET)"));
  }

  /** A failure of the server's own, reported by the message only (an incident id). */
  public static Answer failure(int status, String type, String message) {
    return Answer.of(IcebergErrors.error(status, type, message));
  }

  /**
   * Answers a request of an authenticated principal.
   *
   * @param rawPath the path below {@link #MOUNT}, still URL-encoded ({@code /v1/namespaces/a%1Fb})
   * @throws RuntimeException an internal failure, which the caller reports with an incident id
   */
  public Answer handle(
      Governance rules,
      Principal principal,
      String method,
      String rawPath,
      Map<String, String> query,
      String body) {
    String[] path = PathTemplate.split(rawPath);
    if (method.equals("GET") && rawPath.equals("/v1/config")) {
      return ok(ConfigResponse.builder().withEndpoints(ENDPOINTS).build());
    }
    boolean[] knownPath = new boolean[1];
    Optional<IcebergRoute.Match> match = IcebergRoute.match(method, path, knownPath);
    if (match.isEmpty()) {
      return knownPath[0]
          ? failure(
              405, "MethodNotAllowedException", method + " is not allowed on " + MOUNT + rawPath)
          : failure(
              400,
              "BadRequestException",
              "No route for request: "
                  + method
                  + " "
                  + MOUNT
                  + rawPath
                  + " (GET "
                  + MOUNT
                  + "/v1/config lists the endpoints served)");
    }
    IcebergCall call =
        new IcebergCall(
            rules,
            principal,
            catalogs.apply(rules).catalogFor(principal),
            match.get().vars(),
            query,
            body,
            credentials);
    try {
      return ok(match.get().route().apply(call));
    } catch (RuntimeException e) {
      return IcebergErrors.of(e).map(Answer::of).orElseThrow(() -> e);
    }
  }

  private static Answer ok(Object response) {
    return response == null
        ? new Answer(204, null, null)
        : new Answer(200, IcebergJson.write(response), null);
  }
}
