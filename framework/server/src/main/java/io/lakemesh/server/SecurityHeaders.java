package io.lakemesh.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Headers on every response that keep a browser from turning the catalog's pages against their
 * user: scripts, styles and frames only from the server itself and none inline (the UI has none),
 * no framing by other sites, no content-type guessing, no referrer with a token in it.
 */
final class SecurityHeaders extends Handler.Wrapper {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; frame-ancestors 'none'; base-uri 'none'";

  SecurityHeaders(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpFields.Mutable headers = response.getHeaders();
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    return super.handle(request, response, callback);
  }
}
