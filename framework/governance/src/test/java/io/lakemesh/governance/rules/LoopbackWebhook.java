package io.lakemesh.governance.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on the loopback interface (the JDK's HTTP server): it keeps every request it
 * gets and answers with the status a test sets, as a receiver that is up (200) or failing (503). It
 * checks signatures with its own HMAC code, as a subscriber following the README would.
 */
final class LoopbackWebhook implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Received(
      String contentType, String timestamp, String signature, byte[] body, int answered) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("the body is not JSON: " + text(), e);
      }
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** True when the signature is HMAC-SHA256(secret, timestamp + "." + body), as documented. */
    boolean signedWith(String secret) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '.');
        byte[] expected = mac.doFinal(body);
        return signature.equals("sha256=" + HexFormat.of().formatHex(expected));
      } catch (GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private volatile int status = 200;

  LoopbackWebhook() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          int answer = status;
          synchronized (received) {
            received.add(
                new Received(
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Lakemesh-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Lakemesh-Signature"),
                    body,
                    answer));
          }
          exchange.sendResponseHeaders(answer, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  void answer(int status) {
    this.status = status;
  }

  /** Every request, in the order they came. */
  List<Received> requests() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The requests it answered with a 2xx: the deliveries. */
  List<Received> delivered() {
    return requests().stream().filter(r -> r.answered() / 100 == 2).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
