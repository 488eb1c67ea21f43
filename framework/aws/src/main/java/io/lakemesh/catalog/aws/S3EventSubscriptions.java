package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.EventSubscription.Endpoint;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Principal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Subscriptions to the event stream and the state of their deliveries, as two JSON-lines objects
 * under {@code _state/} (not an Athena table: subscriptions hold webhook secrets, and the records
 * bucket's policy keeps {@code _state/} to the governance account), each changed by
 * compare-and-swap like every other record object.
 */
final class S3EventSubscriptions {
  private final JsonLinesFile<EventSubscription> subscriptions;
  private final JsonLinesFile<EventDelivery> deliveries;

  S3EventSubscriptions(S3Objects objects) {
    subscriptions =
        new JsonLinesFile<>(
            objects,
            AthenaTables.STATE + "event_subscriptions.jsonl",
            S3EventSubscriptions::subscription,
            S3EventSubscriptions::write);
    deliveries =
        new JsonLinesFile<>(
            objects,
            AthenaTables.STATE + "event_deliveries.jsonl",
            S3EventSubscriptions::delivery,
            S3EventSubscriptions::write);
  }

  EventSubscription add(EventSubscription draft) {
    return subscriptions.update(
        all -> {
          long next = all.stream().mapToLong(EventSubscription::id).max().orElse(0) + 1;
          EventSubscription stored = draft.numbered(next);
          all.add(stored);
          return new JsonLinesFile.Change<>(all, stored);
        });
  }

  Optional<EventSubscription> find(long id) {
    return subscriptions.read().stream().filter(s -> s.id() == id).findFirst();
  }

  List<EventSubscription> list() {
    return subscriptions.read().stream()
        .sorted(Comparator.comparingLong(EventSubscription::id))
        .toList();
  }

  boolean remove(long id) {
    boolean removed =
        subscriptions.update(
            all ->
                all.removeIf(s -> s.id() == id)
                    ? new JsonLinesFile.Change<>(all, true)
                    : JsonLinesFile.Change.unchanged(false));
    deliveries.update(
        all ->
            all.removeIf(d -> d.subscription() == id)
                ? new JsonLinesFile.Change<>(all, null)
                : JsonLinesFile.Change.unchanged(null));
    return removed;
  }

  void advance(long id, long seq) {
    subscriptions.update(
        all -> {
          for (int i = 0; i < all.size(); i++) {
            EventSubscription s = all.get(i);
            if (s.id() == id && s.cursor() < seq) {
              all.set(i, s.withCursor(seq));
              return new JsonLinesFile.Change<>(all, null);
            }
          }
          return JsonLinesFile.Change.unchanged(null);
        });
  }

  void save(EventDelivery delivery) {
    deliveries.update(
        all -> {
          all.removeIf(
              d -> d.subscription() == delivery.subscription() && d.seq() == delivery.seq());
          all.add(delivery);
          return new JsonLinesFile.Change<>(all, null);
        });
  }

  List<EventDelivery> deliveries(long subscription, Set<EventDelivery.State> states) {
    return deliveries.read().stream()
        .filter(d -> d.subscription() == subscription)
        .filter(d -> states.isEmpty() || states.contains(d.state()))
        .sorted(Comparator.comparingLong(EventDelivery::seq))
        .toList();
  }

  private static ObjectNode write(EventSubscription s) {
    ObjectNode n = Json.object();
    n.put("id", s.id());
    n.put("subscriber", s.subscriber().toString());
    n.put("catalog", s.table().catalog());
    n.put("database_name", s.table().database());
    n.put("table_name", s.table().table());
    n.put("kinds", s.kindLabels());
    n.put("endpoint_type", s.endpoint().type().name());
    n.put("endpoint", s.endpoint().address());
    n.put("secret", s.secret());
    n.put("cursor", s.cursor());
    n.put("created_at", Json.instantText(s.createdAt()));
    return n;
  }

  private static EventSubscription subscription(JsonNode n) {
    return new EventSubscription(
        n.get("id").asLong(),
        Principal.parse(Json.requiredText(n, "subscriber")),
        TableId.of(
            Json.requiredText(n, "catalog"),
            Json.requiredText(n, "database_name"),
            Json.requiredText(n, "table_name")),
        EventSubscription.parseKinds(Json.requiredText(n, "kinds")),
        new Endpoint(
            Endpoint.Type.valueOf(Json.requiredText(n, "endpoint_type")),
            Json.requiredText(n, "endpoint")),
        Json.text(n, "secret"),
        n.get("cursor").asLong(),
        Json.instant(n, "created_at"));
  }

  private static ObjectNode write(EventDelivery d) {
    ObjectNode n = Json.object();
    n.put("subscription", d.subscription());
    n.put("seq", d.seq());
    n.put("event_id", d.eventId());
    n.put("state", d.state().name());
    n.set("attempts", Json.strings(d.attempts().stream().map(Instant::toString).toList()));
    n.put("next_attempt", Json.instantText(d.nextAttempt()));
    n.put("last_error", d.lastError());
    return n;
  }

  private static EventDelivery delivery(JsonNode n) {
    return new EventDelivery(
        n.get("subscription").asLong(),
        n.get("seq").asLong(),
        Json.requiredText(n, "event_id"),
        EventDelivery.State.valueOf(Json.requiredText(n, "state")),
        Json.strings(n.path("attempts")).stream().map(Instant::parse).toList(),
        Json.instant(n, "next_attempt"),
        Json.text(n, "last_error"));
  }
}
