package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogObject;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.QualityVerdict;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AccessToken;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The governance rules of a mesh over a catalog that stores governance state. Every method acts as
 * a principal; every state change and every refusal is written to the audit log that records it
 * (the governance account's, or the producer's own in {@code federated}). Authorisation failures
 * throw {@link io.lakemesh.exceptions.AccessDeniedException} naming the principal, the action, the
 * resource and what is missing; bad input throws a user error and changes nothing.
 *
 * <p>Nothing is cached: every check reads the stored grants, so a revoke counts from the next
 * check. The rules that give and take access (grants, requests, links, LF-tags, data filters) are
 * inherited from {@link AccessGovernance}.
 */
public final class Governance extends AccessGovernance {
  private Governance(Context ctx) {
    super(ctx);
  }

  /**
   * The rules of {@code mesh} over {@code catalog}, which must implement the governance storage
   * capabilities ({@code SupportsGrants}, {@code SupportsTags}, {@code SupportsLinks}, {@code
   * SupportsAccessRequests}, {@code SupportsAudit}).
   */
  public static Governance over(Mesh mesh, GovernanceCatalog catalog) {
    return over(mesh, catalog, Clock.systemUTC());
  }

  public static Governance over(Mesh mesh, GovernanceCatalog catalog, Clock clock) {
    return new Governance(Context.of(mesh, GovernanceStore.of(catalog), clock));
  }

  public Mesh mesh() {
    return ctx.mesh();
  }

  /**
   * The same rules for a caller that presents the access token of this id: every audit event they
   * append records the token. The server binds one to each request.
   */
  public Governance byToken(String tokenId) {
    return new Governance(ctx.byToken(tokenId));
  }

  /**
   * Appends the counts of repeated refusals whose window has passed ({@code all}: of every window,
   * as when closing), then writes a checkpoint of the logs appended to.
   */
  public void flushAudit(boolean all) {
    ctx.trail().flushRepeats(all);
    ctx.store().audit().checkpointAudit();
  }

  /**
   * Records that an access token was issued ({@code TOKEN_CREATE}) or revoked, in its account's
   * log.
   */
  public void recordToken(Principal actor, AuditAction action, AccessToken token, String detail) {
    tokens.record(actor, action, token, detail);
  }

  public GovernanceCatalog catalog() {
    return ctx.store().catalog();
  }

  // ---- reads

  /**
   * Checks SELECT on a name as the principal uses it (its own link, or the table itself) and
   * returns the target and the columns it may read.
   *
   * @throws io.lakemesh.exceptions.AccessDeniedException when it may read no column
   * @throws io.lakemesh.exceptions.NotFoundException for an unknown name or a dangling link
   */
  public AccessDecision checkSelect(Principal principal, TableId name) {
    return access.select(principal, name);
  }

  /**
   * Checks SELECT as {@link #checkSelect} does for an engine that is handed the whole table (an
   * Iceberg REST client), which it allows only when every cell may be read; records the read as a
   * {@code READ} event, once per principal, table and minute (see {@link FullTableAccess}).
   *
   * @throws io.lakemesh.exceptions.AccessDeniedException when {@link #checkSelect} refuses, or when
   *     the principal's grants hide columns or rows; the message names the governed engines
   */
  @Override
  public AccessDecision readFullTable(Principal principal, TableId name) {
    return fullTable.read(principal, name);
  }

  /**
   * Refuses, on record, a change an engine asks for through a resource link (read-only) or in the
   * catalog of an account that produces nothing. Always throws {@link
   * io.lakemesh.exceptions.AccessDeniedException}.
   *
   * @param name the table or database named, in the principal's catalog
   * @param change what was asked, as a verb phrase: {@code "commit to"}, {@code "drop"}
   */
  @Override
  public void refuseChange(Principal principal, CatalogObject name, String change) {
    fullTable.refuseChange(principal, name, change);
  }

  /** The entry behind a name, with the columns the principal may see (DESCRIBE). */
  public CatalogTable describe(Principal principal, TableId name) {
    return access.describe(principal, name);
  }

  /** The databases of the principal's account catalog, its links included. */
  public List<String> databases(Principal principal) {
    return access.databases(principal);
  }

  /** The tables of one database of the principal's catalog that it may see. */
  public List<String> tables(Principal principal, String database) {
    return access.tables(principal, database);
  }

  // ---- publishing

  /** Publishes a producer's table version; grants nothing to anyone. */
  public CatalogTable publish(Principal actor, Publication publication) {
    return publishing.publish(actor, publication);
  }

  @Override
  public SubscriberLinks ensureSubscriberLinks(
      Principal actor, TableId table, Collection<String> declared) {
    return publishing.ensureSubscriberLinks(actor, table, declared);
  }

  // ---- discovery

  public List<ProductListing> search(Principal actor, SearchQuery query) {
    return discovery.search(actor, query);
  }

  // ---- freshness SLAs

  /**
   * One pass of the freshness monitor over the products the actor watches (see {@link
   * FreshnessMonitor}): records each product that went past its SLA, and each in breach that is
   * within it again, once.
   */
  @Override
  public MonitorPass checkFreshness(Principal actor) {
    return monitor.check(actor);
  }

  /**
   * The product's freshness against its SLA, with the breach the monitor recorded, as its discovery
   * card shows it to everyone who may discover it.
   *
   * @throws io.lakemesh.exceptions.NotFoundException when the principal may not discover it
   */
  @Override
  public Freshness freshness(Principal actor, TableId product) {
    CatalogTable table = ownAccess.discoverable(actor, product, "READ the freshness of");
    return freshness.of(List.of(table)).get(product);
  }

  // ---- audit

  /** Events of one log, or of every log when the query names none (the consolidated view). */
  public List<AuditEvent> audit(Principal actor, AuditQuery query) {
    return audit.read(actor, query);
  }

  public List<AuditVerification> verifyAudit(Principal actor) {
    return audit.verifyAll(actor);
  }

  public AuditVerification verifyAudit(Principal actor, String log) {
    return audit.verify(actor, log);
  }

  // ---- the catalog's records, as a principal writes and reads them (see RunRecords, RecordViews)

  /** Creates a database of the producer's catalog when missing; true when it was created. */
  public boolean ensureDatabase(
      Principal actor, DatabaseId database, Map<String, String> parameters) {
    return records.ensureDatabase(actor, database, parameters);
  }

  /**
   * A producer joins the mesh with a database, carried out by the administrator of the account that
   * holds its entries (see {@link Membership}); true when the database was created.
   */
  public boolean join(Principal actor, DatabaseId database) {
    return membership.join(actor, database);
  }

  /** Databases of a catalog (of every catalog when null) in which the principal holds anything. */
  public List<DatabaseId> listDatabases(Principal actor, String catalog) {
    return views.listDatabases(actor, catalog);
  }

  /**
   * Tables of a catalog (of every catalog when null) the principal may describe, as it sees them.
   */
  public List<CatalogTable> listTables(Principal actor, String catalog) {
    return views.listTables(actor, catalog);
  }

  public List<CatalogTable> tableVersions(Principal actor, TableId table) {
    return views.tableVersions(actor, table);
  }

  /** Records a quality gate's outcome; only the table's producer may. */
  public void recordQualityRun(Principal actor, QualityRun run) {
    records.recordQualityRun(actor, run);
  }

  public List<QualityRun> qualityHistory(Principal actor, TableId table, int limit) {
    return views.qualityHistory(actor, table, limit);
  }

  /**
   * The quality of what consumers read of a table the principal may describe, and its last attempt
   * apart, from the records as the principal sees them.
   */
  public QualityVerdict qualityVerdict(Principal actor, TableId table) {
    CatalogTable entry = describe(actor, table);
    return QualityVerdict.of(
        Optional.of(entry), qualityHistory(actor, table, QualityVerdict.RUNS_READ));
  }

  /** Records a run of a producer job; only the product's producer may. */
  public void recordJobRun(Principal actor, JobRun run) {
    records.recordJobRun(actor, run);
  }

  /** The run, when the principal may see it. */
  public Optional<JobRun> findJobRun(Principal actor, String runId) {
    return views.findJobRun(actor, runId);
  }

  public List<JobRun> listJobRuns(Principal actor, String product, int limit) {
    return views.listJobRuns(actor, product, limit);
  }

  public List<LineageEvent> lineage(Principal actor, String dataset, int limit) {
    return views.lineage(actor, dataset, limit);
  }

  /** The lineage graph around a product, for every principal who may discover it. */
  public LineageGraph lineageGraph(Principal actor, TableId product) {
    return lineageWalk.of(actor, product);
  }

  // ---- event subscriptions (see EventSubscriptions)

  /**
   * Subscribes the actor to a product's events, from the next event on; refused (and audited) when
   * it may not describe the product. The stored subscription keeps the webhook's secret.
   */
  @Override
  public EventSubscription subscribeEvents(Principal actor, EventSubscription draft) {
    return subscriptions.subscribe(actor, draft);
  }

  /** The event subscriptions the actor manages, their secrets left out. */
  @Override
  public List<EventSubscription> eventSubscriptions(Principal actor) {
    return subscriptions.list(actor).stream().map(EventSubscription::withoutSecret).toList();
  }

  @Override
  public void unsubscribeEvents(Principal actor, long subscription) {
    subscriptions.unsubscribe(actor, subscription);
  }

  /** The dead letters of the subscriptions the actor manages. */
  @Override
  public List<EventDelivery> deadLetters(Principal actor) {
    return subscriptions.deadLetters(actor);
  }

  /** Puts a subscription's dead letters back to be delivered on the next pass. */
  @Override
  public List<EventDelivery> retryDeadLetters(Principal actor, long subscription) {
    return subscriptions.retry(actor, subscription);
  }

  /**
   * The event as the subscription's principal may receive it now (column names it may not see
   * hidden), or empty when it may not: decided again at every delivery, so that access that ends
   * ends the events too.
   */
  public Optional<MeshEvent> eventFor(EventSubscription subscription, MeshEvent event) {
    return subscriptions.audience(subscription, event);
  }

  // ---- the accounts' Iceberg tables

  /**
   * Refuses, on record, a change to the actor's own account's Iceberg tables made outside
   * publishing (through the catalog server's Iceberg REST endpoint): only the producer's
   * administrator makes one, and never to a published product.
   *
   * @param change what is done, as the refusal says it ("DROP", "COMMIT to")
   * @param subject what it is done to ("table sales:sales.staging")
   * @param table the table as the governance catalog would name it, when its name can be one; a
   *     published product of that name is never changed this way
   */
  public void checkWarehouseChange(
      Principal actor, String change, String subject, Optional<TableId> table) {
    warehouse.check(actor, change, subject, table);
  }

  // ---- callers

  /**
   * The principal a caller authenticated as {@code authenticated} acts as when it claims to act as
   * {@code claimed} (null or blank: no claim): itself only; any other claim is refused and audited.
   */
  public Principal actingAs(Principal authenticated, String claimed) {
    return access.actingAs(authenticated, claimed);
  }
}
