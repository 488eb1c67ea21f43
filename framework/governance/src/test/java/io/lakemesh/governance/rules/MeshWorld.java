package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo mesh in one topology over a fresh catalog, with helpers to publish products and read the
 * audit logs as they are stored.
 *
 * <p>Suites open worlds with {@link RuleSuite#open}, on SQLite unless a subclass names another
 * backend. Every rule suite runs on every backend, so a new suite {@code FooTest} is written as
 * {@code class FooTest extends RuleSuite}, opens its worlds with {@code open(topology)}, changes
 * storage behind lakemesh's back only through {@link #store} ({@link MeshStore}), and gets two
 * subclasses of five lines: {@code FooOnPostgresTest} here (runs when {@code LAKEMESH_TEST_PG_URL}
 * is set) and {@code FooOnAwsTest} in framework/aws (the loopback AWS services, one set per test
 * class), each of the form
 *
 * <pre>{@code
 * class FooOnAwsTest extends FooTest {
 *   @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();
 *
 *   @Override
 *   MeshBackend backend() {
 *     return AWS;
 *   }
 * }
 * }</pre>
 *
 * <p>({@code PostgresBackend PG = new PostgresBackend()} for PostgreSQL.) Where a backend cannot do
 * what a test asks because of a documented limit of the service beneath it, add a capability flag
 * to {@link MeshBackend} and have the test check it with {@code assumeThat}, citing the
 * documentation beside the flag.
 */
final class MeshWorld implements AutoCloseable {
  static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  static final TableId RETURNS = TableId.of("sales", "sales", "returns");
  static final TableId INVENTORY = TableId.of("product", "product", "inventory");
  static final TableId REVENUE = TableId.of("finance", "finance", "revenue");
  static final List<String> ORDER_COLUMNS = List.of("order_id", "customer_id", "amount", "country");
  static final Principal NOBODY = Principal.administrator("nobody");

  final Topology topology;
  final Mesh mesh;
  final MeshStore store;
  final GovernanceCatalog catalog;
  final Governance governance;
  private long snapshots = 100;
  private final Map<String, Long> newestSeen = new HashMap<>();

  MeshWorld(Topology topology, MeshStore store) {
    this(topology, store, Clock.systemUTC());
  }

  /** A world whose rules read the time from {@code clock} (a test moves it past an expiry). */
  MeshWorld(Topology topology, MeshStore store, Clock clock) {
    this.topology = topology;
    this.store = store;
    this.mesh = MeshFixtures.demo(topology);
    this.catalog = store.catalog();
    this.governance = Governance.over(mesh, catalog, clock);
  }

  /** A world over the embedded catalog database at {@code uri}, with more catalog properties. */
  static MeshWorld open(Topology topology, String uri, Map<String, String> properties) {
    Map<String, String> all = new TreeMap<>(properties);
    all.put("uri", uri);
    return new MeshWorld(topology, new JdbcMeshStore(all, () -> DriverManager.getConnection(uri)));
  }

  /** The JDBC URL of the catalog, for reaching its tables with plain JDBC (JDBC backends only). */
  String uri() {
    return store.jdbcUri();
  }

  /** The governance account holding sales' entries; in federated, one not in the mesh. */
  Principal governor() {
    return topology == Topology.FEDERATED
        ? MeshFixtures.GOVERNANCE
        : MeshFixtures.holderOfSales(topology);
  }

  /** The catalog where LF-tags for sales' data are defined. */
  String salesTagCatalog() {
    return mesh.holderOf("sales");
  }

  /** Publishes a version of a product table as its producer, with the given columns and tags. */
  CatalogTable publish(TableId id, List<String> columns, Map<String, String> tags) {
    return governance.publish(
        Principal.administrator(id.catalog()), publication(id, columns, tags));
  }

  /** A new version of a product table (a new snapshot), as a producer job would publish it. */
  Publication publication(TableId id, List<String> columns, Map<String, String> tags) {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put(TableParameters.PRODUCT, id.database() + "." + id.table());
    parameters.put(TableParameters.DESCRIPTION, "The " + id.table() + " of " + id.catalog());
    parameters.put(TableParameters.OWNER_TEAM, id.catalog() + "-data");
    parameters.put(TableParameters.SNAPSHOT_ID, Long.toString(++snapshots));
    parameters.put(TableParameters.QUALITY_STATUS, "PASSED");
    tags.forEach((k, v) -> parameters.put(TableParameters.TAG_PREFIX + k, v));
    List<Column> cols = new ArrayList<>();
    for (String c : columns) {
      cols.add(
          new Column(
              c,
              c.equals("amount") ? "decimal(12,2)" : "string",
              true,
              "",
              c.equals("customer_id")));
    }
    CatalogTable table =
        CatalogTable.builder(id)
            .columns(cols)
            .location("file:/warehouse/" + id.catalog() + "/" + id.table())
            .format("iceberg")
            .parameters(parameters)
            .build();
    return new Publication(table, null, null, null);
  }

  CatalogTable publish(TableId id) {
    return publish(id, ORDER_COLUMNS, Map.of());
  }

  /** Defines the LF-tags {@code domain} and {@code classification} where sales' data is tagged. */
  void defineSalesTags() {
    String catalog = salesTagCatalog();
    Principal admin = Principal.administrator(catalog);
    governance.createTag(admin, catalog, LfTag.of("domain", "sales", "product", "finance"));
    governance.createTag(
        admin, catalog, LfTag.of("classification", "public", "internal", "confidential"));
  }

  /** Every event of every log, as stored, oldest first. */
  List<AuditEvent> events() {
    return ((SupportsAudit) catalog).auditEvents(AuditQuery.all().limit(100_000));
  }

  /** Events of one log, as stored. */
  List<AuditEvent> events(String log) {
    return ((SupportsAudit) catalog).auditEvents(AuditQuery.ofLog(log).limit(100_000));
  }

  /**
   * The number of the newest event of a log; 0 when it is empty. A log only grows, so it is read on
   * from the newest event seen before: on S3 the newest of a log of thousands is a listing of all.
   */
  long lastSeq(String log) {
    long seen = newestSeen.getOrDefault(log, 0L);
    List<AuditEvent> newer = ((SupportsAudit) catalog).auditEventsFrom(log, seen + 1);
    long newest = newer.isEmpty() ? seen : newer.get(newer.size() - 1).seq();
    newestSeen.put(log, newest);
    return newest;
  }

  /**
   * The events of a log after event {@code seq}, oldest first, read from that event on: an action
   * adds a handful of events to a log of thousands.
   */
  List<AuditEvent> eventsAfter(String log, long seq) {
    // Over HTTP each actor's token is issued on its first call, and its issue is audited (the
    // server's tests check that); the suites compare the governance events of the same story in
    // process and over HTTP, so token events are left out.
    return ((SupportsAudit) catalog)
        .auditEventsFrom(log, seq + 1).stream()
            .filter(e -> e.action() != AuditAction.TOKEN_CREATE)
            .filter(e -> e.action() != AuditAction.TOKEN_REVOKE)
            .toList();
  }

  @Override
  public void close() {
    store.close();
  }
}
