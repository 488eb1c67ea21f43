package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.ProductStatus;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.SupportsDataFilters;
import io.lakemesh.catalog.SupportsEventDelivery;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsLinks;
import io.lakemesh.catalog.SupportsProductStatus;
import io.lakemesh.catalog.SupportsTableSearch;
import io.lakemesh.catalog.SupportsTags;
import io.lakemesh.catalog.SupportsTokens;
import io.lakemesh.catalog.SupportsTransactions;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableMatch;
import io.lakemesh.catalog.TableSearch;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AccessToken;
import io.lakemesh.governance.AuditCheckpoint;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditSeal;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagTarget;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Supplier;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The embedded governance catalog: tables prefixed {@code lm_} in a SQLite file or a PostgreSQL
 * database, beside Iceberg's own JDBC catalog tables, created and upgraded by Flyway. Properties
 * are described in {@link JdbcCatalogConfig}.
 *
 * <p>A publication is one transaction. Its quality run, lineage event and job run are optional
 * (null parts are skipped); the table is required.
 *
 * <p>Governance state (grants, LF-tags, links, access requests, audit logs) lives in the tables of
 * migration V2, data filters in those of V8. Searches are answered from the index of migration V4, which each publish keeps up
 * to date and which opening the catalog completes for tables published before it. Calls made inside
 * {@link #inTransaction} on the same thread share its transaction.
 */
public class JdbcGovernanceCatalog
    implements GovernanceCatalog,
        SupportsGrants,
        SupportsTags,
        SupportsLinks,
        SupportsTableSearch,
        SupportsAccessRequests,
        SupportsAudit,
        SupportsDataFilters,
        SupportsTransactions,
        SupportsTokens,
        SupportsEvents,
        SupportsEventDelivery,
        SupportsProductStatus {
  private String name;
  private DatabaseAccess access;
  private volatile Jdbi jdbi;
  private AuditSeal seal = AuditSeal.none();

  public JdbcGovernanceCatalog() {}

  @Override
  public void initialize(String name, Map<String, String> properties) {
    this.name = Objects.requireNonNull(name, "name");
    JdbcCatalogConfig config = JdbcCatalogConfig.from(properties);
    DatabaseAccess opened = DatabaseAccess.open(config);
    try {
      Migrations.migrate(opened);
    } catch (SQLException | FlywayException e) {
      opened.close();
      throw JdbcErrors.wrap(name, "open", config.redactedUri(), e);
    }
    this.access = opened;
    this.jdbi = Jdbi.create(opened.connections());
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

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean ensureDatabase(DatabaseId database, Map<String, String> parameters) {
    Map<String, String> given = Objects.requireNonNullElse(parameters, Map.of());
    return transaction(
        "ensure database", database, h -> DatabaseRows.ensure(h, database, given, Instant.now()));
  }

  @Override
  public List<DatabaseId> listDatabases(String catalog) {
    return read(
        "list databases of", orAll(catalog, "catalogs"), h -> DatabaseRows.list(h, catalog));
  }

  @Override
  public Optional<CatalogTable> findTable(TableId id) {
    return read("find table", id, h -> TableRows.find(h, id));
  }

  @Override
  public List<CatalogTable> listTables(String catalog) {
    return read("list tables of", orAll(catalog, "catalogs"), h -> TableRows.list(h, catalog));
  }

  @Override
  public List<TableMatch> searchTables(TableSearch search) {
    return read(
        "search the tables of",
        search.catalogs(),
        h -> SearchRows.search(h, search, access.byteOrder()));
  }

  @Override
  public List<CatalogTable> tableVersions(TableId id) {
    return read("list versions of", id, h -> TableRows.versions(h, id));
  }

  @Override
  public void publish(Publication publication) {
    CatalogTable table = Objects.requireNonNull(publication.table(), "publication.table");
    write(
        "publish",
        table.id(),
        h -> {
          Instant now = Instant.now();
          DatabaseRows.ensure(h, table.id().databaseId(), Map.of(), now);
          TableRows.commit(h, table, now);
          if (publication.quality() != null) {
            QualityRunRows.upsert(h, publication.quality());
          }
          if (publication.lineage() != null) {
            LineageRows.upsert(h, publication.lineage());
          }
          if (publication.run() != null) {
            JobRunRows.upsert(h, publication.run());
          }
        });
  }

  @Override
  public void recordQualityRun(QualityRun run) {
    write(
        "record quality run " + run.runId() + " of",
        run.table(),
        h -> QualityRunRows.upsert(h, run));
  }

  @Override
  public List<QualityRun> qualityHistory(TableId table, int limit) {
    return read("read quality history of", table, h -> QualityRunRows.history(h, table, limit));
  }

  @Override
  public void recordJobRun(JobRun run) {
    write("record job run", run.runId(), h -> JobRunRows.upsert(h, run));
  }

  @Override
  public Optional<JobRun> findJobRun(String runId) {
    return read("find job run", runId, h -> JobRunRows.find(h, runId));
  }

  @Override
  public List<JobRun> listJobRuns(String product, int limit) {
    return read(
        "list job runs of", orAll(product, "products"), h -> JobRunRows.list(h, product, limit));
  }

  @Override
  public List<LineageEvent> lineage(String dataset, int limit) {
    return read("read lineage of", dataset, h -> LineageRows.find(h, dataset, limit));
  }

  // ---- transactions

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return transaction("run a unit of work in", name, h -> work.get());
  }

  // ---- grants

  @Override
  public Grant addGrant(Grant grant) {
    return transaction("grant", grant, h -> GrantRows.add(h, grant));
  }

  @Override
  public Optional<Grant> removeGrant(
      Principal grantee, Resource resource, Set<Permission> permissions) {
    return transaction(
        "revoke from " + grantee + " on",
        resource,
        h -> GrantRows.remove(h, grantee, resource, permissions));
  }

  @Override
  public boolean noteExpiry(long grantId, Grant.ExpiryNotice from, Grant.ExpiryNotice to) {
    return transaction(
        "record the expiry of",
        "grant " + grantId,
        h -> GrantRows.noteExpiry(h, grantId, from, to));
  }

  @Override
  public List<Grant> grantsExpiringBy(Instant until) {
    return read("list grants expiring by", until, h -> GrantRows.expiringBy(h, until));
  }

  @Override
  public Optional<Grant> findGrant(Principal grantee, Resource resource) {
    return read(
        "find grant to " + grantee + " on", resource, h -> GrantRows.find(h, grantee, resource));
  }

  @Override
  public Optional<Grant> findGrant(long id) {
    return read("find grant", id, h -> GrantRows.find(h, id));
  }

  @Override
  public List<Grant> grantsCovering(Principal grantee, TableId table) {
    return read(
        "find grants of " + grantee + " on", table, h -> GrantRows.covering(h, grantee, table));
  }

  @Override
  public List<Grant> grantsCovering(Principal grantee, DatabaseId database) {
    return read(
        "find grants of " + grantee + " on",
        database,
        h -> GrantRows.covering(h, grantee, database));
  }

  @Override
  public List<Grant> grantsOn(String catalog) {
    return read("list grants on", catalog, h -> GrantRows.where(h, "catalog_name", catalog));
  }

  @Override
  public List<Grant> grantsHeldIn(String catalog) {
    return read("list grants held in", catalog, h -> GrantRows.where(h, "held_in", catalog));
  }

  @Override
  public List<Grant> grantsToAccount(String account) {
    return read("list grants to", account, h -> GrantRows.where(h, "grantee_account", account));
  }

  @Override
  public List<Grant> grantsAuthorisedBy(Authorisation authority) {
    String text = authority.toString();
    return read("list grants authorised by", text, h -> GrantRows.where(h, "authorisation", text));
  }

  @Override
  public SortedSet<String> catalogsGrantedTo(String account) {
    return read("list catalogs granted to", account, h -> GrantRows.catalogsGrantedTo(h, account));
  }

  // ---- LF-tags

  @Override
  public void createTag(String catalog, LfTag tag) {
    write(
        "create LF-tag " + tag.key() + " in",
        catalog,
        h -> {
          if (TagRows.find(h, catalog, tag.key()).isPresent()) {
            throw new AlreadyExistsException(
                "LF-tag " + tag.key() + " already exists in catalog " + catalog);
          }
          TagRows.create(h, catalog, tag, Instant.now());
        });
  }

  @Override
  public Optional<LfTag> findTag(String catalog, String key) {
    return read("find LF-tag " + key + " in", catalog, h -> TagRows.find(h, catalog, key));
  }

  @Override
  public List<LfTag> listTags(String catalog) {
    return read("list LF-tags of", catalog, h -> TagRows.list(h, catalog));
  }

  @Override
  public void assignTag(TagAssignment assignment) {
    write("assign LF-tag", assignment, h -> TagRows.assign(h, assignment));
  }

  @Override
  public boolean removeTag(TagTarget target, String key) {
    return transaction(
        "remove LF-tag " + key + " from", target, h -> TagRows.remove(h, target, key));
  }

  @Override
  public List<TagAssignment> tagsOf(TableId table) {
    return read("read LF-tags of", table, h -> TagRows.of(h, table));
  }

  @Override
  public List<TagAssignment> tagsOf(DatabaseId database) {
    return read("read LF-tags of", database, h -> TagRows.of(h, database));
  }

  // ---- resource links

  @Override
  public void createLink(ResourceLink link) {
    write(
        "create",
        link,
        h -> {
          boolean taken =
              link instanceof ResourceLink.TableLink t
                  ? LinkRows.findTable(h, t.link()).isPresent()
                  : LinkRows.findDatabase(h, ((ResourceLink.DatabaseLink) link).link()).isPresent();
          if (taken) {
            throw new AlreadyExistsException(
                "a resource link named " + link.name() + " exists already");
          }
          LinkRows.create(h, link, Instant.now());
        });
  }

  @Override
  public Optional<ResourceLink.TableLink> findTableLink(TableId name) {
    return read("find table link", name, h -> LinkRows.findTable(h, name));
  }

  @Override
  public Optional<ResourceLink.DatabaseLink> findDatabaseLink(DatabaseId name) {
    return read("find database link", name, h -> LinkRows.findDatabase(h, name));
  }

  @Override
  public List<ResourceLink> listLinks(String catalog) {
    return read("list links of", catalog, h -> LinkRows.list(h, catalog));
  }

  @Override
  public boolean dropLink(ResourceLink link) {
    return transaction("drop", link, h -> LinkRows.drop(h, link));
  }

  // ---- data filters

  @Override
  public void createFilter(DataFilter filter) {
    write("create", filter, h -> FilterRows.create(h, filter, Instant.now()));
  }

  @Override
  public Optional<DataFilter> findFilter(TableId table, String name) {
    return read("find data filter " + name + " of", table, h -> FilterRows.find(h, table, name));
  }

  @Override
  public List<DataFilter> listFilters(String catalog) {
    return read("list data filters of", catalog, h -> FilterRows.list(h, catalog));
  }

  @Override
  public boolean dropFilter(TableId table, String name) {
    return transaction(
        "drop data filter " + name + " of", table, h -> FilterRows.drop(h, table, name));
  }

  // ---- access requests

  @Override
  public AccessRequest createRequest(AccessRequest request) {
    return transaction("store", request, h -> RequestRows.create(h, request));
  }

  @Override
  public Optional<AccessRequest> findRequest(long id) {
    return read("find access request", id, h -> RequestRows.find(h, id));
  }

  @Override
  public AccessRequest updateRequest(AccessRequest request, AccessRequest.State expected) {
    return transaction("update", request, h -> RequestRows.update(h, request, expected));
  }

  @Override
  public List<AccessRequest> requestsFor(String catalog) {
    return read(
        "list access requests for", catalog, h -> RequestRows.where(h, "catalog_name", catalog));
  }

  @Override
  public List<AccessRequest> requestsBy(String account) {
    return read(
        "list access requests by",
        account,
        h -> RequestRows.where(h, "requester_account", account));
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
    return read("read the last event of", name, SubscriptionRows::lastEventSeq);
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
    return read("list event subscriptions of", name, SubscriptionRows::list);
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

  // ---- product status

  @Override
  public ProductStatus recordCheck(TableId table, Instant at, String runId) {
    return transaction(
        "stamp the last check of", table, h -> ProductStatusRows.recordCheck(h, table, at, runId));
  }

  @Override
  public boolean moveSla(
      TableId table, ProductStatus.Sla from, ProductStatus.Sla to, Instant since) {
    return transaction(
        "record the SLA state of", table, h -> ProductStatusRows.moveSla(h, table, from, to, since));
  }

  @Override
  public Map<TableId, ProductStatus> productStatuses(Collection<TableId> tables) {
    return read("read the status of", tables, h -> ProductStatusRows.of(h, tables));
  }

  // ---- audit

  @Override
  public AuditEvent append(AuditEvent draft) {
    AuditEvent event =
        transaction(
            "append to audit log", draft.log(), h -> AuditRows.append(h, draft, seal.key().orElse(null)));
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
    return read("list audit logs of", name, AuditRows::logs);
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
    return read("list access tokens of", orAll(account, "accounts"), h -> TokenRows.list(h, account));
  }

  @Override
  public boolean revokeToken(String id, Instant at) {
    return transaction("revoke access token", id, h -> TokenRows.revoke(h, id, at));
  }

  @Override
  public void close() {
    if (access != null) {
      try {
        checkpointAudit();
      } catch (RuntimeException e) {
        // Closing must free the database whatever happens; the next checkpoint anchors the heads.
        System.err.println("lakemesh: audit checkpoint not written: " + e.getMessage());
      }
      access.close();
      access = null;
      jdbi = null;
    }
  }

  private <T> T read(String operation, Object subject, HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi().withHandle(work);
    } catch (JdbiException e) {
      throw JdbcErrors.wrap(name, operation, subject, e);
    }
  }

  private <T> T transaction(
      String operation, Object subject, HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi().inTransaction(work);
    } catch (JdbiException e) {
      throw JdbcErrors.wrap(name, operation, subject, e);
    }
  }

  private void write(String operation, Object subject, HandleConsumer<RuntimeException> work) {
    transaction(
        operation,
        subject,
        h -> {
          work.useHandle(h);
          return null;
        });
  }

  private static String orAll(String scope, String kind) {
    return scope == null ? "all " + kind : scope;
  }

  private Jdbi jdbi() {
    Jdbi open = jdbi;
    if (open == null) {
      throw new IllegalStateException("jdbc catalog '" + name + "' is not open");
    }
    return open;
  }
}
