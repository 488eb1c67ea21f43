package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The governance commands of the CLI, run once on the embedded catalog and once through the catalog
 * server (config {@code lakemesh.catalog.url} and each principal's token): the same commands give
 * the same exit codes and the same answers.
 */
class GovernanceCommandsTest {
  enum Mode {
    EMBEDDED,
    SERVER
  }

  /** Command, expected exit code, text the output must hold ("" for none). */
  private static final String[][] SCRIPT = {
    {"search orders --as marketing", "0", "sales.orders"},
    {"request-access --as marketing --table sales.orders --perm SELECT --json", "0", "\"id\":1"},
    {"request-access --as marketing --table sales.nothing --perm SELECT", "2", ""},
    {"requests --as sales --pending", "0", "PENDING"},
    {"approve 1 --as marketing", "4", ""},
    {"approve 1 --as product", "4", ""},
    {"deny 1 --as governance --reason no", "4", ""},
    {"approve 1 --as sales", "0", "ACTIVE"},
    {"links --as marketing", "0", "sales_link"},
    {"grant --as governance --to marketing:analyst --table sales.orders --perm SELECT", "4", ""},
    {"grant --as marketing --to marketing:analyst --table sales.orders --perm SELECT", "4", ""},
    {"grant --as sales --to marketing --table sales.orders --perm SELECT --grantable", "0", ""},
    {"grant --as marketing --to marketing:analyst --table sales.orders --perm SELECT", "0", ""},
    {"revoke --as sales --from marketing --table sales.orders --perm SELECT", "0", ""},
    {"revoke --as sales --from marketing --table sales.orders --perm SELECT", "2", ""},
    {"tag assign classification=internal --table sales.orders --as marketing", "4", ""},
    {"audit --as governance --log governance --json", "0", "REQUEST"},
    {"audit verify --as governance", "0", "intact"},
  };

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void governanceCommandsBehaveTheSameEmbeddedAndThroughTheServer(Mode mode) throws Exception {
    Path db = dir.resolve("catalog.db");
    String catalogUri = "jdbc:sqlite:" + db;
    Map<String, Path> configs = new HashMap<>();
    try (GovernanceCatalog catalog =
        CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri))) {
      Governance governance =
          Governance.over(
              LakemeshConfig.load(CliRun.config(dir, catalogUri, null, null), dir)
                  .mesh(Topology.CENTRAL),
              catalog);
      publishOrders(governance);
      AtomicInteger served = new AtomicInteger();
      // Running in both modes, so that the embedded CLI is seen not to call it.
      CatalogServer server =
          CatalogServer.start(
              governance,
              catalog,
              CatalogServerOptions.defaults().port(0).requestLog(l -> served.incrementAndGet()));
      try {
        AccessTokens tokens = new AccessTokens(catalog, governance);
        List<String> problems = new ArrayList<>();
        for (String[] step : SCRIPT) {
          String[] args = step[0].split(" ");
          String as = args[indexOf(args, "--as") + 1];
          Path config =
              configs.computeIfAbsent(
                  as,
                  who ->
                      mode == Mode.EMBEDDED
                          ? CliRun.config(dir, catalogUri, null, null)
                          : CliRun.config(
                              dir,
                              catalogUri,
                              server.uri().toString(),
                              tokens
                                  .issue(Principal.parse(who), Duration.ofHours(1), "test")
                                  .text()));
          List<String> full = new ArrayList<>(List.of(args));
          full.add("--config");
          full.add(config.toString());
          full.add("--home");
          full.add(dir.toString());
          int before = served.get();
          CliRun run = CliRun.of(full.toArray(String[]::new));
          if (run.code() != Integer.parseInt(step[1]) || !run.all().contains(step[2])) {
            problems.add(
                step[0]
                    + ": exit "
                    + run.code()
                    + " (expected "
                    + step[1]
                    + "), output: "
                    + run.all().strip());
          }
          // Through the server, every governance command is a request to it; embedded, none is.
          if ((served.get() > before) != (mode == Mode.SERVER)) {
            problems.add(
                step[0]
                    + ": "
                    + (served.get() - before)
                    + " requests to the server in mode "
                    + mode);
          }
        }
        System.out.printf(
            "governance commands (%s): %d commands, %d as expected%n",
            mode, SCRIPT.length, SCRIPT.length - problems.size());
        assertThat(problems).isEmpty();
      } finally {
        server.close();
      }
    }
  }

  private static int indexOf(String[] args, String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name)) {
        return i;
      }
    }
    return args.length - 2;
  }

  static void publishOrders(Governance governance) {
    TableId id = TableId.of("sales", "sales", "orders");
    Map<String, String> p = new HashMap<>();
    p.put(TableParameters.PRODUCT, "sales.orders");
    p.put(TableParameters.DESCRIPTION, "Order lines");
    p.put(TableParameters.OWNER_TEAM, "sales-data");
    p.put(TableParameters.SNAPSHOT_ID, "1");
    p.put(TableParameters.QUALITY_STATUS, "PASSED");
    List<Column> columns =
        List.of(
            new Column("order_id", "bigint", false, "", false),
            new Column("customer_id", "string", true, "", true),
            new Column("amount", "decimal(12,2)", true, "", false));
    governance.publish(
        Principal.administrator("sales"),
        new Publication(
            new CatalogTable(
                id, columns, "file:/w/sales/orders", "iceberg", List.of(), p, 0, Instant.now()),
            null,
            null,
            null));
    governance.createTag(
        Principal.administrator("governance"),
        "governance",
        LfTag.of("classification", "public", "internal"));
  }
}
