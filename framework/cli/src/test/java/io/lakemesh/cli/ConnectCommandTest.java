package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.TableId;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakemesh connect}: what a reader is told, by the grants it holds. marketing subscribed to
 * sales.orders (table SELECT, link sales_link.orders); finance was granted two of its columns
 * directly (no link yet); marketing:analyst holds nothing.
 */
class ConnectCommandTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal SALES = Principal.administrator("sales");

  @TempDir Path dir;
  private Path config;
  private Governance governance;
  private GovernanceCatalog catalog;

  @BeforeEach
  void mesh() {
    String uri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    config = CliRun.config(dir, uri, null, null);
    catalog = CatalogLoader.load("jdbc", "test", Map.of("uri", uri));
    governance = Governance.over(LakemeshConfig.load(config, dir).mesh(Topology.CENTRAL), catalog);
    GovernanceCommandsTest.publishOrders(governance);
    AccessRequest asked =
        governance.requestAccess(
            Principal.administrator("marketing"),
            Resource.table(ORDERS),
            Set.of(Permission.SELECT));
    governance.approve(SALES, asked.id());
    governance.grant(
        SALES,
        Principal.administrator("finance"),
        Resource.columns(ORDERS, List.of("order_id", "amount")),
        Set.of(Permission.SELECT));
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  @Test
  void aTableSelectHolderGetsTheEngineSettingsForItsLink() {
    CliRun run =
        connect(
            "sales.orders",
            "--as",
            "marketing",
            "--engine",
            "trino",
            "--server",
            "https://mesh.example.com:8443/");
    assertThat(run.code()).as(run.all()).isZero();
    assertThat(run.out().strip())
        .isEqualTo(
            """
        sales.orders as marketing from trino: ICEBERG_REST
        marketing may read every column of sales.orders: trino reads it through the Iceberg REST \
        catalog as mesh.sales_link.orders, with SELECT checked on every load.

        First:
          export LAKEMESH_TOKEN="$(bin/lakemesh token create --as marketing --description trino)" \
          # or a token the server's operator gave you

        Settings:
          # etc/catalog/mesh.properties
          connector.name=iceberg
          iceberg.catalog.type=rest
          iceberg.rest-catalog.uri=https://mesh.example.com:8443/iceberg
          iceberg.rest-catalog.security=OAUTH2
          iceberg.rest-catalog.oauth2.token=${ENV:LAKEMESH_TOKEN}

        First query:
          SELECT * FROM mesh.sales_link.orders LIMIT 10""");
  }

  @Test
  void eachEngineGetsItsOwnSettingsAndNoneHoldsTheSecret() throws Exception {
    JsonNode spark = json("sales.orders", "--as", "marketing");
    assertThat(spark.get("readPath").asText()).isEqualTo("ICEBERG_REST");
    assertThat(spark.get("catalogUri").asText()).isEqualTo("http://127.0.0.1:8181/iceberg");
    assertThat(spark.get("settings").asText())
        .isEqualTo(
            """
        spark-sql \\
          --packages org.apache.iceberg:iceberg-spark-runtime-3.5_2.12:1.10.0 \\
          --conf spark.sql.catalog.mesh=org.apache.iceberg.spark.SparkCatalog \\
          --conf spark.sql.catalog.mesh.type=rest \\
          --conf spark.sql.catalog.mesh.uri=http://127.0.0.1:8181/iceberg \\
          --conf spark.sql.catalog.mesh.token="$LAKEMESH_TOKEN" \\
          --conf spark.sql.catalog.mesh.cache-enabled=false
        """);
    assertThat(spark.get("query").asText())
        .isEqualTo("SELECT * FROM mesh.sales_link.orders LIMIT 10");

    JsonNode python = json("sales.orders", "--as", "marketing", "--engine", "pyiceberg");
    assertThat(python.get("settings").asText())
        .isEqualTo(
            """
        import os
        from pyiceberg.catalog import load_catalog

        mesh = load_catalog("mesh", **{
            "type": "rest",
            "uri": "http://127.0.0.1:8181/iceberg",
            "token": os.environ["LAKEMESH_TOKEN"],
        })
        """);
    assertThat(python.get("query").asText())
        .isEqualTo("print(mesh.load_table(\"sales_link.orders\").scan(limit=10).to_pandas())");

    JsonNode duck = json("sales.orders", "--as", "marketing", "--engine", "DuckDB");
    assertThat(duck.get("engine").asText()).isEqualTo("duckdb");
    assertThat(duck.get("settings").asText())
        .isEqualTo(
            """
        duckdb -cmd "INSTALL iceberg; LOAD iceberg;
          CREATE SECRET mesh_token (TYPE ICEBERG, TOKEN '$LAKEMESH_TOKEN');
          ATTACH 'marketing' AS mesh (TYPE ICEBERG, ENDPOINT 'http://127.0.0.1:8181/iceberg', SECRET mesh_token);"
        """);
    assertThat(duck.get("query").asText())
        .isEqualTo("SELECT * FROM mesh.sales_link.orders LIMIT 10");
  }

  @Test
  void aColumnHolderIsSentToTheGovernedEnginesAndToCreateItsLink() throws Exception {
    JsonNode guide = json("sales.orders", "--as", "finance", "--engine", "trino");
    assertThat(guide.get("readPath").asText()).isEqualTo("GOVERNED_ENGINES");
    assertThat(guide.get("table").asText()).isEqualTo("sales_link.orders");
    assertThat(guide.get("linked").asBoolean()).isFalse();
    assertThat(guide.get("summary").asText()).contains("only some columns or rows", "403");
    assertThat(texts(guide.get("steps")))
        .containsExactly("bin/lakemesh links create --as finance --table sales.orders");
    assertThat(guide.get("settings").asText())
        .isEqualTo(
            """
        # a Spark job of your own, with the lakemesh jobs jar on its classpath:
        spark.sql.catalog.mesh           = io.lakemesh.governance.spark.GovernedCatalog
        spark.sql.catalog.mesh.principal = finance
        spark.sql.catalog.mesh.config    = conf/lakemesh.conf
        """);
    assertThat(guide.get("query").asText())
        .isEqualTo("bin/lakemesh query --as finance \"SELECT * FROM sales_link.orders LIMIT 10\"");
  }

  @Test
  void aPrincipalWithNothingIsToldTheRequestToMakeAndLeavesNoRefusal() throws Exception {
    JsonNode guide = json("sales.orders", "--as", "marketing:analyst", "--engine", "pyiceberg");
    assertThat(guide.get("readPath").asText()).isEqualTo("NO_ACCESS");
    assertThat(texts(guide.get("steps")))
        .containsExactly(
            "bin/lakemesh request-access --as marketing:analyst --table sales.orders --perm SELECT");
    assertThat(guide.get("table").asText()).isEqualTo("sales_link.orders");
    assertThat(guide.get("settings").asText()).isEmpty();
    assertThat(guide.get("query").asText()).isEmpty();
    // Asking how to connect is not an attempt to read: nothing is refused, so nothing is audited.
    assertThat(governance.audit(Principal.administrator("governance"), AuditQuery.all()))
        .noneMatch(e -> e.actor().equals(Principal.parse("marketing:analyst")));
  }

  @Test
  void theOwnerReadsItsOwnTableAndBadInputIsAUsageError() {
    CliRun owner = connect("sales.orders", "--as", "sales");
    assertThat(owner.code()).isZero();
    assertThat(owner.out()).contains("ICEBERG_REST", "SELECT * FROM mesh.sales.orders LIMIT 10");

    CliRun engine = connect("sales.orders", "--as", "marketing", "--engine", "excel");
    assertThat(engine.code()).isEqualTo(2);
    assertThat(engine.err())
        .contains("unknown engine 'excel': expected one of spark, trino, pyiceberg, duckdb");

    CliRun server = connect("sales.orders", "--as", "marketing", "--server", "ftp://x");
    assertThat(server.code()).isEqualTo(2);
    assertThat(server.err()).contains("expected http(s)://HOST:PORT");

    CliRun missing = connect("sales.nothing", "--as", "marketing");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no product sales.nothing that marketing may discover");
  }

  @Test
  void throughTheCatalogServerEachReaderGetsTheSameGuide() throws Exception {
    Map<String, JsonNode> embedded = new HashMap<>();
    for (String who : List.of("marketing", "finance", "marketing:analyst")) {
      embedded.put(who, json("sales.orders", "--as", who, "--server", "http://mesh:8181"));
    }
    try (CatalogServer server =
        CatalogServer.start(governance, catalog, CatalogServerOptions.defaults().port(0))) {
      AccessTokens tokens = new AccessTokens(catalog, governance);
      for (String who : embedded.keySet()) {
        config =
            CliRun.config(
                dir,
                "jdbc:sqlite:" + dir.resolve("catalog.db"),
                server.uri().toString(),
                tokens.issue(Principal.parse(who), Duration.ofHours(1), "test").text());
        assertThat(json("sales.orders", "--as", who, "--server", "http://mesh:8181"))
            .as(who)
            .isEqualTo(embedded.get(who));
      }
    }
  }

  private CliRun connect(String... args) {
    String[] full = new String[args.length + 5];
    full[0] = "connect";
    System.arraycopy(args, 0, full, 1, args.length);
    full[args.length + 1] = "--config";
    full[args.length + 2] = config.toString();
    full[args.length + 3] = "--home";
    full[args.length + 4] = dir.toString();
    return CliRun.of(full);
  }

  private JsonNode json(String... args) throws Exception {
    String[] withJson = Arrays.copyOf(args, args.length + 1);
    withJson[args.length] = "--json";
    CliRun run = connect(withJson);
    assertThat(run.code()).as(run.all()).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
