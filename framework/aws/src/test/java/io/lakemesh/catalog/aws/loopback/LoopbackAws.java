package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Glue, Lake Formation, RAM, STS and S3 on 127.0.0.1, one port each, speaking the wire protocols
 * the SDK speaks (JSON 1.1, REST-JSON, query/XML, REST-XML) and answering with documents shaped
 * like AWS's. State lives in memory. Every HTTP request is recorded, with the account whose
 * credentials signed it, and a test can script the next answers of an operation (throttling, access
 * denied) before the real handler runs.
 */
public final class LoopbackAws implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  static {
    // The JDK's server writes a reply's headers and body separately; with Nagle's algorithm on,
    // the client's delayed ACK then holds replies for tens of milliseconds each (the rule suites
    // ran five times slower). Read once, when the JVM's first server starts (ServerConfig).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");

  /**
   * One HTTP request as the server saw it; {@code role} is the IAM role whose credentials signed it
   * (empty when the key stands for no known role), {@code uri} its path and query.
   */
  public record Call(
      String service,
      String operation,
      String account,
      String accessKey,
      String role,
      String uri,
      Map<String, List<String>> headers,
      String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body.isEmpty() ? "{}" : body);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A scripted answer. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  private final List<HttpServer> servers = new ArrayList<>();
  private final Map<String, String> ports = new ConcurrentHashMap<>();
  // Appended to on every request (tens of thousands in a rule suite) and read now and then: a
  // copy-on-write list would copy every call recorded so far on each request.
  private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
  private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
  private final Map<String, String> accountsByKey = new ConcurrentHashMap<>();
  private final Map<String, String> principalsByKey = new ConcurrentHashMap<>();
  private final Map<String, String> rolesByKey = new ConcurrentHashMap<>();
  private final FakeGlue glue = new FakeGlue();
  private final FakeLakeFormation lakeFormation = new FakeLakeFormation(glue);
  private final FakeRam ram = new FakeRam();
  private final FakeSts sts = new FakeSts(accountsByKey, rolesByKey);
  private final FakeS3 s3 = new FakeS3();
  private final FakeEventBridge events = new FakeEventBridge();

  public LoopbackAws() {
    glue.lakeFormation(lakeFormation);
    glue.checkWrites(lakeFormation::checkGlueWrite);
    // What one service needs to know of another's state, as on AWS.
    glue.onCreate(lakeFormation::created);
    glue.sharesThroughRam(lakeFormation::sharesThroughRam);
    lakeFormation.bucketOwners(s3::owner);
    s3.sessionPolicies(sts::sessionPolicy);
    serve("glue", glue);
    serve("lakeformation", lakeFormation);
    serve("ram", ram);
    serve("sts", sts);
    serve("s3", s3);
    serve("events", events);
  }

  /** Calls signed with this access key come from this AWS account. */
  public LoopbackAws account(String accessKey, String awsAccountId) {
    accountsByKey.put(accessKey, awsAccountId);
    return this;
  }

  /**
   * Calls signed with this access key come from a named principal (an IAM role ARN) of the account,
   * rather than from the account's own administrator, whom every other key stands for.
   */
  public LoopbackAws principal(String accessKey, String principalArn) {
    accountsByKey.put(accessKey, principalArn.split(":")[4]);
    principalsByKey.put(accessKey, principalArn);
    rolesByKey.put(accessKey, principalArn);
    return this;
  }

  /** Calls signed with this access key are made by this IAM role. */
  public LoopbackAws role(String accessKey, String roleArn) {
    rolesByKey.put(accessKey, roleArn);
    return this;
  }

  public String endpoint(String service) {
    return "http://127.0.0.1:" + ports.get(service);
  }

  public FakeGlue glue() {
    return glue;
  }

  public FakeLakeFormation lakeFormation() {
    return lakeFormation;
  }

  public FakeRam ram() {
    return ram;
  }

  public FakeS3 s3() {
    return s3;
  }

  public FakeEventBridge eventBridge() {
    return events;
  }

  public FakeSts sts() {
    return sts;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String service, String operation) {
    return calls.stream()
        .filter(c -> c.service().equals(service) && c.operation().equals(operation))
        .toList();
  }

  public void clearCalls() {
    calls.clear();
  }

  /** The next requests of the operation get these answers, in order, before it works again. */
  public void answerNext(String service, String operation, Answer... answers) {
    Deque<Answer> queue =
        scripted.computeIfAbsent(service + " " + operation, k -> new ConcurrentLinkedDeque<>());
    queue.addAll(List.of(answers));
  }

  /**
   * A JSON document as a successful answer, such as one shaped like an AWS documentation example.
   */
  public static Answer document(String json) {
    return new Answer(
        200,
        Map.of("Content-Type", "application/json", "x-amzn-RequestId", "loopback-request"),
        json);
  }

  /** An error reply as the service's protocol carries it. */
  public static Answer error(String service, int status, String code, String message) {
    return switch (service) {
      case "s3" ->
          new Answer(
              status, Map.of("Content-Type", "application/xml"), FakeS3.error(code, message));
      case "sts" ->
          new Answer(status, Map.of("Content-Type", "text/xml"), FakeSts.error(code, message));
      default ->
          new Answer(
              status,
              Map.of(
                  "Content-Type",
                  "application/json",
                  "x-amzn-ErrorType",
                  code,
                  "x-amzn-RequestId",
                  "loopback-request"),
              "{\"__type\":\""
                  + code
                  + "\",\"Message\":\""
                  + message
                  + "\",\"message\":\""
                  + message
                  + "\"}");
    };
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
  }

  private void serve(String service, Handler handler) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      server.createContext("/", exchange -> handle(service, handler, exchange));
      server.setExecutor(Executors.newFixedThreadPool(8));
      server.start();
      servers.add(server);
      ports.put(service, Integer.toString(server.getAddress().getPort()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on loopback", e);
    }
  }

  private void handle(String service, Handler handler, HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String body = new String(raw, StandardCharsets.UTF_8);
      String operation = handler.operation(exchange, body);
      String accessKey = accessKey(exchange);
      String account = accountsByKey.getOrDefault(accessKey, "000000000000");
      calls.add(
          new Call(
              service,
              operation,
              account,
              accessKey,
              rolesByKey.getOrDefault(accessKey, ""),
              exchange.getRequestURI().toString(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
      Deque<Answer> queue = scripted.get(service + " " + operation);
      Answer next = queue == null ? null : queue.poll();
      Answer answer =
          next != null
              ? next
              : sts.expired(accessKey)
                  ? expired(service)
                  : answer(
                      handler,
                      new Request(
                          operation,
                          account,
                          accessKey,
                          principalsByKey.get(accessKey),
                          rolesByKey.getOrDefault(accessKey, ""),
                          exchange,
                          body,
                          raw));
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      boolean empty =
          bytes.length == 0 || "HEAD".equals(exchange.getRequestMethod()) || answer.status() == 304;
      exchange.sendResponseHeaders(answer.status(), empty ? -1 : bytes.length);
      if (!empty) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  /**
   * The answer to a call signed with an expired session's credentials: S3's {@code ExpiredToken}
   * ("Error responses", Amazon S3 API Reference: 400, "The provided token has expired."), the other
   * services' {@code ExpiredTokenException}.
   */
  private static Answer expired(String service) {
    return "s3".equals(service)
        ? error(service, 400, "ExpiredToken", "The provided token has expired.")
        : error(
            service,
            400,
            "ExpiredTokenException",
            "The security token included in the request is expired");
  }

  private static Answer answer(Handler handler, Request request) {
    try {
      return handler.handle(request);
    } catch (AwsFault fault) {
      return fault.answer;
    } catch (RuntimeException e) {
      return error("glue", 500, "InternalServiceException", String.valueOf(e));
    }
  }

  private static String accessKey(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      return "";
    }
    Matcher m = CREDENTIAL.matcher(auth);
    return m.find() ? m.group(1) : "";
  }

  /**
   * A request as the fakes see it; {@code principal} is the named principal that signed it, null
   * for the account's administrator; {@code role} the IAM role whose credentials signed it (empty
   * when the key stands for no known role).
   */
  record Request(
      String operation,
      String account,
      String accessKey,
      String principal,
      String role,
      HttpExchange exchange,
      String body,
      byte[] raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body.isEmpty() ? "{}" : body);
      } catch (IOException e) {
        throw new AwsFault(error("glue", 400, "SerializationException", e.getMessage()));
      }
    }
  }

  /** A service's behaviour. */
  interface Handler {
    String operation(HttpExchange exchange, String body);

    Answer handle(Request request);
  }

  /** An AWS error reply, thrown from inside a fake. */
  static final class AwsFault extends RuntimeException {
    final Answer answer;

    AwsFault(Answer answer) {
      super(answer.body(), null, false, false);
      this.answer = answer;
    }

    static AwsFault json(String code, String message) {
      return new AwsFault(error("glue", 400, code, message));
    }
  }

  static Answer json(Object value) {
    try {
      return new Answer(
          200,
          Map.of("Content-Type", "application/json", "x-amzn-RequestId", "loopback-request"),
          JSON.writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
