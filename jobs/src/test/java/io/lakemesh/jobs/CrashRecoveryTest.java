package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.cli.LakemeshCli;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.RunReport;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the job (a real process, halted mid-run) between the audit write and the publish, and
 * between the fast-forward and the catalog publish, then re-runs it: every row exactly once and
 * the catalog in step with the table. Append mode, where a duplicated batch would show.
 */
class CrashRecoveryTest {
  private static final TableId TABLE = TableId.of("crash", "crash", "orders");

  @TempDir Path dir;

  @Test
  void reRunsAfterACrashConvergeWithEveryRowOnce() throws Exception {
    Path products = dir.resolve("products");
    TestMesh.deriveSpec(products, "sales.orders", "crash", "orders", "table.mode = append");
    Path config = Files.writeString(dir.resolve("crash.conf"), "lakemesh.products = \"" + products + "\"\n");
    Path home = dir.resolve("home");
    List<String> lines = Files.readAllLines(TestMesh.SAMPLE_ORDERS);
    Path first = Files.write(dir.resolve("first.csv"), lines.subList(0, 401));
    List<String> second = new ArrayList<>(List.of(lines.get(0)));
    second.addAll(lines.subList(401, lines.size()));
    Path secondBatch = Files.write(dir.resolve("second.csv"), second);

    assertThat(crashingRun(home, config, "crash.orders", first, "audit-write")).isEqualTo(137);
    try (TestMesh mesh = new TestMesh(home, products)) {
      assertThat(mesh.catalog.findTable(TABLE)).isEmpty();
      assertThat(mesh.mainSnapshot("crash", "crash.orders")).isNull();

      RunReport rerun = mesh.run("crash.orders", Map.of("orders", first.toString()));

      assertThat(rerun.status()).as(rerun.message()).isEqualTo(JobRun.Status.PUBLISHED);
      assertRowsOnce(mesh, 400);
      assertThat(mesh.catalog.listJobRuns("crash.orders", 10)).extracting(JobRun::status)
          .containsExactlyInAnyOrder(JobRun.Status.PUBLISHED, JobRun.Status.FAILED);
    }

    assertThat(crashingRun(home, config, "crash.orders", secondBatch, "fast-forward")).isEqualTo(137);
    try (TestMesh mesh = new TestMesh(home, products)) {
      long onMain = mesh.mainSnapshot("crash", "crash.orders");
      assertThat(mesh.catalog.loadTable(TABLE).parameter(TableParameters.SNAPSHOT_ID)).isNotEqualTo(Long.toString(onMain));

      RunReport rerun = mesh.run("crash.orders", Map.of("orders", secondBatch.toString()));

      assertThat(rerun.status()).as(rerun.message()).isEqualTo(JobRun.Status.PUBLISHED);
      assertThat(rerun.message()).contains("completed the publish");
      assertThat(mesh.mainSnapshot("crash", "crash.orders")).isEqualTo(onMain);
      assertRowsOnce(mesh, 500);
      RunReport again = mesh.run("crash.orders", Map.of("orders", secondBatch.toString()));
      assertThat(again.status()).isEqualTo(JobRun.Status.UNCHANGED);
      assertRowsOnce(mesh, 500);
    }
  }

  private static void assertRowsOnce(TestMesh mesh, long expected) {
    var session = io.lakemesh.runtime.SparkSessions.forAccounts(
        io.lakemesh.testing.SharedSpark.session(), mesh.config.warehouse(), List.of("crash"));
    var rows = session.table("crash.crash.orders");
    assertThat(rows.count()).isEqualTo(expected);
    assertThat(rows.select("order_id").distinct().count()).isEqualTo(expected);
    Table table = mesh.icebergTable("crash", "crash.orders");
    assertThat(table.refs().keySet()).containsExactly("main");
    assertThat(mesh.catalog.loadTable(TABLE).parameter(TableParameters.SNAPSHOT_ID))
        .contains(Long.toString(table.currentSnapshot().snapshotId()));
    assertThat(mesh.catalog.loadTable(TABLE).parameter(TableParameters.ROW_COUNT)).contains(Long.toString(expected));
  }

  /** Runs {@code product} by the CLI in its own JVM, which halts right after {@code stage}. */
  static int crashingRun(Path home, Path config, String product, Path batch, String stage) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-XX:+Ignore"))
        .forEach(command::add);
    command.add("-D" + ProducerJob.CRASH_AFTER + "=" + stage);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LakemeshCli.class.getName());
    command.addAll(List.of("run", product, "--home", home.toString(), "--config", config.toString(),
        "--source", "orders=" + batch));
    File log = home.resolveSibling("crash-" + stage + ".log").toFile();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the crashing run did not end; see " + log);
    }
    return process.exitValue();
  }
}
