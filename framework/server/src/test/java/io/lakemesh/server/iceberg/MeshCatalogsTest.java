package io.lakemesh.server.iceberg;

import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.server.DemoCatalog.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.ManualClock;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.DemoCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a principal reads and may change through the Iceberg catalog the REST endpoint serves it:
 * the governance rules over a real SQLite catalog, the producers' tables in real Iceberg JDBC
 * catalogs, and the calls made as Iceberg's own REST handlers make them.
 */
class MeshCatalogsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final TableIdentifier LINKED = TableIdentifier.of("sales_link", "orders");
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);

  @TempDir Path dir;
  private DemoCatalog demo;
  private LocalWarehouses warehouses;
  private ManualClock clock;
  private Governance rules;
  private Table producerOrders;

  @BeforeEach
  void open() {
    demo = new DemoCatalog(dir).withProducts(1);
    clock = new ManualClock(T0);
    rules = Governance.over(demo.governance.mesh(), demo.catalog, clock).byToken("tok1");
    warehouses = new LocalWarehouses(dir, Set.of("sales", "product", "finance"));
    producerOrders = warehouses.create("sales", "sales", "orders");
  }

  @AfterEach
  void close() {
    warehouses.close();
    demo.close();
  }

  private Catalog catalogOf(Principal principal) {
    return new MeshCatalogs(rules, warehouses).catalogFor(principal);
  }

  private long subscribe(Principal consumer, Resource resource) {
    long id = demo.governance.requestAccess(consumer, resource, SELECT).id();
    demo.governance.approve(SALES, id);
    return id;
  }

  private List<AuditEvent> events(AuditAction action) {
    return ((SupportsAudit) demo.catalog)
        .auditEvents(AuditQuery.ofLog("governance").limit(10_000)).stream()
            .filter(e -> e.action() == action)
            .toList();
  }

  @Test
  void aGrantedReaderLoadsTheProducersCurrentSnapshotAndSeesItsNextCommit() {
    long first = LocalWarehouses.commit(producerOrders, "a.parquet", 10);
    subscribe(MARKETING, Resource.table(ORDERS));
    Catalog marketing = catalogOf(MARKETING);

    Table read = marketing.loadTable(LINKED);
    assertThat(read.currentSnapshot().snapshotId()).isEqualTo(first);
    assertThat(read.schema().asStruct()).isEqualTo(LocalWarehouses.ORDERS.asStruct());
    assertThat(
            CatalogHandlers.loadTable(marketing, LINKED)
                .tableMetadata()
                .currentSnapshot()
                .snapshotId())
        .isEqualTo(first);

    long second = LocalWarehouses.commit(producerOrders, "b.parquet", 5);
    assertThat(marketing.loadTable(LINKED).currentSnapshot().snapshotId())
        .isEqualTo(second)
        .isNotEqualTo(first);
  }

  @Test
  void aReaderSeesOnlyWhatWasPublishedNotTheBatchesStagedOnAuditBranches() {
    long published = LocalWarehouses.commit(producerOrders, "a.parquet", 10);
    // A batch staged for its quality gate, as a producer job writes it, and not published (yet).
    producerOrders
        .manageSnapshots()
        .createBranch("audit_20261207T100000Z_a1b2c3", published)
        .commit();
    producerOrders
        .newAppend()
        .appendFile(
            DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath(producerOrders.location() + "/data/staged.parquet")
                .withFileSizeInBytes(1024)
                .withRecordCount(5)
                .withFormat("parquet")
                .build())
        .toBranch("audit_20261207T100000Z_a1b2c3")
        .commit();
    producerOrders.refresh();
    long staged = producerOrders.refs().get("audit_20261207T100000Z_a1b2c3").snapshotId();
    subscribe(MARKETING, Resource.table(ORDERS));

    TableMetadata answered =
        CatalogHandlers.loadTable(catalogOf(MARKETING), LINKED).tableMetadata();

    assertThat(answered.refs()).containsOnlyKeys("main");
    assertThat(answered.snapshots()).extracting(Snapshot::snapshotId).containsExactly(published);
    assertThat(answered.snapshot(staged)).isNull();
    assertThat(answered.currentSnapshot().snapshotId()).isEqualTo(published);
    // The producer's own catalog still has the staged batch: the view is the reader's alone.
    assertThat(warehouses.of("sales").loadTable(TableIdentifier.of("sales", "orders")).refs())
        .containsKey("audit_20261207T100000Z_a1b2c3");
  }

  @Test
  void aConsumerSeesItsLinkDatabasesAndTheirTables() {
    subscribe(MARKETING, Resource.table(ORDERS));
    SupportsNamespaces marketing = (SupportsNamespaces) catalogOf(MARKETING);

    assertThat(marketing.listNamespaces()).containsExactly(Namespace.of("sales_link"));
    assertThat(((Catalog) marketing).listTables(Namespace.of("sales_link")))
        .containsExactly(LINKED);
    assertThat(marketing.namespaceExists(Namespace.of("sales"))).isFalse();
    assertThat(((Catalog) marketing).tableExists(LINKED)).isTrue();
    assertThat(((Catalog) marketing).tableExists(TableIdentifier.of("sales_link", "returns")))
        .isFalse();
    // A governance principal carries out decisions and reads no data: no catalog of its own.
    assertThat(((SupportsNamespaces) catalogOf(GOVERNANCE)).listNamespaces()).isEmpty();
  }

  @Test
  void aProducerThatAlsoConsumesSeesItsOwnNamespacesBesideItsLinks() {
    warehouses.create("finance", "finance", "revenue");
    subscribe(FINANCE, Resource.table(ORDERS));
    Catalog finance = catalogOf(FINANCE);

    assertThat(((SupportsNamespaces) finance).listNamespaces())
        .containsExactly(Namespace.of("finance"), Namespace.of("sales_link"));
    assertThat(finance.loadTable(TableIdentifier.of("finance", "revenue")).name())
        .isEqualTo("finance.finance.revenue");
    assertThat(finance.loadTable(TableIdentifier.of("sales_link", "orders")).name())
        .isEqualTo("sales_link.orders");
    // Its own catalog is where its engine creates: a new namespace and table land there.
    ((SupportsNamespaces) finance).createNamespace(Namespace.of("scratch"), Map.of());
    finance.createTable(TableIdentifier.of("scratch", "t"), LocalWarehouses.ORDERS);
    assertThat(warehouses.of("finance").tableExists(TableIdentifier.of("scratch", "t"))).isTrue();
  }

  @Test
  void anUngrantedTableIsRefusedAsQueryRefusesIt() {
    Catalog marketing = catalogOf(MARKETING);

    assertThatThrownBy(() -> marketing.loadTable(LINKED))
        .isInstanceOf(NoSuchTableException.class)
        .hasMessage("table not found: marketing:sales_link.orders");
    assertThatThrownBy(() -> marketing.loadTable(TableIdentifier.of("sales_link", "orders", "x")))
        .isInstanceOf(NoSuchTableException.class);
  }

  @Test
  void aRevokedReaderIsRefusedOnItsNextLoad() {
    LocalWarehouses.commit(producerOrders, "a.parquet", 10);
    long subscription = subscribe(MARKETING, Resource.table(ORDERS));
    Catalog marketing = catalogOf(MARKETING);
    marketing.loadTable(LINKED);

    demo.governance.revokeSubscription(SALES, subscription);

    assertThatThrownBy(() -> marketing.loadTable(LINKED))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "access denied: marketing may not SELECT table sales:sales.orders (through"
                + " marketing:sales_link.orders): missing SELECT (no grant on the table, its"
                + " columns, its database or a matching LF-tag policy); ask the producer for the"
                + " table: bin/lakemesh request-access --as marketing --table sales:sales.orders"
                + " --perm SELECT");
  }

  @Test
  void aColumnHolderIsRefusedWithTheGovernedEnginesNamed() {
    subscribe(MARKETING, Resource.columns(ORDERS, List.of("order_id", "amount")));
    Catalog marketing = catalogOf(MARKETING);

    assertThatThrownBy(() -> marketing.loadTable(LINKED))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageStartingWith(
            "access denied: marketing may not SELECT table sales:sales.orders with full table"
                + " access: its grants show only some of the table's columns;")
        .hasMessageContaining(
            "bin/lakemesh query --as marketing \"SELECT * FROM sales_link.orders\"")
        .hasMessageContaining("io.lakemesh.governance.spark.GovernedCatalog");
    assertThat(events(AuditAction.SELECT))
        .extracting(AuditEvent::outcome, AuditEvent::token)
        .containsExactly(tuple(AuditEvent.Outcome.REFUSED, "tok1"));
    assertThat(events(AuditAction.READ)).isEmpty();
  }

  @Test
  void everyChangeThroughALinkIsRefusedOnRecordAndTheProducersTableIsUntouched() {
    long snapshot = LocalWarehouses.commit(producerOrders, "a.parquet", 10);
    subscribe(MARKETING, Resource.table(ORDERS));
    Catalog marketing = catalogOf(MARKETING);
    SupportsNamespaces namespaces = (SupportsNamespaces) marketing;
    Namespace link = Namespace.of("sales_link");
    UpdateTableRequest setProperty =
        new UpdateTableRequest(
            List.of(), List.of(new MetadataUpdate.SetProperties(Map.of("k", "v"))));

    assertThatThrownBy(() -> CatalogHandlers.updateTable(marketing, LINKED, setProperty))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "access denied: marketing may not commit to table marketing:sales_link.orders: it is a"
                + " resource link to sales:sales.orders, which is read-only: the data behind it"
                + " changes only through its producer's jobs");
    assertThatThrownBy(() -> marketing.loadTable(LINKED).updateProperties().set("k", "v").commit())
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(
            () ->
                marketing.createTable(
                    TableIdentifier.of("sales_link", "new_t"), LocalWarehouses.ORDERS))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> marketing.dropTable(LINKED, true))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> marketing.renameTable(LINKED, TableIdentifier.of("sales_link", "o2")))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> namespaces.setProperties(link, Map.of("k", "v")))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> namespaces.dropNamespace(link)).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> namespaces.createNamespace(Namespace.of("scratch"), Map.of()))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining(
            "account marketing writes tables only in its own catalog as a producer");

    // The same refusal twice within a minute on one token: the second is counted, and appended
    // as a count when the server flushes the log.
    rules.flushAudit(true);
    assertThat(events(AuditAction.WRITE))
        .extracting(AuditEvent::resource, AuditEvent::outcome, AuditEvent::count)
        .containsExactly(
            tuple("table marketing:sales_link.orders", AuditEvent.Outcome.REFUSED, 1),
            tuple("table marketing:sales_link.new_t", AuditEvent.Outcome.REFUSED, 1),
            tuple("table marketing:sales_link.orders", AuditEvent.Outcome.REFUSED, 1),
            tuple("table marketing:sales_link.orders", AuditEvent.Outcome.REFUSED, 1),
            tuple("database marketing:sales_link", AuditEvent.Outcome.REFUSED, 1),
            tuple("database marketing:sales_link", AuditEvent.Outcome.REFUSED, 1),
            tuple("database marketing:scratch", AuditEvent.Outcome.REFUSED, 1),
            tuple("table marketing:sales_link.orders", AuditEvent.Outcome.REFUSED, 1));
    assertThat(events(AuditAction.WRITE))
        .extracting(AuditEvent::reason)
        .filteredOn(r -> r.contains("may not commit to"))
        .hasSize(2);
    producerOrders.refresh();
    assertThat(producerOrders.currentSnapshot().snapshotId()).isEqualTo(snapshot);
    assertThat(producerOrders.properties()).doesNotContainKey("k");
  }

  @Test
  void loadsAreOnRecordOncePerPrincipalTableAndMinute() {
    subscribe(MARKETING, Resource.table(ORDERS));
    Catalog marketing = catalogOf(MARKETING);

    marketing.loadTable(LINKED);
    clock.set(T0.plusSeconds(40));
    marketing.loadTable(LINKED);
    clock.set(T0.plusSeconds(60));
    marketing.loadTable(LINKED);

    assertThat(events(AuditAction.READ))
        .extracting(AuditEvent::actor, AuditEvent::resource, AuditEvent::at, AuditEvent::token)
        .containsExactly(
            tuple(MARKETING, "table sales:sales.orders", T0, "tok1"),
            tuple(MARKETING, "table sales:sales.orders", T0.plusSeconds(60), "tok1"));
  }
}
