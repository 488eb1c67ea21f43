package io.lakemesh.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Table entries built by name: the builder's defaults, and a change of some parts only. */
class CatalogTableTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Column ORDER_ID = new Column("order_id", "bigint", false, "", false);

  @Test
  void aBuiltEntryEqualsTheSameEntryBuiltByPosition() {
    Instant at = Instant.parse("2024-05-01T10:00:00Z");
    CatalogTable byPosition =
        new CatalogTable(
            ORDERS,
            List.of(ORDER_ID),
            "file:/warehouse/sales/orders",
            "iceberg",
            List.of("day(ordered_at)"),
            Map.of("owner", "sales-data"),
            3,
            at);

    CatalogTable byName =
        CatalogTable.builder(ORDERS)
            .columns(List.of(ORDER_ID))
            .location("file:/warehouse/sales/orders")
            .format("iceberg")
            .partitioning(List.of("day(ordered_at)"))
            .parameter("owner", "sales-data")
            .version(3)
            .updatedAt(at)
            .build();

    assertThat(byName).isEqualTo(byPosition);
    assertThat(byPosition.toBuilder().build()).isEqualTo(byPosition);
  }

  @Test
  void anEntryBuiltFromItsIdAloneIsADraftWithNothingElse() {
    CatalogTable draft = CatalogTable.builder(ORDERS).build();

    assertThat(draft.columns()).isEmpty();
    assertThat(draft.partitioning()).isEmpty();
    assertThat(draft.parameters()).isEmpty();
    assertThat(draft.location()).isNull();
    assertThat(draft.format()).isNull();
    assertThat(draft.version()).isZero();
    assertThat(draft.updatedAt()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void withParametersReplacesTheParametersAndKeepsTheRest() {
    CatalogTable entry =
        CatalogTable.builder(ORDERS)
            .columns(List.of(ORDER_ID))
            .parameter("owner", "sales-data")
            .parameter("tier", "gold")
            .version(2)
            .build();

    CatalogTable changed = entry.withParameters(Map.of("owner", "finance-data"));

    assertThat(changed.parameters()).containsExactly(Map.entry("owner", "finance-data"));
    assertThat(changed.columns()).containsExactly(ORDER_ID);
    assertThat(changed.version()).isEqualTo(2);
    assertThat(entry.parameters())
        .containsExactly(Map.entry("owner", "sales-data"), Map.entry("tier", "gold"));
  }
}
