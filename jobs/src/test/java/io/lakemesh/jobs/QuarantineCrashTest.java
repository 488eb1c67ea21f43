package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.runtime.SparkSessions;
import io.lakemesh.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the job (a real process) at each stage quarantine adds: after the rows set aside are
 * staged, between the product's publish and the quarantine's, and after both, before the catalog.
 * Each re-run converges: every clean row published once, every bad row set aside once, no branch
 * left behind, and the catalog's counts those of the batch. Append mode, where a duplicate shows.
 */
class QuarantineCrashTest {
  private static final TableId TABLE = TableId.of("crash", "crash", "orders");
  private static final int CURRENCY = 5;
  private static final int BATCH = 150;

  @TempDir Path dir;

  @Test
  void reRunsAfterACrashAtEachQuarantineStageConverge() throws Exception {
    Path products = dir.resolve("products");
    TestMesh.deriveSpec(
        products,
        "sales.orders",
        "crash",
        "orders",
        """
        table.mode = append
        quality.max-quarantine = 0.05
        quality.rules = [
          { type = unique, column = order_id }
          { type = allowed-values, column = currency, values = [USD, EUR, GBP], on-fail = quarantine }
        ]
        """);
    Path config =
        Files.writeString(dir.resolve("crash.conf"), "lakemesh.products = \"" + products + "\"\n");
    Path home = dir.resolve("home");
    List<String> lines = Files.readAllLines(TestMesh.SAMPLE_ORDERS);
    List<String> stages = List.of("quarantine-write", "fast-forward", "quarantine-publish");
    for (int i = 0; i < stages.size(); i++) {
      List<String> rows = new ArrayList<>(List.of(lines.get(0)));
      rows.addAll(lines.subList(1 + i * BATCH, 1 + (i + 1) * BATCH));
      for (int row : List.of(10, 20, 30)) {
        String[] f = rows.get(row).split(",", -1);
        f[CURRENCY] = "JPY";
        rows.set(row, String.join(",", f));
      }
      Path batch = Files.write(dir.resolve("batch-" + i + ".csv"), rows);

      assertThat(QuarantineCrashTest.crash(home, config, batch, stages.get(i))).isEqualTo(137);
      try (TestMesh mesh = new TestMesh(home, products)) {
        RunReport rerun = mesh.run("crash.orders", Map.of("orders", batch.toString()));

        assertThat(rerun.status())
            .as(stages.get(i) + ": " + rerun.message())
            .isEqualTo(JobRun.Status.PUBLISHED);
        int batches = i + 1;
        assertRowsOnce(mesh, "crash.crash.orders", batches * (BATCH - 3));
        assertRowsOnce(mesh, "crash.crash.orders__quarantine", batches * 3);
        assertThat(mesh.icebergTable("crash", "crash.orders").refs().keySet())
            .containsExactly("main");
        assertThat(mesh.icebergTable("crash", "crash.orders__quarantine").refs().keySet())
            .containsExactly("main");
        assertThat(mesh.catalog.loadTable(TABLE).parameter(TableParameters.QUARANTINE_ROWS))
            .contains("3");
        assertThat(mesh.catalog.loadTable(TABLE).parameter(TableParameters.QUARANTINE_RULES))
            .contains("{\"allowed-values(currency)\":3}");
        RunReport again = mesh.run("crash.orders", Map.of("orders", batch.toString()));
        assertThat(again.status()).isEqualTo(JobRun.Status.UNCHANGED);
        assertRowsOnce(mesh, "crash.crash.orders__quarantine", batches * 3);
      }
    }
  }

  private static int crash(Path home, Path config, Path batch, String stage) throws Exception {
    return CrashRecoveryTest.crashingRun(home, config, "crash.orders", batch, stage);
  }

  private static void assertRowsOnce(TestMesh mesh, String table, long expected) {
    Dataset<Row> rows =
        SparkSessions.forAccounts(SharedSpark.session(), mesh.config.warehouse(), List.of("crash"))
            .table(table);
    assertThat(rows.count()).as(table).isEqualTo(expected);
    assertThat(rows.select("order_id").distinct().count()).as(table).isEqualTo(expected);
  }
}
