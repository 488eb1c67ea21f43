package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.SparkSessions;
import io.lakemesh.testing.SharedSpark;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills the job (a real process, halted mid-run) right after each stage of a run, then runs it
 * again: every row exactly once, the catalog in step with the table at the same version, the
 * subscriber's link made, and the run records telling what happened. Append mode in a governed
 * mesh, where a duplicated batch or a skipped publish step would show.
 */
class CrashRecoveryTest {
  private static final TableId TABLE = TableId.of("sales", "sales", "orders");
  private static final String PUBLISHED = "published snapshot ";
  private static final String COMPLETED = "completed the publish of snapshot ";
  private static final String UNCHANGED = "inputs unchanged since run ";

  /** The prepared mesh home ({@code prepared}) and the copy of it the stage under test works on. */
  @TempDir static Path dir;

  private static Path products;
  private static Path secondBatch;

  /**
   * The state every stage crashes from, made once: sales.orders published from its first 400 rows,
   * then SELECT granted to marketing. Each stage gets a copy at the same path (Iceberg's metadata
   * and the catalog hold absolute paths), so the stages stay independent.
   */
  @BeforeAll
  static void publishFirstBatchAndGrant() throws Exception {
    products = dir.resolve("products");
    TestMesh.deriveSpec(products, "sales.orders", "sales", "orders", "table.mode = append");
    MeshCli cli = new MeshCli(dir, products, "central");
    List<String> lines = Files.readAllLines(TestMesh.SAMPLE_ORDERS);
    Path first = Files.write(dir.resolve("first.csv"), lines.subList(0, 401));
    List<String> second = new ArrayList<>(List.of(lines.get(0)));
    second.addAll(lines.subList(401, lines.size()));
    secondBatch = Files.write(dir.resolve("second.csv"), second);
    assertThat(cli.run("run", "sales.orders", "--source", "orders=" + first).code()).isZero();
    // Granted after the first publish: marketing gets its link on the next publish, not before.
    assertThat(
            cli.run(
                    "grant",
                    "--as",
                    "sales",
                    "--to",
                    "marketing",
                    "--perm",
                    "SELECT",
                    "--table",
                    "sales.orders")
                .code())
        .isZero();
    assertThat(cli.run("links", "--as", "marketing").out()).doesNotContain("sales_link");
    FileUtils.copyDirectory(cli.home().toFile(), dir.resolve("prepared").toFile());
  }

  @ParameterizedTest(name = "crash after {0}")
  @CsvSource({
    "read,         FAILED,    PUBLISHED",
    "transform,    FAILED,    PUBLISHED",
    "audit-write,  FAILED,    PUBLISHED",
    "gate,         FAILED,    PUBLISHED",
    "fast-forward, FAILED,    COMPLETED",
    "catalog,      PUBLISHED, UNCHANGED",
    "links,        PUBLISHED, UNCHANGED",
    "lineage,      PUBLISHED, UNCHANGED",
    "run-record,   PUBLISHED, UNCHANGED"
  })
  void aRunCutShortAfterAnyStageConvergesWhenRunAgain(
      String stage, JobRun.Status crashedRecord, String rerunSays) throws Exception {
    MeshCli cli = new MeshCli(dir, products, "central");
    FileUtils.deleteDirectory(cli.home().toFile());
    FileUtils.copyDirectory(dir.resolve("prepared").toFile(), cli.home().toFile());

    assertThat(crashingRun(cli, secondBatch, stage)).isEqualTo(137);
    MeshCli.Result rerun = cli.run("run", "sales.orders", "--source", "orders=" + secondBatch);

    assertThat(rerun.code()).as(rerun.err()).isZero();
    try (TestMesh mesh = new TestMesh(cli.home(), products, cli.config())) {
      assertRowsOnce(mesh, 500);
      assertThat(mesh.catalog.loadTable(TABLE).version()).isEqualTo(2);
      List<JobRun> runs = mesh.catalog.listJobRuns("sales.orders", 10);
      assertThat(runs)
          .extracting(JobRun::status)
          .containsExactly(rerunStatus(rerunSays), crashedRecord, JobRun.Status.PUBLISHED);
      assertThat(runs.get(0).message()).startsWith(message(rerunSays));
      // Cut short before its publish, a run is closed as interrupted by the next; once published,
      // its record went to the catalog with the publish, in the same unit.
      if (crashedRecord == JobRun.Status.FAILED) {
        assertThat(runs.get(1).message())
            .isEqualTo("interrupted: the run ended without recording an outcome");
      }
    }
    assertThat(cli.run("links", "--as", "marketing").out()).contains("sales_link");

    // A rerun that published or completed the publish leaves a state the next run must find
    // settled. (One that found the batch unchanged has shown that already.)
    if (!rerunSays.equals("UNCHANGED")) {
      MeshCli.Result again = cli.run("run", "sales.orders", "--source", "orders=" + secondBatch);
      assertThat(again.code()).isZero();
      try (TestMesh mesh = new TestMesh(cli.home(), products, cli.config())) {
        assertRowsOnce(mesh, 500);
        assertThat(mesh.catalog.loadTable(TABLE).version()).isEqualTo(2);
        assertThat(mesh.catalog.listJobRuns("sales.orders", 1).get(0).message())
            .startsWith(UNCHANGED);
      }
    }
    assertThat(cli.run("audit", "verify").code()).isZero();
  }

  private static JobRun.Status rerunStatus(String says) {
    return says.equals("UNCHANGED") ? JobRun.Status.UNCHANGED : JobRun.Status.PUBLISHED;
  }

  private static String message(String says) {
    return switch (says) {
      case "PUBLISHED" -> PUBLISHED;
      case "COMPLETED" -> COMPLETED;
      default -> UNCHANGED;
    };
  }

  private static void assertRowsOnce(TestMesh mesh, long expected) {
    Dataset<Row> rows =
        SparkSessions.forAccounts(SharedSpark.session(), mesh.config.warehouse(), List.of("sales"))
            .table("sales.sales.orders");
    assertThat(rows.count()).isEqualTo(expected);
    assertThat(rows.select("order_id").distinct().count()).isEqualTo(expected);
    Table table = mesh.icebergTable("sales", "sales.orders");
    assertThat(table.refs().keySet()).containsExactly("main");
    assertThat(mesh.catalog.loadTable(TABLE).parameter(TableParameters.SNAPSHOT_ID))
        .contains(Long.toString(table.currentSnapshot().snapshotId()));
    assertThat(mesh.catalog.loadTable(TABLE).parameter(TableParameters.ROW_COUNT))
        .contains(Long.toString(expected));
  }

  /** Runs sales.orders by the CLI in its own JVM, which halts right after {@code stage}. */
  private static int crashingRun(MeshCli cli, Path batch, String stage) throws Exception {
    return crashingRun(
        cli.home(), cli.config(), "sales.orders", batch, stage, "--topology", "central");
  }

  /** Runs {@code product} by the CLI in its own JVM, which halts right after {@code stage}. */
  static int crashingRun(
      Path home, Path config, String product, Path batch, String stage, String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                product,
                "--home",
                home.toString(),
                "--config",
                config.toString(),
                "--source",
                "orders=" + batch));
    args.addAll(List.of(more));
    File log = home.resolveSibling("crash-" + stage + ".log").toFile();
    return FreshJvm.run(List.of("-D" + ProducerJob.CRASH_AFTER + "=" + stage), args, log);
  }
}
