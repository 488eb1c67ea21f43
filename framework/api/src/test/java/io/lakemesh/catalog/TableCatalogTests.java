package io.lakemesh.catalog;

import static io.lakemesh.catalog.CatalogFixtures.at;
import static io.lakemesh.catalog.CatalogFixtures.publication;
import static io.lakemesh.catalog.CatalogFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.exceptions.InvalidIdentifierException;
import io.lakemesh.exceptions.NoSuchTableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The part of the catalog contract about databases and table entries: creating and listing
 * databases, publishing, finding and listing tables, their versions, columns and parameters, and
 * the identifiers they take. Part of {@link GovernanceCatalogTests}, which a backend subclasses.
 */
abstract class TableCatalogTests extends CatalogContract {
  protected static final TableId ORDERS = TableId.of("sales", "orders_db", "orders");
  protected static final TableId RETURNS = TableId.of("sales", "orders_db", "returns");
  protected static final TableId STAFF = TableId.of("hr", "people", "staff");

  /** Whether old table versions stay readable through {@link GovernanceCatalog#tableVersions}. */
  protected boolean supportsTableVersions() {
    return true;
  }

  protected boolean supportsQualityHistory() {
    return true;
  }

  protected boolean supportsLineage() {
    return true;
  }

  protected boolean supportsJobRuns() {
    return true;
  }

  // ---- databases

  @Test
  void ensureDatabaseCreatesOnceAndListsIt() {
    DatabaseId db = DatabaseId.of("sales", "orders_db");

    assertThat(catalog().ensureDatabase(db, Map.of("owner", "sales-data"))).isTrue();
    assertThat(catalog().ensureDatabase(db, Map.of("owner", "someone-else"))).isFalse();

    assertThat(catalog().listDatabases("sales")).containsExactly(db);
  }

  @Test
  void listDatabasesIsScopedToOneCatalog() {
    catalog().ensureDatabase(DatabaseId.of("sales", "orders_db"), Map.of());
    catalog().ensureDatabase(DatabaseId.of("sales", "returns_db"), Map.of());
    catalog().ensureDatabase(DatabaseId.of("hr", "people"), Map.of());

    assertThat(catalog().listDatabases("sales"))
        .containsExactlyInAnyOrder(
            DatabaseId.of("sales", "orders_db"), DatabaseId.of("sales", "returns_db"));
    assertThat(catalog().listDatabases("hr")).containsExactly(DatabaseId.of("hr", "people"));
    assertThat(catalog().listDatabases("finance")).isEmpty();
  }

  @Test
  void publishCreatesTheDatabaseWhenMissing() {
    catalog().publish(publication("run-1", STAFF, 1, at(0)));

    assertThat(catalog().listDatabases("hr")).containsExactly(STAFF.databaseId());
    assertThat(catalog().ensureDatabase(STAFF.databaseId(), Map.of())).isFalse();
  }

  // ---- tables

  @Test
  void publishedTableCanBeFoundLoadedAndListed() {
    Instant before = Instant.now();
    catalog().publish(publication("run-1", ORDERS, 11, at(0)));
    Instant after = Instant.now();

    CatalogTable loaded = catalog().loadTable(ORDERS);
    assertThat(catalog().findTable(ORDERS)).contains(loaded);
    assertThat(loaded.version()).isEqualTo(1);
    assertThat(loaded.updatedAt()).isBetween(before.minusSeconds(1), after.plusSeconds(1));
    assertThat(loaded.withVersion(0, Instant.EPOCH)).isEqualTo(table(ORDERS, 11));
    assertThat(catalog().listTables("sales")).containsExactly(loaded);
  }

  @Test
  void catalogAssignsVersionAndTimeWhateverThePublicationSays() {
    CatalogTable claimed = table(ORDERS, 11).withVersion(42, Instant.parse("2001-01-01T00:00:00Z"));
    Publication p = publication("run-1", ORDERS, 11, at(0));
    catalog().publish(new Publication(claimed, p.quality(), p.lineage(), p.run()));

    CatalogTable loaded = catalog().loadTable(ORDERS);
    assertThat(loaded.version()).isEqualTo(1);
    assertThat(loaded.updatedAt()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
  }

  @Test
  void loadingAMissingTableThrowsNoSuchTable() {
    catalog().publish(publication("run-1", ORDERS, 11, at(0)));

    assertThat(catalog().findTable(RETURNS)).isEmpty();
    assertThatThrownBy(() -> catalog().loadTable(RETURNS))
        .isInstanceOf(NoSuchTableException.class)
        .hasMessage("table not found: sales:orders_db.returns");
  }

  @Test
  void tablesAreListedPerCatalogOrAll() {
    catalog().publish(publication("run-1", ORDERS, 11, at(0)));
    catalog().publish(publication("run-2", RETURNS, 21, at(1)));
    catalog().publish(publication("run-3", STAFF, 31, at(2)));

    assertThat(catalog().listTables("sales"))
        .extracting(CatalogTable::id)
        .containsExactlyInAnyOrder(ORDERS, RETURNS);
    assertThat(catalog().listTables("hr")).extracting(CatalogTable::id).containsExactly(STAFF);
    assertThat(catalog().listTables("finance")).isEmpty();
    assertThat(catalog().listTables(null))
        .extracting(CatalogTable::id)
        .containsExactlyInAnyOrder(ORDERS, RETURNS, STAFF);
  }

  @Test
  void listingShowsOnlyTheCurrentVersionOfEachTable() {
    for (int i = 1; i <= 3; i++) {
      catalog().publish(publication("run-" + i, ORDERS, i, at(i)));
    }

    assertThat(catalog().listTables("sales"))
        .singleElement()
        .satisfies(t -> assertThat(t.version()).isEqualTo(3))
        .satisfies(t -> assertThat(t.parameter(TableParameters.SNAPSHOT_ID)).contains("3"));
  }

  @Test
  void versionsGrowByOnePerNewSnapshot() {
    assumeTrue(supportsTableVersions(), "backend keeps no version history");
    for (int i = 1; i <= 3; i++) {
      catalog().publish(publication("run-" + i, ORDERS, 100 + i, at(i)));
    }

    List<CatalogTable> versions = catalog().tableVersions(ORDERS);
    assertThat(versions).extracting(CatalogTable::version).containsExactly(1L, 2L, 3L);
    assertThat(versions)
        .extracting(t -> t.parameter(TableParameters.SNAPSHOT_ID).orElseThrow())
        .containsExactly("101", "102", "103");
    assertThat(versions).extracting(CatalogTable::updatedAt).isSorted();
    assertThat(catalog().loadTable(ORDERS)).isEqualTo(versions.get(2));
  }

  @Test
  void republishingTheSameSnapshotLeavesTheTableUnchanged() {
    catalog().publish(publication("run-1", ORDERS, 11, at(0)));
    CatalogTable first = catalog().loadTable(ORDERS);

    // Another run that found nothing new publishes the same snapshot, even with new metadata.
    Map<String, String> changed = Map.of(TableParameters.DESCRIPTION, "changed");
    Publication again = publication("run-2", ORDERS, 11, at(5));
    catalog()
        .publish(
            new Publication(
                table(ORDERS, 11, CatalogFixtures.orderColumns(), changed),
                again.quality(),
                again.lineage(),
                again.run()));

    assertThat(catalog().loadTable(ORDERS)).isEqualTo(first);
    if (supportsTableVersions()) {
      assertThat(catalog().tableVersions(ORDERS)).containsExactly(first);
    }
  }

  @Test
  void olderVersionsKeepTheirOwnSchema() {
    assumeTrue(supportsTableVersions(), "backend keeps no version history");
    catalog().publish(publication("run-1", ORDERS, 11, at(0)));
    List<Column> widened = new ArrayList<>(CatalogFixtures.orderColumns());
    widened.add(new Column("region", "string", true, "sales region", false));
    Publication p = publication("run-2", ORDERS, 12, at(1));
    catalog()
        .publish(
            new Publication(
                table(ORDERS, 12, widened, Map.of()), p.quality(), p.lineage(), p.run()));

    List<CatalogTable> versions = catalog().tableVersions(ORDERS);
    assertThat(versions.get(0).columns()).isEqualTo(CatalogFixtures.orderColumns());
    assertThat(versions.get(1).columns()).isEqualTo(widened);
    assertThat(catalog().tableVersions(RETURNS)).isEmpty();
  }

  @Test
  void columnsKeepOrderTypesNullabilityCommentsAndPiiFlags() {
    List<Column> columns = CatalogFixtures.manyColumns(40);
    Publication p = publication("run-1", ORDERS, 11, at(0));
    catalog()
        .publish(
            new Publication(
                table(ORDERS, 11, columns, Map.of()), p.quality(), p.lineage(), p.run()));

    CatalogTable loaded = catalog().loadTable(ORDERS);
    assertThat(loaded.columns()).isEqualTo(columns);
    assertThat(loaded.column("customer_email")).isEmpty();
    assertThat(loaded.partitioning()).containsExactly("day(ordered_at)", "region");
    assertThat(loaded.location()).isEqualTo("file:/warehouse/orders_db/orders");
    assertThat(loaded.format()).isEqualTo("iceberg");
  }

  @Test
  void parametersRoundTripExactly() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(
        TableParameters.DESCRIPTION, "Bestellungen · 注文 · заказы 🛒 \"quoted\" \\ back\nslash");
    parameters.put(TableParameters.TAG_PREFIX + "classification", "internal");
    parameters.put("lakemesh.empty", "");
    parameters.put("lakemesh.long", "x".repeat(20_000));
    parameters.put("spaces and = signs", "  leading and trailing  ");
    parameters.put("lakemesh.sql", "'; DROP TABLE orders; --");
    Publication p = publication("run-1", ORDERS, 11, at(0));
    CatalogTable published = table(ORDERS, 11, CatalogFixtures.orderColumns(), parameters);
    catalog().publish(new Publication(published, p.quality(), p.lineage(), p.run()));

    assertThat(catalog().loadTable(ORDERS).parameters()).isEqualTo(published.parameters());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x; drop table",
        "a.b",
        "a/b",
        "..",
        "a'b",
        "a\"b",
        "a`b",
        "Orders",
        "",
        " t",
        "1t"
      })
  void identifiersRejectNamesThatNeedQuoting(String bad) {
    assertThatThrownBy(() -> TableId.of("sales", bad, "t"))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> TableId.of("sales", "db", bad))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> DatabaseId.of(bad, "db"))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> new Column(bad, "string", true, "", false))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void identifierErrorsNameTheKindAndTheValue() {
    assertThatThrownBy(() -> TableId.of("sales", "x; drop table", "t"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("database")
        .hasMessageContaining("'x; drop table'");
    assertThatThrownBy(() -> TableId.parse("sales:orders_db.orders.extra", "main"))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThat(TableId.parse("orders_db.orders", "sales")).isEqualTo(ORDERS);
    assertThat(TableId.parse("hr:people.staff", "sales")).isEqualTo(STAFF);
  }
}
