package io.lakemesh.server.iceberg;

import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.server.DemoCatalog.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.server.DemoCatalog;
import io.lakemesh.server.ServedCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer's engine reading through its links over the catalog server's Iceberg REST endpoint,
 * spoken to by Iceberg's own REST client with the consumer's token.
 */
class LinkReadsOverRestTest {
  private static final TableIdentifier LINKED = TableIdentifier.of("sales_link", "orders");

  @TempDir Path dir;
  private DemoCatalog demo;
  private LocalWarehouses warehouses;
  private ServedCatalog served;
  private Table producerOrders;
  private final List<RESTCatalog> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    demo = new DemoCatalog(dir).withProducts(1);
    warehouses = new LocalWarehouses(dir, Set.of("sales", "product", "finance"));
    served = new ServedCatalog(demo.governance, demo.catalog, warehouses);
    producerOrders = warehouses.create("sales", "sales", "orders");
  }

  @AfterEach
  void stop() throws Exception {
    for (RESTCatalog client : clients) {
      client.close();
    }
    served.close();
    warehouses.close();
    demo.close();
  }

  private long subscribe(Principal consumer, Resource resource) {
    long id = demo.governance.requestAccess(consumer, resource, Set.of(Permission.SELECT)).id();
    demo.governance.approve(SALES, id);
    return id;
  }

  private RESTCatalog client(Principal principal) {
    RESTCatalog client = new RESTCatalog();
    clients.add(client);
    client.setConf(new Configuration());
    client.initialize(
        "mesh",
        Map.of("uri", served.server().uri() + "/iceberg", "token", served.token(principal)));
    return client;
  }

  @Test
  void aConsumerReadsItsGrantedProductThroughItsLinkUntilTheProducerRevokes() {
    long snapshot = LocalWarehouses.commit(producerOrders, "a.parquet", 10);
    long subscription = subscribe(MARKETING, Resource.table(ORDERS));
    RESTCatalog marketing = client(MARKETING);

    assertThat(marketing.listNamespaces()).containsExactly(Namespace.of("sales_link"));
    assertThat(marketing.listTables(Namespace.of("sales_link"))).containsExactly(LINKED);
    assertThat(marketing.loadTable(LINKED).currentSnapshot().snapshotId()).isEqualTo(snapshot);
    // The producer publishes again: the next load answers the new snapshot.
    long next = LocalWarehouses.commit(producerOrders, "b.parquet", 5);
    assertThat(marketing.loadTable(LINKED).currentSnapshot().snapshotId()).isEqualTo(next);
    // Not granted, and no link to it: the same answer bin/lakemesh query gives.
    assertThatThrownBy(() -> marketing.loadTable(TableIdentifier.of("product_link", "inventory")))
        .isInstanceOf(NoSuchTableException.class)
        .hasMessageContaining("table not found: marketing:product_link.inventory");

    demo.governance.revokeSubscription(SALES, subscription);

    assertThatThrownBy(() -> marketing.loadTable(LINKED))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("marketing may not SELECT table sales:sales.orders")
        .hasMessageContaining("missing SELECT");
    String token = served.token(MARKETING);
    String tokenId = token.substring(4, token.indexOf('_', 4));
    assertThat(
            demo.governance.audit(GOVERNANCE, AuditQuery.all().withActor(MARKETING)).stream()
                .filter(e -> e.action() == AuditAction.READ))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.resource()).isEqualTo("table sales:sales.orders");
              assertThat(e.token()).isEqualTo(tokenId);
            });
  }

  @Test
  void aDatabaseSubscriberNeitherListsNorLoadsTheQuarantineTableItsProducerReads() {
    LocalWarehouses.commit(producerOrders, "a.parquet", 10);
    LocalWarehouses.commit(
        warehouses.create("sales", "sales", "orders__quarantine"), "q.parquet", 3);
    subscribe(MARKETING, Resource.database(ORDERS.databaseId()));
    RESTCatalog marketing = client(MARKETING);
    Namespace link = marketing.listNamespaces().get(0);

    assertThat(marketing.listTables(link)).containsExactly(TableIdentifier.of(link, "orders"));
    assertThatThrownBy(() -> marketing.loadTable(TableIdentifier.of(link, "orders__quarantine")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining(
            "marketing may not SELECT table sales:sales.orders__quarantine (through marketing:"
                + link
                + ".orders__quarantine): it is the quarantine table of sales:sales.orders");
    assertThat(
            client(SALES)
                .loadTable(TableIdentifier.of("sales", "orders__quarantine"))
                .currentSnapshot())
        .isNotNull();
  }

  @Test
  void aColumnHolderIsRefusedAndToldWhichEnginesReadIt() {
    subscribe(MARKETING, Resource.columns(ORDERS, List.of("order_id", "amount")));

    assertThatThrownBy(() -> client(MARKETING).loadTable(LINKED))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("its grants show only some of the table's columns")
        .hasMessageContaining(
            "bin/lakemesh query --as marketing \"SELECT * FROM sales_link.orders\"");
  }

  @Test
  void aProducerThatConsumesCannotCommitThroughItsLink() {
    long snapshot = LocalWarehouses.commit(producerOrders, "a.parquet", 10);
    subscribe(FINANCE, Resource.table(ORDERS));
    Table linked = client(FINANCE).loadTable(LINKED);

    assertThatThrownBy(() -> linked.updateProperties().set("k", "v").commit())
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining(
            "finance may not commit to table finance:sales_link.orders: it is a resource link to"
                + " sales:sales.orders, which is read-only");
    producerOrders.refresh();
    assertThat(producerOrders.currentSnapshot().snapshotId()).isEqualTo(snapshot);
    assertThat(producerOrders.properties()).doesNotContainKey("k");
    assertThat(
            demo.governance.audit(GOVERNANCE, AuditQuery.all().withActor(FINANCE)).stream()
                .filter(e -> e.action() == AuditAction.WRITE && e.refused())
                .map(AuditEvent::resource))
        .containsExactly("table finance:sales_link.orders");
  }
}
