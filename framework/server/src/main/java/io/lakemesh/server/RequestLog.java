package io.lakemesh.server;

import io.lakemesh.client.WireJson;
import io.lakemesh.governance.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The server's request log: one JSON line per request (time, method, path, status, error code and
 * the id of an internal error, principal, bytes, milliseconds).
 */
final class RequestLog {
  private final Consumer<String> sink;

  RequestLog(Consumer<String> sink) {
    this.sink = sink;
  }

  /** What one answered request leaves in the log; null fields are left out. */
  record Entry(
      String method,
      String path,
      int status,
      String error,
      String errorId,
      Principal principal,
      int bytes) {}

  void write(Entry entry, long startedNanos) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts", Instant.now().toString());
    line.put("method", entry.method());
    line.put("path", entry.path());
    line.put("status", entry.status());
    if (entry.error() != null) {
      line.put("error", entry.error());
    }
    if (entry.errorId() != null) {
      line.put("error_id", entry.errorId());
    }
    if (entry.principal() != null) {
      line.put("principal", entry.principal().toString());
    }
    line.put("bytes", entry.bytes());
    line.put("ms", Math.round((System.nanoTime() - startedNanos) / 1e5) / 10.0);
    sink.accept(WireJson.write(line));
  }
}
