package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

// The AWS SDK's Column is spelled out in full where used: lakemesh's
// Column is imported here.

/**
 * A product's columns on real Glue after a commit shaped as Iceberg's GlueCatalog makes it (see
 * {@link LiveAws} for when it runs): UpdateTable with the table's parameters copied and the columns
 * rebuilt from the Iceberg schema, comments kept (GlueTableOperations.persistGlueTable and
 * IcebergToGlueConverter.setTableInputInformation, Iceberg 1.10.0). Glue must keep lakemesh's
 * column list parameter, so the published nullability and PII flags read back.
 */
class LiveIcebergColumnsTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");

  private final LiveAws live = new LiveAws();

  @AfterEach
  void deleteWhatTheTestCreated() {
    live.cleanUp();
  }

  @Test
  void theFlagsOutliveACommitThatRewritesTheGlueColumns() {
    run(live.newCatalog());
  }

  static void run(GlueGovernanceCatalog opened) {
    try (GlueGovernanceCatalog catalog = opened;
        AwsClients clients = new AwsClients("lakemesh-it", catalog.config(), List.of())) {
      LiveAws.publish(catalog, ORDERS);
      List<Column> published = catalog.findTable(ORDERS).orElseThrow().columns();
      AwsAccount holder = catalog.config().account(catalog.config().account("sales").holder());
      String database = catalog.config().namePrefix() + "sales";
      Table before =
          clients
              .glue(holder)
              .getTable(
                  r -> r.catalogId(holder.awsAccountId()).databaseName(database).name("orders"))
              .table();

      clients
          .glue(holder)
          .updateTable(
              r ->
                  r.catalogId(holder.awsAccountId())
                      .databaseName(database)
                      .versionId(before.versionId())
                      .tableInput(
                          in ->
                              in.name("orders")
                                  .tableType("EXTERNAL_TABLE")
                                  .parameters(before.parameters())
                                  .storageDescriptor(icebergColumns(before.storageDescriptor()))));

      assertThat(catalog.findTable(ORDERS).orElseThrow().columns())
          .containsExactlyElementsOf(published);
      assertThat(published).anyMatch(Column::pii).anyMatch(c -> !c.nullable());
    }
  }

  /** The columns as Iceberg writes them: its own parameters, the comment kept, nothing else. */
  private static StorageDescriptor icebergColumns(StorageDescriptor sd) {
    List<software.amazon.awssdk.services.glue.model.Column> columns = new ArrayList<>();
    for (int i = 0; i < sd.columns().size(); i++) {
      var c = sd.columns().get(i);
      columns.add(
          software.amazon.awssdk.services.glue.model.Column.builder()
              .name(c.name())
              .type(c.type())
              .comment(c.comment())
              .parameters(
                  Map.of(
                      "iceberg.field.id", Integer.toString(i + 1),
                      "iceberg.field.optional", "true",
                      "iceberg.field.current", "true"))
              .build());
    }
    return StorageDescriptor.builder().location(sd.location()).columns(columns).build();
  }
}
