package io.lakemesh.server;

import io.lakemesh.client.ApiError;
import io.lakemesh.client.WireJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * At most so many requests in flight per bearer token, from the first byte of the body to the last
 * byte of the answer; one more is answered {@code 429 too_many_requests} with {@code Retry-After}
 * at once rather than queued. So one token, however many connections it opens, cannot take every
 * request thread and database connection from the others. Tokens are told apart by their hash (the
 * text is not kept); a token with nothing in flight holds no entry.
 */
final class TokenConcurrency extends Handler.Wrapper {
  static final String RETRY_AFTER_SECONDS = "1";

  private final int limit;
  private final RequestLog log;
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

  /**
   * @param limit requests in flight per token; 0 for no limit
   */
  TokenConcurrency(Handler next, int limit, RequestLog log) {
    super(next);
    this.limit = limit;
    this.log = log;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String token = ApiHandler.bearer(request);
    if (limit <= 0 || token == null) {
      return super.handle(request, response, callback);
    }
    String key = AccessTokens.hash(token.strip());
    if (!enter(key)) {
      refuse(request, response, callback);
      return true;
    }
    boolean handled = false;
    try {
      handled = super.handle(request, response, Callback.from(() -> leave(key), callback));
      return handled;
    } finally {
      if (!handled) {
        leave(key);
      }
    }
  }

  /** Tokens with requests in flight now. */
  int tokensInFlight() {
    return inFlight.size();
  }

  private boolean enter(String key) {
    boolean[] admitted = new boolean[1];
    inFlight.compute(
        key,
        (k, n) -> {
          int now = n == null ? 0 : n;
          if (now >= limit) {
            return n;
          }
          admitted[0] = true;
          return now + 1;
        });
    return admitted[0];
  }

  private void leave(String key) {
    inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }

  private void refuse(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    ApiError error =
        new ApiError(
            ApiError.TOO_MANY_REQUESTS,
            "this token has "
                + limit
                + " requests in flight, the most the server takes at once from one token:"
                + " retry after "
                + RETRY_AFTER_SECONDS
                + " s");
    byte[] body = WireJson.write(Map.of("error", error)).getBytes(StandardCharsets.UTF_8);
    response.setStatus(error.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
    log.write(
        new RequestLog.Entry(
            request.getMethod(),
            Request.getPathInContext(request),
            error.status(),
            error.code(),
            null,
            null,
            body.length),
        started);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
