package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.EventSubscription.Endpoint;
import io.lakemesh.governance.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of {@code lm_event_subscriptions} and {@code lm_event_deliveries}. */
final class SubscriptionRows {
  static final String SEQUENCE = "event_subscription";

  private static final String INSERT =
      "INSERT INTO lm_event_subscriptions (subscription_id, subscriber, catalog_name,"
          + " database_name, table_name, kinds, endpoint_type, endpoint, secret, cursor_seq,"
          + " created_at) VALUES (:subscription_id, :subscriber, :catalog_name, :database_name,"
          + " :table_name, :kinds, :endpoint_type, :endpoint, :secret, :cursor_seq, :created_at)";
  private static final String SELECT = "SELECT * FROM lm_event_subscriptions";
  private static final String SAVE_DELIVERY =
      "INSERT INTO lm_event_deliveries (subscription_id, seq, event_id, state, attempts_json,"
          + " next_attempt_at, last_error) VALUES (:subscription_id, :seq, :event_id, :state,"
          + " :attempts_json, :next_attempt_at, :last_error) ON CONFLICT (subscription_id, seq) DO"
          + " UPDATE SET state = excluded.state, attempts_json = excluded.attempts_json,"
          + " next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error";

  private SubscriptionRows() {}

  static EventSubscription add(Handle handle, EventSubscription draft) {
    EventSubscription stored = draft.numbered(Sequences.next(handle, SEQUENCE));
    Sql.bindTable(handle.createUpdate(INSERT), stored.table())
        .bind("subscription_id", stored.id())
        .bind("subscriber", stored.subscriber().toString())
        .bind("kinds", stored.kindLabels())
        .bind("endpoint_type", stored.endpoint().type().name())
        .bind("endpoint", stored.endpoint().address())
        .bind("secret", stored.secret())
        .bind("cursor_seq", stored.cursor())
        .bind("created_at", Timestamps.format(stored.createdAt()))
        .execute();
    return stored;
  }

  static Optional<EventSubscription> find(Handle handle, long id) {
    return handle
        .createQuery(SELECT + " WHERE subscription_id = :id")
        .bind("id", id)
        .map(SubscriptionRows::subscription)
        .findOne();
  }

  static List<EventSubscription> list(Handle handle) {
    return handle
        .createQuery(SELECT + " ORDER BY subscription_id")
        .map(SubscriptionRows::subscription)
        .list();
  }

  static boolean remove(Handle handle, long id) {
    handle
        .createUpdate("DELETE FROM lm_event_deliveries WHERE subscription_id = :id")
        .bind("id", id)
        .execute();
    return handle
            .createUpdate("DELETE FROM lm_event_subscriptions WHERE subscription_id = :id")
            .bind("id", id)
            .execute()
        > 0;
  }

  static void advance(Handle handle, long id, long seq) {
    handle
        .createUpdate(
            "UPDATE lm_event_subscriptions SET cursor_seq = :seq"
                + " WHERE subscription_id = :id AND cursor_seq < :seq")
        .bind("id", id)
        .bind("seq", seq)
        .execute();
  }

  static void save(Handle handle, EventDelivery d) {
    handle
        .createUpdate(SAVE_DELIVERY)
        .bind("subscription_id", d.subscription())
        .bind("seq", d.seq())
        .bind("event_id", d.eventId())
        .bind("state", d.state().name())
        .bind("attempts_json", Json.write(d.attempts().stream().map(Instant::toString).toList()))
        .bind(
            "next_attempt_at", d.nextAttempt() == null ? null : Timestamps.format(d.nextAttempt()))
        .bind("last_error", d.lastError())
        .execute();
  }

  static List<EventDelivery> deliveries(
      Handle handle, long subscription, Set<EventDelivery.State> states) {
    StringBuilder sql =
        new StringBuilder("SELECT * FROM lm_event_deliveries WHERE subscription_id = :id");
    List<String> names = new ArrayList<>();
    for (EventDelivery.State state : states) {
      sql.append(names.isEmpty() ? " AND state IN (" : ", ").append(":s").append(names.size());
      names.add(state.name());
    }
    sql.append(names.isEmpty() ? "" : ")").append(" ORDER BY seq");
    Query query = handle.createQuery(sql.toString()).bind("id", subscription);
    for (int i = 0; i < names.size(); i++) {
      query.bind("s" + i, names.get(i));
    }
    return query.map(SubscriptionRows::delivery).list();
  }

  private static EventSubscription subscription(ResultSet row, StatementContext ctx)
      throws SQLException {
    return new EventSubscription(
        row.getLong("subscription_id"),
        Principal.parse(row.getString("subscriber")),
        Sql.tableId(row),
        EventSubscription.parseKinds(row.getString("kinds")),
        new Endpoint(
            Endpoint.Type.valueOf(row.getString("endpoint_type")), row.getString("endpoint")),
        row.getString("secret"),
        row.getLong("cursor_seq"),
        Timestamps.parse(row.getString("created_at")));
  }

  private static EventDelivery delivery(ResultSet row, StatementContext ctx) throws SQLException {
    String next = row.getString("next_attempt_at");
    return new EventDelivery(
        row.getLong("subscription_id"),
        row.getLong("seq"),
        row.getString("event_id"),
        EventDelivery.State.valueOf(row.getString("state")),
        Json.read(row.getString("attempts_json"), Json.STRINGS).stream()
            .map(Instant::parse)
            .toList(),
        next == null ? null : Timestamps.parse(next),
        row.getString("last_error"));
  }

  /** The last event number of the stream, 0 when it is empty. */
  static long lastEventSeq(Handle handle) {
    return handle
        .createQuery("SELECT COALESCE(MAX(seq), 0) FROM lm_events")
        .mapTo(Long.class)
        .one();
  }
}
