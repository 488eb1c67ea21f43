package io.lakemesh.server;

import io.lakemesh.client.ApiError;
import io.lakemesh.client.Wire;
import io.lakemesh.client.WireJson;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.governance.AccessToken;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.iceberg.IcebergRest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Every request: {@code /health} and {@code /openapi.json} open to all, {@code /api/v1/...} only
 * with a valid token and acting as the token's principal only (another claim is refused and
 * audited), everything else the web UI's files. Errors are JSON with a stable code; each request is
 * logged as one JSON line (time, method, path, status, principal, milliseconds).
 */
final class ApiHandler extends Handler.Abstract {
  private final Function<Governance, Router> routes;
  private final Governance governance;
  private final AccessTokens tokens;
  private final long maxRequestBytes;
  private final RequestLog requestLog;
  private final StaticFiles files = new StaticFiles("/ui/");
  private final IcebergRest iceberg;

  /** {@code routes} makes the routes over the rules bound to one request's token. */
  ApiHandler(
      Function<Governance, Router> routes,
      Governance governance,
      AccessTokens tokens,
      long maxRequestBytes,
      Consumer<String> requestLog,
      IcebergRest iceberg) {
    this.routes = routes;
    this.iceberg = iceberg;
    this.governance = governance;
    this.tokens = tokens;
    this.maxRequestBytes = maxRequestBytes;
    this.requestLog = new RequestLog(requestLog);
  }

  /** What a request produced; {@code errorId} names an internal error in the server's log. */
  private record Reply(
      int status,
      String contentType,
      byte[] body,
      Principal principal,
      String code,
      String errorId) {
    static Reply json(int status, Object value, Principal principal) {
      return new Reply(
          status,
          "application/json; charset=utf-8",
          WireJson.write(value).getBytes(StandardCharsets.UTF_8),
          principal,
          null,
          null);
    }

    static Reply file(String path, byte[] body) {
      return new Reply(200, StaticFiles.contentType(path), body, null, null, null);
    }

    static Reply iceberg(IcebergRest.Answer answer, Principal principal) {
      byte[] body =
          answer.json() == null ? new byte[0] : answer.json().getBytes(StandardCharsets.UTF_8);
      return new Reply(
          answer.status(), "application/json; charset=utf-8", body, principal, answer.code(), null);
    }

    static Reply error(ApiError error, Principal principal) {
      return error(error, principal, null);
    }

    static Reply error(ApiError error, Principal principal, String errorId) {
      return new Reply(
          error.status(),
          "application/json; charset=utf-8",
          WireJson.write(Map.of("error", error)).getBytes(StandardCharsets.UTF_8),
          principal,
          error.code(),
          errorId);
    }

    /** A failure of lakemesh's own, with its message; an internal one only with an incident id. */
    static Reply failure(LakemeshException e, Principal principal) {
      return e.kind() == ErrorKind.INTERNAL
          ? internal(e, principal)
          : error(ApiError.of(e), principal);
    }

    static Reply internal(Throwable e, Principal principal) {
      Incident incident = Incident.of(e);
      return error(incident.error(), principal, incident.id());
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    Reply reply = reply(request, path, method);
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    // Logged before the write completes, so the line exists by the time the client has its answer.
    log(method, path, reply, started);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
    return true;
  }

  private Reply reply(Request request, String path, String method) {
    if (path.equals("/health")) {
      return Reply.json(200, Map.of("status", "ok"), null);
    }
    if (path.equals("/openapi.json")) {
      return files
          .find("/openapi.json")
          .map(f -> Reply.file(path, f))
          .orElseGet(
              () -> Reply.error(new ApiError(ApiError.NOT_FOUND, "no OpenAPI description"), null));
    }
    if (path.equals("/api") || path.startsWith("/api/")) {
      return api(request, path, method);
    }
    if (path.startsWith(IcebergRest.MOUNT + "/")) {
      return iceberg(request, method);
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Reply.error(
          new ApiError(ApiError.METHOD_NOT_ALLOWED, method + " is not allowed on " + path), null);
    }
    return files
        .find(path)
        .map(body -> Reply.file(path, body))
        .orElseGet(
            () -> Reply.error(new ApiError(ApiError.NOT_FOUND, "no such page: " + path), null));
  }

  private Reply api(Request request, String path, String method) {
    AccessToken token;
    try {
      token = tokens.authenticated(bearer(request));
    } catch (AccessDeniedException e) {
      return Reply.error(new ApiError(ApiError.UNAUTHENTICATED, e.getMessage()), null);
    }
    Principal principal = token.principal();
    // Every event the request appends names the token it came with.
    Governance rules = governance.byToken(token.id());
    try {
      rules.actingAs(principal, request.getHeaders().get(Wire.ACTING_AS));
    } catch (LakemeshException e) {
      return Reply.failure(e, principal);
    }
    if (!path.startsWith(Wire.API + "/")) {
      return Reply.error(
          new ApiError(
              ApiError.NOT_FOUND, "no such API path: " + path + " (the API is " + Wire.API + ")"),
          principal);
    }
    try {
      Optional<Router.Match> match =
          routes.apply(rules).match(method, path.substring(Wire.API.length()));
      if (match.isEmpty()) {
        return Reply.error(
            new ApiError(ApiError.NOT_FOUND, "no such API path: " + path), principal);
      }
      String body = method.equals("GET") ? "" : body(request);
      Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      Call call = new Call(principal, match.get().vars(), query, body);
      Object result = match.get().route().action().apply(call);
      return Reply.json(200, result == null ? Map.of() : result, principal);
    } catch (Router.MethodNotAllowed e) {
      return Reply.error(new ApiError(ApiError.METHOD_NOT_ALLOWED, e.getMessage()), principal);
    } catch (TooLarge e) {
      return Reply.error(new ApiError(ApiError.PAYLOAD_TOO_LARGE, e.getMessage()), principal);
    } catch (BodyUnreadable e) {
      return Reply.error(e.error(), principal);
    } catch (LakemeshException e) {
      return Reply.failure(e, principal);
    } catch (IllegalArgumentException | NullPointerException e) {
      // Value records refuse bad input on construction (a missing field, a bad id).
      return Reply.error(
          new ApiError(ApiError.BAD_USAGE, "bad request: " + e.getMessage()), principal);
    } catch (RuntimeException e) {
      return Reply.internal(e, principal);
    }
  }

  /**
   * The Iceberg REST catalog: the token exchange open to all, everything else with a valid token,
   * as its principal. Errors are Iceberg's; an internal one carries an incident id only.
   */
  private Reply iceberg(Request request, String method) {
    // The raw path: Iceberg encodes a namespace's levels (%1F) and names inside one segment.
    String raw = request.getHttpURI().getPath().substring(IcebergRest.MOUNT.length());
    Principal principal = null;
    try {
      if (IcebergRest.isTokenExchange(method, raw)) {
        return Reply.iceberg(iceberg.exchange(body(request)), null);
      }
      AccessToken token;
      try {
        token = tokens.authenticated(bearer(request));
      } catch (AccessDeniedException e) {
        return Reply.iceberg(IcebergRest.unauthenticated(e.getMessage()), null);
      }
      principal = token.principal();
      String body = method.equals("POST") ? body(request) : "";
      Map<String, String> query = new HashMap<>();
      Request.extractQueryParameters(request, StandardCharsets.UTF_8)
          .forEach(f -> query.put(f.getName(), f.getValue()));
      return Reply.iceberg(
          iceberg.handle(governance.byToken(token.id()), principal, method, raw, query, body),
          principal);
    } catch (TooLarge e) {
      return Reply.iceberg(
          IcebergRest.failure(413, "BadRequestException", e.getMessage()), principal);
    } catch (BodyUnreadable e) {
      ApiError error = e.error();
      return Reply.iceberg(
          IcebergRest.failure(error.status(), "BadRequestException", error.message()), principal);
    } catch (RuntimeException e) {
      Incident incident = Incident.of(e);
      IcebergRest.Answer answer =
          IcebergRest.failure(500, "ServiceFailureException", incident.error().message());
      return new Reply(
          500,
          "application/json; charset=utf-8",
          Reply.iceberg(answer, principal).body(),
          principal,
          ApiError.INTERNAL,
          incident.id());
    }
  }

  static String bearer(Request request) {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (header == null) {
      return null;
    }
    return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : null;
  }

  private static final class TooLarge extends RuntimeException {
    TooLarge(String message) {
      super(message);
    }
  }

  /** A body that did not arrive: too slowly for the minimum data rate, or cut off. */
  private static final class BodyUnreadable extends RuntimeException {
    private final transient ApiError error;

    BodyUnreadable(IOException cause) {
      super(cause);
      boolean slow = false;
      for (Throwable t = cause; t != null; t = t.getCause()) {
        slow |= t instanceof TimeoutException;
      }
      this.error =
          slow
              ? new ApiError(
                  ApiError.REQUEST_TIMEOUT,
                  "the request body arrived too slowly (below the server's minimum data rate); send it at once")
              : new ApiError(ApiError.BAD_USAGE, "the request body did not arrive whole");
    }

    ApiError error() {
      return error;
    }
  }

  /** The body, refused past the limit whether or not the client declared its length. */
  private String body(Request request) {
    long declared = request.getLength();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > maxRequestBytes) {
        drain(in);
        throw new TooLarge(
            "request body of " + declared + " bytes exceeds the limit of " + maxRequestBytes);
      }
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
      if (bytes.length > maxRequestBytes) {
        drain(in);
        throw new TooLarge("request body exceeds the limit of " + maxRequestBytes + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BodyUnreadable(e);
    }
  }

  /**
   * Reads and drops what a refused body still sends, up to a bound, so the client gets its 413
   * rather than a reset connection; past the bound the connection is closed on it.
   */
  private void drain(InputStream in) throws IOException {
    long left = 16 * maxRequestBytes;
    byte[] buffer = new byte[64 * 1024];
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= n;
    }
  }

  private void log(String method, String path, Reply reply, long started) {
    requestLog.write(
        new RequestLog.Entry(
            method,
            path,
            reply.status(),
            reply.code(),
            reply.errorId(),
            reply.principal(),
            reply.body().length),
        started);
  }
}
