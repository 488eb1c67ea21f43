package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run over inputs whose batch is published already, and a run whose spec points at something
 * missing, are decided from the catalog, the file listing and Iceberg's metadata: the CLI, in a JVM
 * of its own, loads no Spark class for them.
 */
class UnchangedRunTest {
  private static final TableId TABLE = TableId.of("sales", "sales", "orders");

  @TempDir Path dir;
  private Path products;
  private MeshCli cli;
  private Path batch;

  @BeforeEach
  void publishFirstBatch() throws Exception {
    products = dir.resolve("products");
    TestMesh.deriveSpec(products, "sales.orders", "sales", "orders", "table.mode = append");
    cli = new MeshCli(dir, products, "central");
    batch =
        Files.write(
            dir.resolve("batch.csv"), Files.readAllLines(TestMesh.SAMPLE_ORDERS).subList(0, 101));
    MeshCli.Result first = cli.run("run", "sales.orders", "--source", "orders=" + batch);
    assertThat(first.code()).as(first.err()).isZero();
  }

  @Test
  void aRunOverPublishedInputsIsUnchangedWithoutSpark() throws Exception {
    Path classes = dir.resolve("classes.log");
    File log = dir.resolve("run.log").toFile();

    int code =
        FreshJvm.run(
            List.of("-Xlog:class+load=info:file=" + classes),
            cli.args("run", "sales.orders", "--source", "orders=" + batch),
            log);

    assertThat(code).as(Files.readString(log.toPath())).isZero();
    assertThat(Files.readString(log.toPath())).contains("UNCHANGED", "inputs unchanged since run");
    assertLoadedWithoutSpark(classes, "io.lakemesh.runtime.PublishedBatch");
    try (TestMesh mesh = new TestMesh(cli.home(), products, cli.config())) {
      String published =
          mesh.catalog.loadTable(TABLE).parameter(TableParameters.SNAPSHOT_ID).orElseThrow();
      List<JobRun> runs = mesh.catalog.listJobRuns("sales.orders", 5);
      assertThat(runs)
          .extracting(JobRun::status)
          .containsExactly(JobRun.Status.UNCHANGED, JobRun.Status.PUBLISHED);
      JsonNode report = new ObjectMapper().readTree(runs.get(0).report());
      assertThat(report.get("status").asText()).isEqualTo("UNCHANGED");
      assertThat(report.get("table").asText()).isEqualTo("sales:sales.orders");
      assertThat(report.get("previousSnapshotId").asText()).isEqualTo(published);
      assertThat(report.get("stagedSnapshotId").asText()).isEqualTo(published);
      assertThat(report.get("publishedSnapshotId").asText()).isEqualTo(published);
      assertThat(mesh.catalog.loadTable(TABLE).version()).isEqualTo(1);
    }
  }

  @Test
  void aMissingSourceFileFailsBeforeSparkStarts() throws Exception {
    Path classes = dir.resolve("classes.log");
    File log = dir.resolve("run.log").toFile();

    int code =
        FreshJvm.run(
            List.of("-Xlog:class+load=info:file=" + classes),
            cli.args("run", "sales.orders", "--source", "orders=" + dir.resolve("nowhere.csv")),
            log);

    assertThat(code).isEqualTo(2);
    assertThat(Files.readString(log.toPath()))
        .contains("source orders: no file at " + dir.resolve("nowhere.csv"));
    assertLoadedWithoutSpark(classes, "io.lakemesh.runtime.SourceFiles");
  }

  @Test
  void aMissingTransformFileFailsBeforeSparkStarts() throws Exception {
    Files.delete(products.resolve("sales/orders.sql"));
    Path classes = dir.resolve("classes.log");
    File log = dir.resolve("run.log").toFile();

    int code =
        FreshJvm.run(
            List.of("-Xlog:class+load=info:file=" + classes),
            cli.args("run", "sales.orders", "--source", "orders=" + batch),
            log);

    assertThat(code).isEqualTo(2);
    assertThat(Files.readString(log.toPath()))
        .contains(
            "transform SQL file not found: " + products.resolve("sales/orders.sql"),
            "transform.sql = orders.sql");
    assertLoadedWithoutSpark(classes, "io.lakemesh.runtime.TransformCode");
  }

  /** The JVM loaded {@code witness} (so the log is real) and not one class of Spark's. */
  private static void assertLoadedWithoutSpark(Path classLog, String witness) throws Exception {
    List<String> loaded =
        Files.readAllLines(classLog).stream()
            .filter(line -> line.contains("[class,load]"))
            .toList();
    assertThat(loaded).anyMatch(line -> line.contains(" " + witness + " "));
    int first = 0;
    while (first < loaded.size() && !loaded.get(first).contains(" org.apache.spark.")) {
      first++;
    }
    assertThat(first)
        .as(
            "classes loaded up to the first of Spark's: %s",
            loaded.subList(Math.max(0, first - 12), Math.min(loaded.size(), first + 1)))
        .isEqualTo(loaded.size());
  }
}
