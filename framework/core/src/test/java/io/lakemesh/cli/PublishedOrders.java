package io.lakemesh.cli;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The catalog entry of sales.orders as a producer publishes it, with the columns a test needs. */
final class PublishedOrders {
  static final TableId ORDERS = TableId.of("sales", "sales", "orders");

  private PublishedOrders() {}

  static Publication with(List<Column> columns) {
    Map<String, String> p =
        Map.of(
            TableParameters.PRODUCT, "sales.orders",
            TableParameters.DESCRIPTION, "Order lines",
            TableParameters.OWNER_TEAM, "sales-data",
            TableParameters.SNAPSHOT_ID, "1",
            TableParameters.QUALITY_STATUS, "PASSED");
    return new Publication(
        new CatalogTable(
            ORDERS, columns, "file:/w/sales/orders", "iceberg", List.of(), p, 0, Instant.now()),
        null,
        null,
        null);
  }
}
