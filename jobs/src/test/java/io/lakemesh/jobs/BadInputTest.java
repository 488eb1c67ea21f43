package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.cli.LakemeshCli;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.LakemeshException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear error with its own exit code, and nothing reaches main or the catalog. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");

  @TempDir static Path dir;
  private TestMesh mesh;
  private List<String> good;
  private CatalogTable published;
  private Long mainSnapshot;

  @BeforeAll
  void publishGoodOrders() throws IOException {
    Path products = dir.resolve("products");
    Files.createDirectories(products);
    for (String p : List.of("sales", "product", "finance")) {
      copyTree(TestMesh.PRODUCTS.resolve(p), products.resolve(p));
    }
    mesh = new TestMesh(dir.resolve("home"), products, config());
    good = Files.readAllLines(TestMesh.SAMPLE_ORDERS);
    assertThat(
            mesh.run("sales.orders", Map.of("orders", TestMesh.SAMPLE_ORDERS.toString())).status())
        .isEqualTo(JobRun.Status.PUBLISHED);
    published = mesh.catalog.loadTable(ORDERS);
    mainSnapshot = mesh.mainSnapshot("sales", "sales.orders");
  }

  @AfterEach
  void nothingWasPublished() {
    assertThat(mesh.mainSnapshot("sales", "sales.orders")).isEqualTo(mainSnapshot);
    assertThat(mesh.catalog.loadTable(ORDERS)).isEqualTo(published);
  }

  @AfterAll
  void close() {
    mesh.close();
  }

  private LakemeshException failure(List<String> rows) throws IOException {
    Path batch = Files.write(Files.createTempFile(dir, "batch", ".csv"), rows);
    return catchThrowableOfType(
        LakemeshException.class,
        () -> {
          var report = mesh.run("sales.orders", Map.of("orders", batch.toString()));
          throw new AssertionError(
              "expected a failure, got " + report.status() + ": " + report.message());
        });
  }

  @Test
  void malformedRowsAreCountedWithAnExample() throws IOException {
    List<String> rows = new ArrayList<>(good);
    rows.set(3, rows.get(3).replaceFirst(",\\d+,", ",abc,"));
    rows.set(9, rows.get(9).replaceFirst(",\\d+,", ",1.5x,"));
    LakemeshException e = failure(rows);
    assertThat(e.kind()).isEqualTo(ErrorKind.REJECTED);
    assertThat(e.getMessage())
        .contains(
            "source orders",
            "2 of 500 rows",
            "malformed",
            "abc",
            "column quantity (INT) cannot parse 'abc'");
  }

  @Test
  void timestampsInAnotherFormatNameTheColumnTheFormatInForceAndTheOptionToSet()
      throws IOException {
    List<String> rows = new ArrayList<>();
    good.forEach(line -> rows.add(line.replaceAll("(\\d{4})-(\\d{2})-(\\d{2})T", "$1/$2/$3 ")));
    LakemeshException e = failure(rows);
    assertThat(e.kind()).isEqualTo(ErrorKind.REJECTED);
    assertThat(e.getMessage())
        .contains(
            "500 of 500 rows",
            "column order_ts (TIMESTAMP) cannot parse '",
            "with timestampFormat \"yyyy-MM-dd'T'HH:mm:ss\"",
            "in the source spec: options { timestampFormat = \"yyyy/MM/dd HH:mm:ss\" }");
  }

  @Test
  void aPrettyPrintedJsonArrayAsksForMultiLine() throws IOException {
    Path stock =
        Files.writeString(
            dir.resolve("stock.json"),
            """
        [
          {
            "product_id": "P0001", "name": "Widget", "category": "home",
            "on_hand": 165, "unit_cost": 189.63, "updated_at": "2026-11-20T06:00:00"
          }
        ]
        """);
    LakemeshException e =
        catchThrowableOfType(
            LakemeshException.class,
            () -> mesh.run("product.inventory", Map.of("stock", stock.toString())));
    assertThat(e.kind()).isEqualTo(ErrorKind.REJECTED);
    assertThat(e.getMessage())
        .contains("source stock", "malformed", "JSON array", "options { multiLine = true }");
  }

  @Test
  void aSqlSyntaxErrorGivesTheFileLineColumnAndOffendingLine() throws IOException {
    Path sql = dir.resolve("products/sales/orders.sql");
    Files.writeString(sql, "SELECT order_id,\n  quantity\nFROM orders WHERE quantity > 1)");
    try {
      LakemeshException e =
          catchThrowableOfType(
              LakemeshException.class, () -> mesh.run("sales.orders", sampleOrders()));
      assertThat(e.kind()).isEqualTo(ErrorKind.USER);
      assertThat(e.getMessage())
          .startsWith("sales.orders: the SQL transform does not parse: " + sql + ":3:")
          .contains(
              "(line 3, column ",
              "PARSE_SYNTAX_ERROR",
              "\n  FROM orders WHERE quantity > 1)\n",
              "fix the SQL at that position in orders.sql");
    } finally {
      restoreSql();
    }
  }

  @Test
  void aFileSeparatedBySemicolonsIsToldToSetTheSeparator() throws IOException {
    List<String> rows = new ArrayList<>();
    good.forEach(line -> rows.add(line.replace(',', ';')));
    LakemeshException e = failure(rows);
    assertThat(e.kind()).isEqualTo(ErrorKind.REJECTED);
    assertThat(e.getMessage())
        .contains(
            "orders",
            "the header has 1 column(s)",
            "not separated by commas",
            "options { sep = \";\" }");
  }

  @Test
  void aHeaderThatDoesNotMatchTheDeclaredColumnsIsRejected() throws IOException {
    List<String> rows = new ArrayList<>();
    good.forEach(line -> rows.add(line.substring(0, line.lastIndexOf(','))));
    LakemeshException e = failure(rows);
    assertThat(e.kind()).isEqualTo(ErrorKind.REJECTED);
    assertThat(e.getMessage()).contains("orders", "header");
  }

  @Test
  void anEmptySourceIsRejected() throws IOException {
    LakemeshException e = failure(good.subList(0, 1));
    assertThat(e.kind()).isEqualTo(ErrorKind.REJECTED);
    assertThat(e.getMessage()).contains("source orders is empty", "allow-empty");
  }

  @Test
  void aMissingFileIsABadPathWithExitCode2() {
    int code =
        LakemeshCli.execute(
            "run",
            "sales.orders",
            "--home",
            dir.resolve("home").toString(),
            "--config",
            config().toString(),
            "--source",
            "orders=" + dir.resolve("nowhere.csv"));
    assertThat(code).isEqualTo(2);
    LakemeshException e =
        catchThrowableOfType(
            LakemeshException.class,
            () ->
                mesh.run("sales.orders", Map.of("orders", dir.resolve("nowhere.csv").toString())));
    assertThat(e.getMessage()).contains("source orders", "no file at", "nowhere.csv");
  }

  @Test
  void aTransformThatDoesNotCompileNamesTheProduct() throws IOException {
    Files.writeString(
        dir.resolve("products/sales/orders.sql"), "SELECT no_such_column FROM orders");
    try {
      LakemeshException e =
          catchThrowableOfType(
              LakemeshException.class, () -> mesh.run("sales.orders", sampleOrders()));
      assertThat(e.kind()).isEqualTo(ErrorKind.USER);
      assertThat(e.getMessage()).contains("sales.orders", "transform failed", "no_such_column");
    } finally {
      restoreSql();
    }
  }

  @Test
  void anOutputThatBreaksTheContractListsEveryMismatch() throws IOException {
    Files.writeString(
        dir.resolve("products/sales/orders.sql"),
        "SELECT order_id, customer_id, product_id, 'many' AS quantity, unit_price, currency, order_ts, status, country, 1 AS bonus FROM orders");
    try {
      LakemeshException e =
          catchThrowableOfType(
              LakemeshException.class, () -> mesh.run("sales.orders", sampleOrders()));
      assertThat(e.kind()).isEqualTo(ErrorKind.USER);
      assertThat(e.getMessage())
          .contains(
              "missing column amount",
              "column quantity is string",
              "column bonus is not in the contract");
    } finally {
      restoreSql();
    }
  }

  @Test
  void anIntegerColumnTheContractCallsStringIsRefusedWithTheFixNotCastSilently()
      throws IOException {
    // A new product (sales.orders itself is published, and its type change would be a breaking
    // one).
    Path spec = dir.resolve("products/sales/tally.conf");
    Files.writeString(
        spec,
        Files.readString(dir.resolve("products/sales/orders.conf"))
            .replace("name = orders", "name = tally")
            .replace("name = quantity,    type = int,", "name = quantity,    type = string,"));
    try {
      int code =
          LakemeshCli.execute(
              "run",
              "sales.tally",
              "--home",
              dir.resolve("home").toString(),
              "--config",
              config().toString(),
              "--source",
              "orders=" + TestMesh.SAMPLE_ORDERS);
      assertThat(code).isEqualTo(2);
      LakemeshException e =
          catchThrowableOfType(
              LakemeshException.class, () -> mesh.run("sales.tally", sampleOrders()));
      assertThat(e.getMessage())
          .isEqualTo(
              "sales.tally: the transform's output does not match the schema contract in "
                  + spec
                  + ": column quantity is int, the contract says string: convert it on purpose with"
                  + " CAST(quantity AS string) in orders.sql or with cast = true on the column in the schema, or declare it as int");
      assertThat(mesh.catalog.findTable(TableId.of("sales", "sales", "tally"))).isEmpty();
    } finally {
      Files.delete(spec);
    }
  }

  @Test
  void aValueThatAnAskedForCastCannotConvertRejectsTheBatch() throws IOException {
    Path spec = dir.resolve("products/sales/orders.conf");
    String shipped = Files.readString(spec);
    Files.writeString(
        spec,
        shipped.replace(
            "name = quantity,    type = int,", "name = quantity,    type = int, cast = true,"));
    Files.writeString(
        dir.resolve("products/sales/orders.sql"),
        "SELECT order_id, customer_id, product_id, IF(order_id = 'O0000000003', 'many', CAST(quantity AS STRING)) AS quantity,"
            + " unit_price, currency, order_ts, status, country, CAST(quantity * unit_price AS DECIMAL(12,2)) AS amount"
            + " FROM orders");
    try {
      LakemeshException e =
          catchThrowableOfType(
              LakemeshException.class, () -> mesh.run("sales.orders", sampleOrders()));
      assertThat(e.kind()).isEqualTo(ErrorKind.REJECTED);
      assertThat(e.getMessage())
          .startsWith(
              "a value does not convert to the type the schema contract declares for a"
                  + " column with cast = true: ")
          .contains("'many'", "\"INT\"");
    } finally {
      Files.writeString(spec, shipped);
      restoreSql();
    }
  }

  @Test
  void aTransformFailingAtRunTimeExitsWith1() throws IOException {
    Files.writeString(
        dir.resolve("products/sales/orders.sql"),
        "SELECT order_id, customer_id, product_id, quantity, unit_price, currency, order_ts, status, country, "
            + "CAST(quantity * unit_price AS DECIMAL(12,2)) AS amount FROM orders WHERE assert_true(quantity < 0) IS NULL");
    try {
      int code =
          LakemeshCli.execute(
              "run",
              "sales.orders",
              "--home",
              dir.resolve("home").toString(),
              "--config",
              config().toString(),
              "--source",
              "orders=" + TestMesh.SAMPLE_ORDERS);
      assertThat(code).isEqualTo(1);
      assertThat(mesh.catalog.listJobRuns("sales.orders", 1).get(0).status())
          .isEqualTo(JobRun.Status.FAILED);
    } finally {
      restoreSql();
    }
  }

  private static Map<String, String> sampleOrders() {
    return Map.of("orders", TestMesh.SAMPLE_ORDERS.toString());
  }

  private Path config() {
    try {
      // Adaptive execution as in production: it drops a scan it proves empty, observed counts and
      // all.
      return Files.writeString(
          dir.resolve("bad.conf"),
          "lakemesh.products = \""
              + dir.resolve("products")
              + "\"\n"
              + "lakemesh.spark { \"spark.sql.adaptive.enabled\" = true }\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void restoreSql() throws IOException {
    Files.copy(
        TestMesh.PRODUCTS.resolve("sales/orders.sql"),
        dir.resolve("products/sales/orders.sql"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
