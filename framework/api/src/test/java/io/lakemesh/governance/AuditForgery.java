package io.lakemesh.governance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a writer of a JDBC catalog database can do to an audit log without the audit key, as a
 * script would: drop the events of one action, renumber the rest, recompute every hash with the
 * unkeyed algorithm and move the head to match, so that the chain is consistent again.
 */
public final class AuditForgery {
  // How the JDBC catalog stores event times.
  private static final DateTimeFormatter STORED_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private AuditForgery() {}

  /**
   * Rewrites {@code log} (its events as stored, oldest first) in the database at {@code jdbcUri};
   * returns the events now stored.
   */
  public static List<AuditEvent> rewriteWithout(
      String jdbcUri, String log, List<AuditEvent> events, AuditAction dropped)
      throws SQLException {
    List<AuditEvent> kept = new ArrayList<>();
    String previous = AuditChain.GENESIS;
    for (AuditEvent e : events) {
      if (e.action() != dropped) {
        AuditEvent forged = e.chained(kept.size() + 1, previous);
        kept.add(forged);
        previous = forged.hash();
      }
    }
    try (Connection c = DriverManager.getConnection(jdbcUri)) {
      try (PreparedStatement delete =
          c.prepareStatement("DELETE FROM lm_audit_events WHERE log_name = ?")) {
        delete.setString(1, log);
        delete.executeUpdate();
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO lm_audit_events (log_name, seq, actor, acting_as, action, resource,"
                  + " before_value, after_value, outcome, reason, event_time, previous_hash, hash,"
                  + " token_id, repeat_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (AuditEvent e : kept) {
          insert.setString(1, e.log());
          insert.setLong(2, e.seq());
          insert.setString(3, e.actor().toString());
          insert.setString(4, e.actingAs());
          insert.setString(5, e.action().label());
          insert.setString(6, e.resource());
          insert.setString(7, e.before());
          insert.setString(8, e.after());
          insert.setString(9, e.outcome().name());
          insert.setString(10, e.reason());
          insert.setString(11, STORED_TIME.format(e.at()));
          insert.setString(12, e.previousHash());
          insert.setString(13, e.hash());
          insert.setString(14, e.token());
          insert.setInt(15, e.count());
          insert.executeUpdate();
        }
      }
      try (PreparedStatement head =
          c.prepareStatement(
              "UPDATE lm_audit_heads SET last_seq = ?, last_hash = ? WHERE log_name = ?")) {
        head.setLong(1, kept.size());
        head.setString(2, previous);
        head.setString(3, log);
        head.executeUpdate();
      }
    }
    return kept;
  }
}
