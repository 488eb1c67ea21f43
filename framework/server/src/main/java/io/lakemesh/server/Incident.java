package io.lakemesh.server;

import io.lakemesh.client.ApiError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * An internal failure as the client sees it: a generic message with an id, never the exception's
 * text (which may name files, SQL or configuration). The id, the exception and its stack trace go
 * to the server's error output, and the id to the request's log line, so an operator finds one from
 * the other.
 */
record Incident(String id, ApiError error) {
  private static final SecureRandom RANDOM = new SecureRandom();

  static Incident of(Throwable failure) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    System.err.print("lakemesh serve: internal error " + id + ": " + trace);
    return new Incident(
        id,
        new ApiError(
            ApiError.INTERNAL,
            "internal error " + id + ": the server's log has the details under this id"));
  }
}
