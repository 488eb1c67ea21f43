package io.lakemesh.catalog.aws;

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
import io.lakemesh.catalog.SupportsEventBus;
import io.lakemesh.catalog.SupportsEventDelivery;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsLinks;
import io.lakemesh.catalog.SupportsProductStatus;
import io.lakemesh.catalog.SupportsTags;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.AccessRequest;
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
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The governance catalog on AWS. Tables and resource links are Glue's; permissions and LF-tags are
 * Lake Formation's; cross-account shares are accepted through RAM; what AWS keeps no API for
 * (grants as lakemesh records them, access requests, quality runs, lineage, job runs, audit logs)
 * is kept as JSON lines in S3 ({@link AthenaTables}). Properties are described in {@link
 * AwsCatalogConfig}.
 *
 * <p>AWS offers no transaction across these services, so this catalog does not implement {@code
 * SupportsTransactions}. Where one action takes several calls they are ordered so that a failure
 * leaves a state a re-run converges from: AWS is changed before the record that describes it
 * (grants, revocations), a publish writes its quality and lineage records before the Glue table
 * (the commit point) and its run record last, and {@link #grantDrift} reports any grant on which
 * the record and Lake Formation disagree.
 */
public class GlueGovernanceCatalog
    implements GovernanceCatalog,
        SupportsGrants,
        SupportsTags,
        SupportsLinks,
        SupportsAccessRequests,
        SupportsAudit,
        SupportsDataFilters,
        SupportsEvents,
        SupportsEventDelivery,
        SupportsEventBus,
        SupportsProductStatus {
  private final List<ExecutionInterceptor> interceptors;
  private String name;
  private AwsCatalogConfig config;
  private AwsNames names;
  private AwsClients clients;
  private GlueCatalogEntries entries;
  private GlueResourceLinks links;
  private RamInvitations ram;
  private LakeFormationResources resources;
  private LakeFormationPermissions permissions;
  private LinkDescribeGrants linkGrants;
  private LakeFormationDataFilters filters;
  private LakeFormationTags tags;
  private LakeFormationLocations locations;
  private ProducerMembership membership;
  private LakeFormationSetup setup;
  private S3RunRecords runs;
  private S3Grants grants;
  private S3AccessRequests requests;
  private S3AuditLogs audit;
  private S3Events events;
  private S3EventSubscriptions subscriptions;
  private EventBridgeEvents eventBridge;
  private S3ProductStatus statuses;
  private AuditSeal seal = AuditSeal.none();

  public GlueGovernanceCatalog() {
    this(List.of());
  }

  /** A catalog whose SDK clients also run these interceptors (metrics, request logging, tests). */
  public GlueGovernanceCatalog(List<ExecutionInterceptor> interceptors) {
    this.interceptors = List.copyOf(interceptors);
  }

  @Override
  public void initialize(String name, Map<String, String> properties) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = AwsCatalogConfig.from(properties);
    this.names = new AwsNames(config);
    this.clients = new AwsClients(name, config, interceptors);
    this.entries = new GlueCatalogEntries(names, clients);
    this.ram = new RamInvitations(clients);
    this.links = new GlueResourceLinks(entries, names, ram);
    this.resources = new LakeFormationResources(names, links::isLink);
    this.permissions = new LakeFormationPermissions(names, clients, resources);
    this.linkGrants = new LinkDescribeGrants(names, links, permissions);
    this.filters =
        new LakeFormationDataFilters(
            names, clients, resources, permissions, entries::listDatabases);
    this.tags = new LakeFormationTags(names, clients, resources);
    this.locations = new LakeFormationLocations(names, clients);
    this.membership = new ProducerMembership(names, clients, entries, locations, ram);
    this.setup =
        new LakeFormationSetup(names, clients, permissions, lakeFormationReaders(properties));
    AwsAccount recordsAccount = config.account(config.recordsAccount());
    S3Objects objects = new S3Objects(clients, recordsAccount, config.recordsRoot());
    RecordAccess access = new RecordAccess(names, objects);
    this.runs = new S3RunRecords(access);
    this.grants = new S3Grants(objects);
    this.requests = new S3AccessRequests(objects);
    this.events = new S3Events(access);
    this.subscriptions = new S3EventSubscriptions(objects);
    this.eventBridge = new EventBridgeEvents(clients, recordsAccount);
    this.statuses = new S3ProductStatus(access);
    this.seal = AuditSeal.from(properties);
    this.audit = new S3AuditLogs(access, seal);
    seal.anchorUnkeyedLogs(this);
  }

  @Override
  public String name() {
    return name;
  }

  /** The accounts whose Iceberg catalogs read with Lake Formation's credentials. */
  private Set<String> lakeFormationReaders(Map<String, String> properties) {
    Set<String> readers = new HashSet<>();
    for (AwsAccount account : config.accounts().values()) {
      String flag = properties.get(account.key(AwsAccount.LAKEFORMATION_ENABLED));
      if (flag != null && Boolean.parseBoolean(flag.trim())) {
        readers.add(account.id());
      }
    }
    return readers;
  }

  public AwsCatalogConfig config() {
    return config;
  }

  // ---- tables

  /**
   * The producer joins the mesh with this database, as the holder of its entries carries it out:
   * the database is created in the holder's catalog, the producer's storage root registered with
   * Lake Formation, and the producer's account granted what publishing there needs (see {@link
   * ProducerMembership}). Run it with the holder's credentials once, before the producer's first
   * job, so that producer jobs never need them; joining again changes nothing.
   */
  @Override
  public boolean ensureDatabase(DatabaseId database, Map<String, String> parameters) {
    return membership.join(database, Objects.requireNonNullElse(parameters, Map.of()));
  }

  @Override
  public List<DatabaseId> listDatabases(String catalog) {
    return entries.listDatabases(catalog);
  }

  @Override
  public Optional<CatalogTable> findTable(TableId id) {
    return entries.find(id);
  }

  @Override
  public List<CatalogTable> listTables(String catalog) {
    return entries.listTables(catalog);
  }

  @Override
  public List<CatalogTable> tableVersions(TableId id) {
    return entries.versions(id);
  }

  /**
   * Every part is checked and serialised first, so a malformed part fails before anything is
   * written. Then the quality run and lineage event are stored, the Glue table is committed by the
   * producer (a new version, or nothing when the snapshot is already published; the producer joins
   * first if its database is not in the holder's catalog yet), and the run record is stored last.
   * Each step is idempotent, so a publish that stopped part-way converges when run again. The
   * producer writes its records with its own credentials too ({@link RecordAccess}).
   */
  @Override
  public void publish(Publication publication) {
    CatalogTable table = Objects.requireNonNull(publication.table(), "publication.table");
    List<S3RunRecords.Prepared> before = new ArrayList<>();
    if (publication.quality() != null) {
      before.add(runs.prepare(publication.quality()));
    }
    if (publication.lineage() != null) {
      before.add(runs.prepare(publication.lineage(), table.id().catalog()));
    }
    Optional<S3RunRecords.Prepared> after =
        Optional.ofNullable(publication.run()).map(runs::prepare);
    before.forEach(p -> p.write().run());
    entries.commit(table, database -> membership.join(database, Map.of()));
    after.ifPresent(p -> p.write().run());
  }

  @Override
  public void recordQualityRun(QualityRun run) {
    runs.prepare(run).write().run();
  }

  @Override
  public List<QualityRun> qualityHistory(TableId table, int limit) {
    return runs.qualityHistory(table, limit);
  }

  @Override
  public void recordJobRun(JobRun run) {
    runs.prepare(run).write().run();
  }

  @Override
  public Optional<JobRun> findJobRun(String runId) {
    return runs.findJobRun(runId);
  }

  @Override
  public List<JobRun> listJobRuns(String product, int limit) {
    return runs.listJobRuns(product, limit);
  }

  @Override
  public Map<String, List<JobRun>> recentJobRuns(Collection<String> products, int limit) {
    return runs.recentJobRuns(products, limit);
  }

  @Override
  public List<LineageEvent> lineage(String dataset, int limit) {
    return runs.lineage(dataset, limit);
  }

  // ---- grants

  /**
   * Grants in Lake Formation first (with DESCRIBE on the grantee's links to the resource, {@link
   * LinkDescribeGrants}), then records the grant; see {@link #grantDrift}.
   */
  @Override
  public Grant addGrant(Grant grant) {
    return grants.add(
        grant,
        g -> {
          permissions.grant(g);
          linkGrants.granted(g);
        });
  }

  /**
   * Revokes in Lake Formation first, then updates the record; when the entry ends, DESCRIBE on the
   * grantee's links that no longer serve a grant of its goes too (a re-run after a failure between
   * the two finds no entry and converges).
   */
  @Override
  public Optional<Grant> removeGrant(
      Principal grantee, Resource resource, Set<Permission> revoked) {
    Optional<Grant> left =
        grants.remove(
            grantee,
            resource,
            revoked,
            recorded -> permissions.revoke(grantee, resource, revoked, recorded));
    if (left.isEmpty()) {
      linkGrants.ended(grantee, resource, grants.where(g -> g.grantee().equals(grantee)));
    }
    return left;
  }

  /**
   * Records the notice; an expiry recorded as EXPIRED is first revoked in Lake Formation (with
   * DESCRIBE on the grantee's links that serve no other grant), since Lake Formation's own grants
   * do not expire ("Granting and revoking permissions on Data Catalog resources", Lake Formation
   * Developer Guide). The record stays, shown as expired; {@link #grantDrift} counts it as ended.
   */
  @Override
  public boolean noteExpiry(long grantId, Grant.ExpiryNotice from, Grant.ExpiryNotice to) {
    return grants.noteExpiry(
        grantId,
        from,
        to,
        g -> {
          if (to == Grant.ExpiryNotice.EXPIRED) {
            permissions.revoke(g.grantee(), g.resource(), g.permissions(), Optional.of(g));
            linkGrants.ended(
                g.grantee(),
                g.resource(),
                grants.where(
                    o ->
                        o.grantee().equals(g.grantee())
                            && o.id() != g.id()
                            && o.notice() != Grant.ExpiryNotice.EXPIRED));
          }
        });
  }

  @Override
  public List<Grant> grantsExpiringBy(Instant until) {
    return grants.where(
        g -> g.expiredAt(until) && g.notice() != Grant.ExpiryNotice.EXPIRED);
  }

  @Override
  public Optional<Grant> findGrant(Principal grantee, Resource resource) {
    return grants.find(grantee, resource);
  }

  @Override
  public Optional<Grant> findGrant(long id) {
    return grants.find(id);
  }

  @Override
  public List<Grant> grantsCovering(Principal grantee, TableId table) {
    return grants.covering(grantee, table);
  }

  @Override
  public List<Grant> grantsCovering(Principal grantee, DatabaseId database) {
    return grants.covering(grantee, database);
  }

  @Override
  public List<Grant> grantsOn(String catalog) {
    return grants.where(g -> g.resource().catalog().equals(catalog));
  }

  @Override
  public List<Grant> grantsHeldIn(String catalog) {
    return grants.where(g -> g.catalog().equals(catalog));
  }

  @Override
  public List<Grant> grantsToAccount(String account) {
    return grants.where(g -> g.grantee().account().equals(account));
  }

  @Override
  public List<Grant> grantsAuthorisedBy(Authorisation authority) {
    return grants.where(g -> authority.equals(g.authorisation()));
  }

  /** What Lake Formation itself lists for the grantee on the resource (ListPermissions). */
  public HeldPermissions permissionsInLakeFormation(Principal grantee, Resource resource) {
    var entry = resources.entries(grantee, resource, Set.of(), Set.of(), false).get(0);
    return permissions.held(grantee, resource, entry);
  }

  /**
   * Where the recorded grants and Lake Formation disagree, for {@code lakemesh doctor}. Empty when
   * every recorded grant is in effect and Lake Formation holds nothing else for mesh principals on
   * mesh data.
   */
  public List<GrantDrift> grantDrift() {
    // An expiry recorded as EXPIRED was revoked in Lake Formation: it is no longer expected there.
    List<Grant> inEffect =
        grants.all().stream().filter(g -> g.notice() != Grant.ExpiryNotice.EXPIRED).toList();
    return new LakeFormationDrift(names, resources, permissions, linkGrants, links::list)
        .compare(inEffect, entries.listDatabases(null), membership);
  }

  /**
   * What the accounts holding mesh entries need so that Lake Formation's grants decide on AWS (data
   * lake administrators, default permissions, cross-account version, IAM_ALLOWED_PRINCIPALS grants,
   * the catalog resource policy) and the policies a location registered across accounts needs, as
   * AWS is now; for {@code lakemesh doctor} and {@code aws setup}. Plain values (see {@link
   * SetupStep#toMap}), because the CLI reaches this backend by name.
   */
  public List<Map<String, Object>> lakeFormationSetup() {
    return setup.steps().stream().map(SetupStep::toMap).toList();
  }

  /** Makes the changes {@link #lakeFormationSetup} lists, then returns it read again. */
  public List<Map<String, Object>> applyLakeFormationSetup() {
    return setup.apply().stream().map(SetupStep::toMap).toList();
  }

  /**
   * Assumes the account's role with a session tag, as Iceberg's Lake Formation client factory does
   * for {@code lakeformation-enabled} accounts, for {@code lakemesh doctor}: the session's ARN, or
   * AWS's refusal (an access denial when the role's trust policy lacks sts:TagSession, "Pass
   * session tags in AWS STS"). A config error when the account assumes no role.
   */
  public String assumeRoleWithSessionTag(String account, String key, String value) {
    AwsAccount a = config.account(account);
    if (a.roleArn().isEmpty()) {
      throw new InvalidConfigException(
          a.key(AwsAccount.ROLE_ARN),
          "account "
              + account
              + ": Iceberg takes Lake Formation's credentials by assuming a role; set "
              + a.key(AwsAccount.ROLE_ARN));
    }
    return clients
        .call(a, "sts:AssumeRole", a.roleArn().get() + " tagged " + key)
        .run(() -> clients.assumeTagged(a, key, value));
  }

  /**
   * Who AWS takes an account's credentials for (STS GetCallerIdentity), for {@code lakemesh
   * doctor}: the caller's ARN. Fails naming the account and the call when the credentials are
   * missing or refused, and as a config error when they are another AWS account's.
   */
  public String callerIdentity(String account) {
    AwsAccount a = config.account(account);
    var identity =
        clients
            .call(a, "sts:GetCallerIdentity", "account " + account)
            .run(() -> clients.sts(a).getCallerIdentity());
    if (!a.awsAccountId().equals(identity.account())) {
      throw new InvalidConfigException(
          a.key(AwsAccount.AWS_ACCOUNT_ID),
          "account "
              + account
              + ": its credentials ("
              + a.credentialSource()
              + ") are "
              + identity.arn()
              + " of AWS account "
              + identity.account()
              + ", but it is configured as "
              + a.awsAccountId());
    }
    return identity.arn();
  }

  // ---- data filters

  /** A data cells filter in the holder's Lake Formation ({@link LakeFormationDataFilters}). */
  @Override
  public void createFilter(DataFilter filter) {
    filters.create(filter);
  }

  @Override
  public Optional<DataFilter> findFilter(TableId table, String name) {
    return filters.find(table, name);
  }

  @Override
  public List<DataFilter> listFilters(String catalog) {
    return filters.list(catalog);
  }

  /**
   * Deletes the data cells filter, with whatever the holder's Lake Formation still lists on it; the
   * recorded grants on it are the governance rules' to end first, as a cascade.
   */
  @Override
  public boolean dropFilter(TableId table, String name) {
    return filters.drop(table, name);
  }

  // ---- LF-tags

  @Override
  public void createTag(String catalog, LfTag tag) {
    tags.create(catalog, tag);
  }

  @Override
  public Optional<LfTag> findTag(String catalog, String key) {
    return tags.find(catalog, key);
  }

  @Override
  public List<LfTag> listTags(String catalog) {
    return tags.list(catalog);
  }

  @Override
  public void assignTag(TagAssignment assignment) {
    tags.assign(assignment);
  }

  @Override
  public boolean removeTag(TagTarget target, String key) {
    return tags.remove(target, key);
  }

  @Override
  public List<TagAssignment> tagsOf(TableId table) {
    return tags.of(table);
  }

  @Override
  public List<TagAssignment> tagsOf(DatabaseId database) {
    return tags.of(database);
  }

  /**
   * The producer's tables whose LF-tags match, as Lake Formation finds them (SearchTablesByLFTags).
   */
  public List<TableId> tablesMatching(String catalog, TagExpression expression) {
    Set<DatabaseId> own = new HashSet<>(entries.listDatabases(catalog));
    return tags.tablesMatching(catalog, expression).stream()
        .filter(t -> own.contains(t.databaseId()))
        .toList();
  }

  // ---- resource links

  /**
   * Creates the link, then grants DESCRIBE on it to its account's principals granted on its target.
   */
  @Override
  public void createLink(ResourceLink link) {
    links.create(link);
    linkGrants.linked(link, grantsToAccount(link.catalog()));
  }

  @Override
  public Optional<ResourceLink.TableLink> findTableLink(TableId linkName) {
    return links.findTable(linkName);
  }

  @Override
  public Optional<ResourceLink.DatabaseLink> findDatabaseLink(DatabaseId linkName) {
    return links.findDatabase(linkName);
  }

  @Override
  public List<ResourceLink> listLinks(String catalog) {
    return links.list(catalog);
  }

  /** Takes back the DESCRIBE granted on the link, then deletes it. */
  @Override
  public boolean dropLink(ResourceLink link) {
    Optional<ResourceLink> held = links.find(link);
    if (held.isEmpty()) {
      return false;
    }
    linkGrants.unlinking(held.get(), grantsToAccount(link.catalog()));
    return links.drop(link);
  }

  /**
   * Accepts the consumer's pending resource-share invitations from the accounts that hold mesh
   * entries; returns the names of the shares accepted. Creating a link does this for its target.
   */
  public List<String> acceptShares(String consumer) {
    AwsAccount account = names.account(consumer);
    Set<String> senders = new HashSet<>();
    names.holders().forEach(h -> senders.add(h.awsAccountId()));
    senders.remove(account.awsAccountId());
    return ram.acceptFrom(account, senders);
  }

  // ---- access requests

  @Override
  public AccessRequest createRequest(AccessRequest request) {
    return requests.create(request);
  }

  @Override
  public Optional<AccessRequest> findRequest(long id) {
    return requests.find(id);
  }

  @Override
  public AccessRequest updateRequest(AccessRequest request, AccessRequest.State expected) {
    return requests.update(request, expected);
  }

  @Override
  public List<AccessRequest> requestsFor(String catalog) {
    return requests.where(r -> r.owner().equals(catalog));
  }

  @Override
  public List<AccessRequest> requestsBy(String account) {
    return requests.where(r -> r.requester().account().equals(account));
  }

  // ---- mesh events

  @Override
  public MeshEvent appendEvent(MeshEvent event) {
    return events.append(event);
  }

  @Override
  public List<MeshEvent> eventsAfter(long seq, int limit) {
    return events.after(seq, limit);
  }

  @Override
  public List<MeshEvent> tableEvents(TableId table, Set<MeshEvent.Kind> kinds, int limit) {
    return events.ofTable(table, kinds, limit);
  }

  // ---- event subscriptions and deliveries

  @Override
  public void putEvent(
      String busArn,
      String source,
      String detailType,
      String detail,
      Instant time,
      List<String> resources) {
    eventBridge.put(busArn, source, detailType, detail, time, resources);
  }

  @Override
  public EventSubscription addSubscription(
      EventSubscription draft) {
    return subscriptions.add(draft);
  }

  @Override
  public Optional<EventSubscription> findSubscription(long id) {
    return subscriptions.find(id);
  }

  @Override
  public List<EventSubscription> listSubscriptions() {
    return subscriptions.list();
  }

  @Override
  public boolean removeSubscription(long id) {
    return subscriptions.remove(id);
  }

  @Override
  public void advanceCursor(long id, long seq) {
    subscriptions.advance(id, seq);
  }

  @Override
  public void saveDelivery(EventDelivery delivery) {
    subscriptions.save(delivery);
  }

  @Override
  public List<EventDelivery> deliveries(
      long subscription, Set<EventDelivery.State> states) {
    return subscriptions.deliveries(subscription, states);
  }

  // ---- product status

  @Override
  public ProductStatus recordCheck(TableId table, Instant at, String runId) {
    return statuses.recordCheck(table, at, runId);
  }

  @Override
  public boolean moveSla(
      TableId table, ProductStatus.Sla from, ProductStatus.Sla to, Instant since) {
    return statuses.moveSla(table, from, to, since);
  }

  @Override
  public Map<TableId, ProductStatus> productStatuses(Collection<TableId> tables) {
    return statuses.of(tables);
  }

  // ---- audit

  @Override
  public AuditEvent append(AuditEvent draft) {
    return audit.append(draft);
  }

  @Override
  public List<AuditEvent> auditEvents(AuditQuery query) {
    return audit.find(query);
  }

  @Override
  public List<AuditEvent> auditEventsFrom(String log, long seq) {
    return audit.from(log, seq);
  }

  @Override
  public List<String> auditLogs() {
    return audit.logs();
  }

  @Override
  public AuditVerification verifyAudit(String log) {
    return audit.verify(log);
  }

  @Override
  public List<AuditCheckpoint> checkpointAudit() {
    return seal.checkpoint(this);
  }

  /** The Athena DDL of the tables over this catalog's S3 records. */
  public String athenaDdl(String athenaDatabase) {
    return AthenaTables.ddl(athenaDatabase, config.recordsRoot());
  }

  @Override
  public void close() {
    if (clients != null) {
      try {
        checkpointAudit();
      } catch (RuntimeException e) {
        // Closing must free the clients whatever happens; the next checkpoint anchors the heads.
        System.err.println("lakemesh: audit checkpoint not written: " + e.getMessage());
      }
      clients.close();
      clients = null;
    }
  }
}
