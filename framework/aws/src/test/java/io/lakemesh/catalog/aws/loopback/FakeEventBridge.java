package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Amazon EventBridge's PutEvents (JSON protocol, target {@code AWSEvents.PutEvents}): the entries
 * each bus was given, and entry failures a test scripts, as a partial failure reports them.
 */
public final class FakeEventBridge implements LoopbackAws.Handler {
  /** An entry as EventBridge took it. */
  public record Entry(
      String eventId, String bus, String source, String detailType, JsonNode detail) {}

  private record Failure(String code, String message) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  private final Deque<Failure> failures = new ArrayDeque<>();

  /** The entries put on the bus, oldest first. */
  public List<Entry> entries(String bus) {
    return entries.stream().filter(e -> e.bus().equals(bus)).toList();
  }

  /** The next {@code count} entries fail with this error code and message. */
  public synchronized void failNext(int count, String code, String message) {
    for (int i = 0; i < count; i++) {
      failures.add(new Failure(code, message));
    }
  }

  @Override
  public String operation(HttpExchange exchange, String body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    return target == null ? "" : target.substring(target.indexOf('.') + 1);
  }

  @Override
  public synchronized LoopbackAws.Answer handle(LoopbackAws.Request request) {
    if (!"PutEvents".equals(request.operation())) {
      throw new LoopbackAws.AwsFault(
          LoopbackAws.error("events", 400, "UnknownOperationException", request.operation()));
    }
    JsonNode asked = request.json().path("Entries");
    // PutEvents (EventBridge API Reference): Entries holds 1 to 10 items.
    if (asked.size() < 1 || asked.size() > 10) {
      throw new LoopbackAws.AwsFault(
          LoopbackAws.error(
              "events",
              400,
              "ValidationException",
              "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member"
                  + " must have length less than or equal to 10"));
    }
    ObjectNode answer = LoopbackAws.JSON.createObjectNode();
    ArrayNode results = answer.putArray("Entries");
    int failed = 0;
    for (JsonNode e : asked) {
      ObjectNode result = results.addObject();
      Failure failure = refusal(e);
      if (failure != null) {
        // "Sending events with PutEvents" (EventBridge User Guide): an entry that fails does not
        // fail the call; its result carries ErrorCode and ErrorMessage instead of an EventId, in
        // the request's order, and FailedEntryCount counts them.
        result.put("ErrorCode", failure.code()).put("ErrorMessage", failure.message());
        failed++;
        continue;
      }
      String id = UUID.randomUUID().toString();
      entries.add(
          new Entry(
              id,
              e.path("EventBusName").asText("default"),
              e.path("Source").asText(),
              e.path("DetailType").asText(),
              detail(e)));
      result.put("EventId", id);
    }
    answer.put("FailedEntryCount", failed);
    return LoopbackAws.document(answer.toString());
  }

  /** Why the entry is not taken: a scripted failure, or Source, DetailType or Detail amiss. */
  private Failure refusal(JsonNode e) {
    if (!failures.isEmpty()) {
      return failures.poll();
    }
    // PutEventsRequestEntry (API Reference): Source, DetailType and Detail are each needed for an
    // event to be matched; Detail must be a valid JSON object ("MalformedDetail" otherwise).
    if (e.path("Source").asText("").isEmpty() || e.path("DetailType").asText("").isEmpty()) {
      return new Failure("InvalidArgument", "Parameter(s) Source and DetailType are required");
    }
    JsonNode detail = detail(e);
    return detail == null || !detail.isObject()
        ? new Failure("MalformedDetail", "Detail is malformed.")
        : null;
  }

  private static JsonNode detail(JsonNode e) {
    try {
      return LoopbackAws.JSON.readTree(e.path("Detail").asText(""));
    } catch (IOException malformed) {
      return null;
    }
  }
}
