package io.lakemesh.governance.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.AccessDecision;
import io.lakemesh.runtime.Warehouse;
import io.lakemesh.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads through data filters in the governed Spark catalog, on a real Iceberg table of hand-made
 * rows. The decisions are built by hand from {@link AccessDecision} (whose union-of-cells rule the
 * governance suites test); what is tested here is that every way a query can reach the table gets
 * the selected cells and nothing else.
 */
class FilteredReadTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING = Principal.administrator("marketing");
  private static final List<Column> COLUMNS =
      List.of(
          new Column("order_id", "int", false, null, false),
          new Column("customer_id", "string", false, null, false),
          new Column("country", "string", true, null, false),
          new Column("amount", "double", false, null, false));
  private static final String TABLE = "mkt.sales_link.orders";

  @TempDir Path dir;
  private String key;
  private SparkSession reader;
  private AccessDecision decision;

  @BeforeEach
  void ordersOfFiveCustomers() {
    Warehouse warehouse =
        Warehouse.of("jdbc:sqlite:" + dir.resolve("catalog.db"), dir.resolve("wh").toString());
    SparkSession producer = SharedSpark.session().newSession();
    warehouse.sparkConf("sales").forEach((k, v) -> producer.conf().set(k, v));
    producer.sql("CREATE NAMESPACE sales.sales");
    producer.sql(
        "CREATE TABLE sales.sales.orders (order_id INT NOT NULL, customer_id STRING NOT NULL,"
            + " country STRING, amount DOUBLE NOT NULL) USING iceberg");
    producer.sql(
        "INSERT INTO sales.sales.orders VALUES (1, 'c1', 'US', 10.0), (2, 'c2', 'FR', 20.0),"
            + " (3, 'c3', 'US', 30.0), (4, 'c4', 'DE', 40.0), (5, 'c5', NULL, 50.0)");

    TableAccess access =
        new TableAccess() {
          @Override
          public Resolved resolveForRead(String principal, String database, String table) {
            if (!database.equals("sales_link") || !table.equals("orders")) {
              throw new NotFoundException("no table " + database + "." + table);
            }
            return GovernanceTableAccess.resolved(decision);
          }

          @Override
          public List<String> databases(String principal) {
            return List.of("sales_link");
          }

          @Override
          public List<String> tables(String principal, String database) {
            return List.of("orders");
          }
        };
    key = GovernedCatalog.register(access, warehouse);
    reader = SharedSpark.session().newSession();
    reader.conf().set("spark.sql.catalog.mkt", GovernedCatalog.class.getName());
    reader.conf().set("spark.sql.catalog.mkt.principal", "marketing");
    reader.conf().set("spark.sql.catalog.mkt.access", key);
  }

  @AfterEach
  void forget() {
    GovernedCatalog.unregister(key);
  }

  @Test
  void aFilterOnCountryExcludingTheCustomerReturnsTheUsRowsWithoutThatColumnOnEveryPath() {
    DataFilter usOnly =
        new DataFilter(ORDERS, "us_only", "country = 'US'", List.of(), List.of("customer_id"));
    decision = through(usOnly);

    assertThat(reader.table(TABLE).columns()).containsExactly("order_id", "country", "amount");
    assertThat(rows("SELECT * FROM " + TABLE)).containsExactly("1,US,10.0", "3,US,30.0");
    assertThat(rows("SELECT count(*), sum(amount) FROM " + TABLE)).containsExactly("2,40.0");
    assertThat(rows("SELECT order_id FROM " + TABLE + " WHERE country = 'FR'")).isEmpty();
    assertThat(rows("SELECT order_id FROM " + TABLE + " WHERE country IS NULL")).isEmpty();
    assertThat(
            reader.table(TABLE).filter("amount > 15").collectAsList().stream()
                .map(Row::mkString)
                .toList())
        .containsExactly("3US30.0");
    assertThat(
            rows(
                "SELECT ids.id, o.country FROM VALUES (1), (2), (3), (4), (5) AS ids(id)"
                    + " LEFT JOIN "
                    + TABLE
                    + " o ON o.order_id = ids.id"))
        .containsExactlyInAnyOrder("1,US", "2,null", "3,US", "4,null", "5,null");

    assertThatThrownBy(() -> reader.sql("SELECT customer_id FROM " + TABLE))
        .hasMessageContaining("customer_id");
    assertThatThrownBy(() -> reader.sql("SELECT * FROM " + TABLE + ".snapshots").collect())
        .hasMessageContaining("snapshots");
    assertThatThrownBy(() -> reader.sql("SELECT * FROM " + TABLE + ".files").collect())
        .hasMessageContaining("files");
    assertThatThrownBy(() -> reader.sql("SELECT * FROM " + TABLE + " VERSION AS OF 1").collect())
        .hasMessageContaining("orders");
    assertThatThrownBy(() -> reader.read().option("snapshot-id", "1").table(TABLE).collectAsList())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("option snapshot-id")
        .hasMessageContaining("current snapshot only");
  }

  @Test
  void twoFiltersShowTheUnionOfTheirCellsAndAHiddenValueReadsAsNull() {
    DataFilter usRows = new DataFilter(ORDERS, "us_rows", "country = 'US'", List.of(), List.of());
    DataFilter bigOrders =
        new DataFilter(ORDERS, "big_orders", "amount >= 30", List.of(), List.of("customer_id"));
    decision = through(usRows, bigOrders);

    assertThat(rows("SELECT * FROM " + TABLE))
        .containsExactly("1,c1,US,10.0", "3,c3,US,30.0", "4,null,DE,40.0", "5,null,null,50.0");
    // Order 4's customer is c4 in storage: a predicate on it must see the null the reader sees.
    assertThat(rows("SELECT order_id FROM " + TABLE + " WHERE customer_id IS NULL"))
        .containsExactly("4", "5");
    assertThat(rows("SELECT order_id FROM " + TABLE + " WHERE customer_id = 'c4'")).isEmpty();
    assertThat(rows("SELECT count(DISTINCT customer_id) FROM " + TABLE)).containsExactly("2");
  }

  @Test
  void aTemporaryFunctionOfTheReaderCannotStandInForABuiltInOfTheFilter() {
    decision =
        through(new DataFilter(ORDERS, "us_lower", "lower(country) = 'us'", List.of(), List.of()));
    reader.udf().register("lower", (UDF1<String, String>) s -> "us", DataTypes.StringType);
    assertThat(rows("SELECT lower('FR')")).containsExactly("us");

    assertThat(rows("SELECT order_id FROM " + TABLE)).containsExactly("1", "3");
  }

  @Test
  void aPredicateSparkCannotEvaluateIsAnErrorNamingTheFilterAndItsProducer() {
    decision =
        through(
            new DataFilter(ORDERS, "us_rows", "country = 'US'", List.of(), List.of()),
            new DataFilter(ORDERS, "by_region", "region = 'EMEA'", List.of(), List.of()));

    assertThatThrownBy(() -> reader.sql("SELECT * FROM " + TABLE).collect())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("data filter by_region on sales:sales.orders (of producer sales)")
        .hasMessageContaining("region")
        .hasMessageContaining("bin/lakemesh filter drop");

    decision = through(new DataFilter(ORDERS, "sampled", "rand() < 0.5", List.of(), List.of()));
    assertThatThrownBy(() -> reader.sql("SELECT * FROM " + TABLE).collect())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("data filter sampled")
        .hasMessageContaining("not deterministic");
  }

  /** Marketing's read through these filters and no other grant. */
  private static AccessDecision through(DataFilter... filters) {
    List<Column> visible =
        COLUMNS.stream()
            .filter(c -> Arrays.stream(filters).anyMatch(f -> f.shows(c.name())))
            .toList();
    CatalogTable table =
        new CatalogTable(ORDERS, visible, "wh", "iceberg", List.of(), Map.of(), 1, Instant.EPOCH);
    return new AccessDecision(
        MARKETING,
        TableId.of("marketing", "sales_link", "orders"),
        ORDERS,
        List.of(),
        table,
        visible,
        false,
        Set.of(),
        List.of(filters));
  }

  private List<String> rows(String sql) {
    return reader.sql(sql).collectAsList().stream()
        .map(r -> r.mkString(","))
        .collect(Collectors.toList());
  }
}
