package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.SupportsEventDelivery;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.catalog.SupportsTokens;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AccessToken;
import io.lakemesh.governance.AuditCheckpoint;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditSeal;
import io.lakemesh.governance.AuditVerification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded governance catalog: tables prefixed {@code lm_} in a SQLite file or a PostgreSQL
 * database, beside Iceberg's own JDBC catalog tables, created and upgraded by Flyway. Properties
 * are described in {@link JdbcCatalogConfig}.
 *
 * <p>A publication is one transaction. Its quality run, lineage event and job run are optional
 * (null parts are skipped); the table is required.
 *
 * <p>Governance state (grants, LF-tags, links, access requests, audit logs) lives in the tables of
 * migration V2, data filters in those of V8. Searches are answered from the index of migration V4,
 * which each publish keeps up to date and which opening the catalog completes for tables published
 * before it. Calls made inside {@link #inTransaction} on the same thread share its transaction.
 *
 * <p>Its parts: {@link BaseJdbcCatalog} (the database, product entries, runs, search, status),
 * {@link JdbcAccessCatalog} (grants, LF-tags, links, data filters, requests) and this class (events
 * and their delivery, audit logs, access tokens).
 */
public class JdbcGovernanceCatalog extends JdbcAccessCatalog
    implements SupportsAudit, SupportsTokens, SupportsEvents, SupportsEventDelivery {
  private AuditSeal seal = AuditSeal.none();

  public JdbcGovernanceCatalog() {}

  @Override
  public void initialize(String name, Map<String, String> properties) {
    open(name, properties);
    try {
      this.seal = AuditSeal.from(properties);
      seal.anchorUnkeyedLogs(this);
      // Checked before writing: opening a catalog that needs nothing takes no write lock.
      if (read("look for tables to index in", name, SearchRows::unindexed)) {
        transaction("index for search the tables of", name, SearchRows::indexUnindexed);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  // ---- mesh events

  @Override
  public MeshEvent appendEvent(MeshEvent event) {
    return transaction(
        "append event " + event.kind() + " of", event.product(), h -> EventRows.append(h, event));
  }

  @Override
  public List<MeshEvent> eventsAfter(long seq, int limit) {
    return read("read events after", seq, h -> EventRows.after(h, seq, limit));
  }

  @Override
  public List<MeshEvent> tableEvents(TableId table, Set<MeshEvent.Kind> kinds, int limit) {
    return read("read events of", table, h -> EventRows.ofTable(h, table, kinds, limit));
  }

  @Override
  public long lastEventSeq() {
    return read("read the last event of", name(), SubscriptionRows::lastEventSeq);
  }

  // ---- event subscriptions and deliveries

  @Override
  public EventSubscription addSubscription(EventSubscription draft) {
    return transaction("subscribe", draft, h -> SubscriptionRows.add(h, draft));
  }

  @Override
  public Optional<EventSubscription> findSubscription(long id) {
    return read("find event subscription", id, h -> SubscriptionRows.find(h, id));
  }

  @Override
  public List<EventSubscription> listSubscriptions() {
    return read("list event subscriptions of", name(), SubscriptionRows::list);
  }

  @Override
  public boolean removeSubscription(long id) {
    return transaction("remove event subscription", id, h -> SubscriptionRows.remove(h, id));
  }

  @Override
  public void advanceCursor(long id, long seq) {
    write("move the cursor of event subscription", id, h -> SubscriptionRows.advance(h, id, seq));
  }

  @Override
  public void saveDelivery(EventDelivery delivery) {
    write(
        "save the delivery of event " + delivery.seq() + " to subscription",
        delivery.subscription(),
        h -> SubscriptionRows.save(h, delivery));
  }

  @Override
  public List<EventDelivery> deliveries(long subscription, Set<EventDelivery.State> states) {
    return read(
        "read deliveries of event subscription",
        subscription,
        h -> SubscriptionRows.deliveries(h, subscription, states));
  }

  // ---- audit

  @Override
  public AuditEvent append(AuditEvent draft) {
    AuditEvent event =
        transaction(
            "append to audit log",
            draft.log(),
            h -> AuditRows.append(h, draft, seal.key().orElse(null)));
    seal.appended(event);
    return event;
  }

  @Override
  public List<AuditEvent> auditEvents(AuditQuery query) {
    return read("read audit log", orAll(query.log(), "logs"), h -> AuditRows.find(h, query));
  }

  @Override
  public List<AuditEvent> auditEventsFrom(String log, long seq) {
    return read("read audit log", log, h -> AuditRows.from(h, log, seq));
  }

  @Override
  public List<String> auditLogs() {
    return read("list audit logs of", name(), AuditRows::logs);
  }

  @Override
  public AuditVerification verifyAudit(String log) {
    return read("verify audit log", log, h -> AuditRows.verify(h, log, seal));
  }

  @Override
  public List<AuditCheckpoint> checkpointAudit() {
    return seal.checkpoint(this);
  }

  // ---- access tokens of the catalog server

  @Override
  public void storeToken(AccessToken token) {
    write("store access token", token.id(), h -> TokenRows.insert(h, token));
  }

  @Override
  public Optional<AccessToken> findTokenByHash(String secretHash) {
    return read("find access token", "by hash", h -> TokenRows.findByHash(h, secretHash));
  }

  @Override
  public List<AccessToken> listTokens(String account) {
    return read(
        "list access tokens of", orAll(account, "accounts"), h -> TokenRows.list(h, account));
  }

  @Override
  public boolean revokeToken(String id, Instant at) {
    return transaction("revoke access token", id, h -> TokenRows.revoke(h, id, at));
  }

  @Override
  public void close() {
    if (isOpen()) {
      try {
        checkpointAudit();
      } catch (RuntimeException e) {
        // Closing must free the database whatever happens; the next checkpoint anchors the heads.
        System.err.println("lakemesh: audit checkpoint not written: " + e.getMessage());
      }
      closeDatabase();
    }
  }
}
