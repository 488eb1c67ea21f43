package io.lakemesh.catalog.jdbc;

import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditChain;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditKey;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditSeal;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Rows of {@code lm_audit_events} and {@code lm_audit_heads}. An append locks its log's head row,
 * so appends to one log run one after another and each builds on the latest event.
 */
final class AuditRows {
  private static final String CREATE_HEAD =
      "INSERT INTO lm_audit_heads (log_name, last_seq, last_hash) VALUES (:log_name, 0,"
          + " :last_hash) ON CONFLICT DO NOTHING";
  private static final String LOCK_HEAD =
      "UPDATE lm_audit_heads SET last_seq = last_seq WHERE log_name = :log_name";
  private static final String READ_HEAD =
      "SELECT last_seq, last_hash FROM lm_audit_heads WHERE log_name = :log_name";
  private static final String MOVE_HEAD =
      "UPDATE lm_audit_heads SET last_seq = :last_seq, last_hash = :last_hash"
          + " WHERE log_name = :log_name";
  private static final String INSERT =
      "INSERT INTO lm_audit_events (log_name, seq, actor, acting_as, action, resource,"
          + " before_value, after_value, outcome, reason, event_time, previous_hash, hash, token_id,"
          + " repeat_count) VALUES (:log_name, :seq, :actor, :acting_as, :action, :resource,"
          + " :before_value, :after_value, :outcome, :reason, :event_time, :previous_hash, :hash,"
          + " :token_id, :repeat_count)";
  private static final String LOG_EVENTS =
      "SELECT * FROM lm_audit_events WHERE log_name = :log_name ORDER BY seq";
  private static final String LOG_EVENTS_FROM =
      "SELECT * FROM lm_audit_events WHERE log_name = :log_name AND seq >= :seq ORDER BY seq";
  private static final String LOGS = "SELECT log_name FROM lm_audit_heads ORDER BY log_name";

  private record Head(long seq, String hash) {}

  private AuditRows() {}

  /**
   * Numbers, chains (keyed when there is a key) and stores the event. Must run in a transaction.
   */
  static AuditEvent append(Handle handle, AuditEvent draft, AuditKey key) {
    String log = draft.log();
    handle
        .createUpdate(CREATE_HEAD)
        .bind("log_name", log)
        .bind("last_hash", AuditChain.GENESIS)
        .execute();
    handle.createUpdate(LOCK_HEAD).bind("log_name", log).execute();
    Head head = head(handle, log);
    AuditEvent event = draft.chained(head.seq() + 1, head.hash(), key);
    handle
        .createUpdate(INSERT)
        .bind("log_name", log)
        .bind("seq", event.seq())
        .bind("actor", event.actor().toString())
        .bind("acting_as", event.actingAs())
        .bind("action", event.action().label())
        .bind("resource", event.resource())
        .bind("before_value", event.before())
        .bind("after_value", event.after())
        .bind("outcome", event.outcome().name())
        .bind("reason", event.reason())
        .bind("event_time", Timestamps.format(event.at()))
        .bind("previous_hash", event.previousHash())
        .bind("hash", event.hash())
        .bind("token_id", event.token())
        .bind("repeat_count", event.count())
        .execute();
    handle
        .createUpdate(MOVE_HEAD)
        .bind("log_name", log)
        .bind("last_seq", event.seq())
        .bind("last_hash", event.hash())
        .execute();
    return event;
  }

  static List<AuditEvent> find(Handle handle, AuditQuery q) {
    StringBuilder sql = new StringBuilder("SELECT * FROM lm_audit_events WHERE 1 = 1");
    Map<String, Object> values = new TreeMap<>();
    if (q.log() != null) {
      sql.append(" AND log_name = :log_name");
      values.put("log_name", q.log());
    }
    if (q.resource() != null) {
      sql.append(" AND resource LIKE :resource ESCAPE '\\'");
      values.put("resource", "%" + likeEscaped(q.resource()) + "%");
    }
    if (q.actor() != null) {
      sql.append(" AND actor = :actor");
      values.put("actor", q.actor().toString());
    }
    if (q.since() != null) {
      sql.append(" AND event_time >= :since");
      values.put("since", Timestamps.format(q.since()));
    }
    sql.append(
        q.log() != null
            ? " ORDER BY seq DESC LIMIT :limit"
            : " ORDER BY event_time DESC, log_name DESC, seq DESC LIMIT :limit");
    Query query = handle.createQuery(sql.toString());
    values.forEach(query::bind);
    List<AuditEvent> newestFirst = Sql.limited(query, q.limit(), AuditRows::map);
    List<AuditEvent> events = new ArrayList<>(newestFirst);
    Collections.reverse(events);
    return events;
  }

  static List<AuditEvent> from(Handle handle, String log, long seq) {
    List<AuditEvent> events = new ArrayList<>();
    for (StoredRow row :
        handle
            .createQuery(LOG_EVENTS_FROM)
            .bind("log_name", log)
            .bind("seq", seq)
            .map(AuditRows::read)
            .list()) {
      if (row.event() == null) {
        break;
      }
      events.add(row.event());
    }
    return events;
  }

  static List<String> logs(Handle handle) {
    return handle.createQuery(LOGS).mapTo(String.class).list();
  }

  static AuditVerification verify(Handle handle, String log, AuditSeal seal) {
    Head head =
        handle
            .createQuery(READ_HEAD)
            .bind("log_name", log)
            .map(AuditRows::mapHead)
            .findOne()
            .orElse(new Head(0, AuditChain.GENESIS));
    List<StoredRow> rows =
        handle.createQuery(LOG_EVENTS).bind("log_name", log).map(AuditRows::read).list();
    List<AuditEvent> readable = new ArrayList<>();
    for (StoredRow row : rows) {
      if (row.event() == null) {
        // An altered row may not even parse: the chain is checked up to it, then reported there.
        Head before =
            readable.isEmpty()
                ? new Head(0, AuditChain.GENESIS)
                : new Head(
                    readable.get(readable.size() - 1).seq(),
                    readable.get(readable.size() - 1).hash());
        AuditVerification prefix =
            AuditChain.verify(log, readable, before.seq(), before.hash(), seal);
        return prefix.isIntact()
            ? AuditVerification.broken(
                log,
                prefix.verified(),
                row.seq(),
                "the row cannot be read (it was altered): " + row.problem())
            : prefix;
      }
      readable.add(row.event());
    }
    return AuditChain.verify(log, readable, head.seq(), head.hash(), seal);
  }

  /** A stored event, or why its row could not be read. */
  private record StoredRow(long seq, AuditEvent event, String problem) {}

  private static StoredRow read(ResultSet row, StatementContext ctx) throws SQLException {
    long seq = row.getLong("seq");
    try {
      return new StoredRow(seq, map(row, ctx), "");
    } catch (RuntimeException e) {
      return new StoredRow(seq, null, e.getMessage());
    }
  }

  private static Head mapHead(ResultSet row, StatementContext ctx) throws SQLException {
    return new Head(row.getLong("last_seq"), row.getString("last_hash"));
  }

  private static Head head(Handle handle, String log) {
    return handle.createQuery(READ_HEAD).bind("log_name", log).map(AuditRows::mapHead).one();
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static AuditEvent map(ResultSet row, StatementContext ctx) throws SQLException {
    return new AuditEvent(
        row.getLong("seq"),
        row.getString("log_name"),
        Principal.parse(row.getString("actor")),
        row.getString("acting_as"),
        AuditAction.fromLabel(row.getString("action")),
        row.getString("resource"),
        row.getString("before_value"),
        row.getString("after_value"),
        AuditEvent.Outcome.valueOf(row.getString("outcome")),
        row.getString("reason"),
        Timestamps.parse(row.getString("event_time")),
        row.getString("previous_hash"),
        row.getString("hash"),
        row.getString("token_id"),
        row.getInt("repeat_count"));
  }
}
