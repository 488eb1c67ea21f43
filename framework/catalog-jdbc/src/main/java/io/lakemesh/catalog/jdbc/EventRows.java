package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.TableId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of {@code lm_events}, the mesh's event stream. */
final class EventRows {
  static final String SEQUENCE = "event";

  private static final String INSERT =
      "INSERT INTO lm_events (seq, event_id, kind, catalog_name, database_name, table_name,"
          + " account, occurred_at, data_json) VALUES (:seq, :event_id, :kind, :catalog_name,"
          + " :database_name, :table_name, :account, :occurred_at, :data_json)";
  private static final String SELECT = "SELECT * FROM lm_events WHERE ";

  private EventRows() {}

  /** Stores the event under the next number; one already stored under its id is returned as is. */
  static MeshEvent append(Handle handle, MeshEvent event) {
    // Taking the number first locks the sequence row, so a second append of the same id waits
    // here and then finds the first one instead of failing on the unique id.
    long seq = Sequences.next(handle, SEQUENCE);
    Optional<MeshEvent> stored = byId(handle, event.id());
    if (stored.isPresent()) {
      return stored.get();
    }
    MeshEvent numbered = event.numbered(seq);
    Sql.bindTable(handle.createUpdate(INSERT), numbered.table())
        .bind("seq", seq)
        .bind("event_id", numbered.id())
        .bind("kind", numbered.kind().name())
        .bind("account", numbered.account())
        .bind("occurred_at", Timestamps.format(numbered.at()))
        .bind("data_json", Json.write(numbered.data()))
        .execute();
    return numbered;
  }

  static List<MeshEvent> after(Handle handle, long seq, int limit) {
    return Sql.limited(
        handle.createQuery(SELECT + "seq > :seq ORDER BY seq LIMIT :limit").bind("seq", seq),
        limit,
        EventRows::map);
  }

  static List<MeshEvent> ofTable(
      Handle handle, TableId table, Set<MeshEvent.Kind> kinds, int limit) {
    StringBuilder sql = new StringBuilder(SELECT + Sql.TABLE_KEY);
    List<String> names = new ArrayList<>();
    for (MeshEvent.Kind kind : kinds) {
      sql.append(names.isEmpty() ? " AND kind IN (" : ", ").append(":k").append(names.size());
      names.add(kind.name());
    }
    sql.append(names.isEmpty() ? "" : ")").append(" ORDER BY seq DESC LIMIT :limit");
    Query query = Sql.bindTable(handle.createQuery(sql.toString()), table);
    for (int i = 0; i < names.size(); i++) {
      query.bind("k" + i, names.get(i));
    }
    return Sql.limited(query, limit, EventRows::map);
  }

  private static Optional<MeshEvent> byId(Handle handle, String id) {
    return handle
        .createQuery(SELECT + "event_id = :event_id")
        .bind("event_id", id)
        .map(EventRows::map)
        .findOne();
  }

  private static MeshEvent map(ResultSet row, StatementContext ctx) throws SQLException {
    return new MeshEvent(
        row.getLong("seq"),
        row.getString("event_id"),
        MeshEvent.Kind.valueOf(row.getString("kind")),
        Sql.tableId(row),
        row.getString("account"),
        Timestamps.parse(row.getString("occurred_at")),
        Json.read(row.getString("data_json"), Json.PARAMETERS));
  }
}
