package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.quality.QualityGate;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.runtime.SparkSessions;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate as a job runs it: metrics observed while the batch is written to the audit branch,
 * merged with the table's stored states on an append; a pass over the table only for what those
 * cannot tell. Each published run's metrics equal those of a full Deequ gate over the table.
 */
class InWriteGateTest {
  private static final TableId ORDERS = TableId.of("inw", "inw", "orders");

  /**
   * Metrics of Deequ's analyzers; the rest (freshness age, change from the last run) depend on
   * when.
   */
  private static final Set<String> DEEQU =
      Set.of("Size", "Completeness", "Compliance", "PatternMatch", "Uniqueness", "Maximum");

  @TempDir Path dir;

  private List<String> lines() throws IOException {
    return Files.readAllLines(TestMesh.SAMPLE_ORDERS);
  }

  private Path batch(String name, List<String> rows) throws IOException {
    List<String> withHeader = new ArrayList<>(List.of(lines().get(0)));
    withHeader.addAll(rows);
    return Files.write(dir.resolve(name + ".csv"), withHeader);
  }

  private TestMesh mesh(String mode) throws IOException {
    Path products = dir.resolve("products");
    TestMesh.deriveSpec(products, "sales.orders", "inw", "orders", "table.mode = " + mode);
    return new TestMesh(dir.resolve("home"), products);
  }

  /** A run, with what the job told the user about it. */
  record Run(RunReport report, String progress) {
    boolean tookAPass() {
      return progress.contains("measured in a pass");
    }
  }

  private static Run run(TestMesh mesh, Path batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProductSpec spec = mesh.specs.load("inw.orders");
    RunReport report =
        new ProducerJob(
                mesh.config,
                mesh.catalog,
                SharedSpark.session(),
                new PrintStream(out, true, StandardCharsets.UTF_8))
            .run(spec, new ProducerJob.Options(null, Map.of("orders", batch.toString())));
    return new Run(report, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void appendsAreVerifiedFromStoredStatesWithoutAPass() throws IOException {
    List<String> rows = lines().subList(1, 501);
    try (TestMesh mesh = mesh("append")) {
      Run first = run(mesh, batch("first", rows.subList(0, 300)));
      Run second = run(mesh, batch("second", rows.subList(300, 450)));
      Run third = run(mesh, batch("third", rows.subList(450, 500)));

      for (Run r : List.of(first, second, third)) {
        assertThat(r.report().status()).as(r.report().message()).isEqualTo(JobRun.Status.PUBLISHED);
        assertThat(r.tookAPass()).as(r.progress()).isFalse();
      }
      assertSameMetricsAsAFullGate(mesh);
      assertThat(stateFiles(mesh)).as("only the published snapshot's state is kept").hasSize(1);
      assertOneFilePerMonth(mesh, first.report().publishedSnapshotId());
    }
  }

  /**
   * A batch read in one task (a small file) is written by that task without a shuffle: one file for
   * each month it holds, as a shuffle by month would have written.
   */
  private static void assertOneFilePerMonth(TestMesh mesh, long snapshot) {
    Table table = mesh.icebergTable("inw", "inw.orders");
    Map<String, Integer> files = new HashMap<>();
    for (DataFile f : table.snapshot(snapshot).addedDataFiles(table.io())) {
      files.merge(f.partition().toString(), 1, Integer::sum);
    }
    assertThat(files).hasSizeGreaterThan(1).allSatisfy((month, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void anAppendRepeatingAKeyOfTheTableFailsUniqueness() throws IOException {
    List<String> rows = lines().subList(1, 501);
    try (TestMesh mesh = mesh("append")) {
      run(mesh, batch("first", rows.subList(0, 300)));
      List<String> again = new ArrayList<>(rows.subList(300, 400));
      again.add(rows.get(7));

      Run second = run(mesh, batch("second", again));

      assertThat(second.report().status()).isEqualTo(JobRun.Status.REJECTED);
      assertThat(second.tookAPass()).isTrue();
      assertThat(second.report().constraints())
          .filteredOn(c -> c.rule().equals("unique(order_id)"))
          .singleElement()
          .satisfies(c -> assertThat(c.message()).contains("2 of 401 rows share their value"));
    }
  }

  @Test
  void aMergeIsVerifiedFromStoredStatesAndTheBatchsKeyRangeWithoutAPass() throws IOException {
    List<String> rows = lines().subList(1, 501);
    try (TestMesh mesh = mesh("merge")) {
      Run first = run(mesh, batch("first", rows));
      List<String> update = new ArrayList<>();
      rows.subList(0, 20)
          .forEach(r -> update.add(r.replaceAll(",(placed|shipped|cancelled),", ",delivered,")));
      rows.subList(0, 5).forEach(r -> update.add(r.replaceFirst("^O", "N")));

      Run second = run(mesh, batch("update", update));

      assertThat(first.tookAPass()).as(first.progress()).isFalse();
      assertThat(second.report().status())
          .as(second.report().message())
          .isEqualTo(JobRun.Status.PUBLISHED);
      assertThat(second.report().outputRows()).isEqualTo(505L);
      assertThat(second.tookAPass()).as(second.progress()).isFalse();
      assertSameMetricsAsAFullGate(mesh);
      assertThat(stateFiles(mesh))
          .as("the merged snapshot's states are kept for the next merge")
          .hasSize(1);
    }
  }

  @Test
  void aMergeThatMovesBackTheNewestOrderMeasuresItsFreshnessInAPassAndSaysWhy() throws IOException {
    List<String> rows = lines().subList(1, 501);
    try (TestMesh mesh = mesh("merge")) {
      run(mesh, batch("first", rows));
      // Row 345 of the sample holds the newest order_ts of these 500 (2026-10-25T19:44:04).
      String[] newest = rows.get(344).split(",", -1);
      newest[6] = "2026-01-01T00:00:00";

      Run second = run(mesh, batch("older", List.of(String.join(",", newest))));

      assertThat(second.report().status())
          .as(second.report().message())
          .isEqualTo(JobRun.Status.PUBLISHED);
      assertThat(second.progress().lines().filter(l -> l.contains("measured in a pass")))
          .as("only the freshness maximum, and why")
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l)
                      .endsWith(
                          "quality gate measured in a pass over the table: maximum(order_ts) (a replaced row held the maximum)"));
      assertSameMetricsAsAFullGate(mesh);
    }
  }

  @Test
  void aMergeBatchWithTwoRowsForOneKeyOfTheTableIsRejected() throws IOException {
    List<String> rows = lines().subList(1, 501);
    try (TestMesh mesh = mesh("merge")) {
      run(mesh, batch("first", rows));
      Long published = mesh.mainSnapshot("inw", "inw.orders");

      LakemeshException e =
          catchThrowableOfType(
              LakemeshException.class,
              () ->
                  run(
                      mesh,
                      batch("twice", List.of(rows.get(3), rows.get(3).replace(",US", ",DE")))));

      assertThat(e.kind()).isEqualTo(ErrorKind.REJECTED);
      assertThat(e.getMessage())
          .contains("several rows with the same order_id", "at most one row per key");
      assertThat(mesh.mainSnapshot("inw", "inw.orders")).isEqualTo(published);
    }
  }

  @Test
  void anOverwriteIsJudgedFromTheWriteAlone() throws IOException {
    try (TestMesh mesh = mesh("overwrite")) {
      Run first = run(mesh, batch("first", lines().subList(1, 501)));
      Run second = run(mesh, batch("second", lines().subList(1, 200)));

      assertThat(second.report().status())
          .as(second.report().message())
          .isEqualTo(JobRun.Status.PUBLISHED);
      assertThat(first.tookAPass() || second.tookAPass()).isFalse();
      assertSameMetricsAsAFullGate(mesh);
    }
  }

  /** The metrics the last publish recorded against those of Deequ run over the published table. */
  private static void assertSameMetricsAsAFullGate(TestMesh mesh) {
    QualityRun recorded = mesh.catalog.qualityHistory(ORDERS, 1).get(0);
    var session =
        SparkSessions.forAccounts(SharedSpark.session(), mesh.config.warehouse(), List.of("inw"));
    Dataset<Row> table = session.table("inw.inw.orders");
    ProductSpec spec = mesh.specs.load("inw.orders");
    List<Metric> full =
        QualityGate.on(table).rules(spec.quality()).at(Instant.now()).run().metrics();
    List<Metric> compared = full.stream().filter(m -> DEEQU.contains(m.name())).toList();
    assertThat(compared).isNotEmpty();
    for (Metric want : compared) {
      assertThat(recorded.metric(want.name(), want.instance()))
          .as(want.toString())
          .hasValueSatisfying(got -> assertThat(got.value()).isCloseTo(want.value(), within(1e-9)));
    }
    assertThat(recorded.metric("Uniqueness", "order_id"))
        .hasValueSatisfying(m -> assertThat(m.value()).isEqualTo(1.0));
  }

  private static List<Path> stateFiles(TestMesh mesh) throws IOException {
    Table table = mesh.icebergTable("inw", "inw.orders");
    Path folder = Path.of(table.location().replace("file:", ""), "metadata", "lakemesh-quality");
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> found = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertThat(found)
          .allMatch(
              f ->
                  f.getFileName()
                      .toString()
                      .equals(table.currentSnapshot().snapshotId() + ".json"));
      return found;
    }
  }
}
