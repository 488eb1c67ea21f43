package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.ProductStatus;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.SupportsProductStatus;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AuditSeal;
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
 * What the parts of the catalog on AWS share: the clients and stores it is wired from, its
 * configuration, and the product entries, runs, lineage and product status it keeps (Glue tables,
 * S3 records). See {@link GlueGovernanceCatalog} for the order of calls across services.
 */
abstract class BaseGlueCatalog implements GovernanceCatalog, SupportsProductStatus {
  private final List<ExecutionInterceptor> interceptors;
  // Set once by wire(), before any other call; the parts that extend this class read them.
  String name;
  AwsCatalogConfig config;
  AwsNames names;
  AwsClients clients;
  GlueCatalogEntries entries;
  GlueResourceLinks links;
  RamInvitations ram;
  LakeFormationResources resources;
  LakeFormationPermissions permissions;
  LinkDescribeGrants linkGrants;
  LakeFormationDataFilters filters;
  LakeFormationTags tags;
  LakeFormationLocations locations;
  ProducerMembership membership;
  LakeFormationSetup setup;
  S3RunRecords runs;
  S3Grants grants;
  S3AccessRequests requests;
  S3AuditLogs audit;
  S3Events events;
  S3EventSubscriptions subscriptions;
  EventBridgeEvents eventBridge;
  S3ProductStatus statuses;
  AuditSeal seal = AuditSeal.none();

  BaseGlueCatalog(List<ExecutionInterceptor> interceptors) {
    this.interceptors = List.copyOf(interceptors);
  }

  /** Builds the clients and the stores this catalog calls, from the catalog properties. */
  final void wire(String name, Map<String, String> properties) {
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
}
