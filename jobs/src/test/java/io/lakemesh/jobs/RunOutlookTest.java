package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.JobRun;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.RunOutlook;
import io.lakemesh.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run will take, told before Spark starts: whether its batch is published already, and the
 * bytes it reads (its files; for a merge, the table's data files too), which decide the compilers
 * of the JVM that runs it.
 */
class RunOutlookTest {
  @TempDir Path dir;
  private Path first;
  private Path second;

  @BeforeEach
  void splitTheSampleOrders() throws Exception {
    List<String> lines = Files.readAllLines(TestMesh.SAMPLE_ORDERS);
    first = Files.write(dir.resolve("first.csv"), lines.subList(0, 101));
    List<String> next = new ArrayList<>(List.of(lines.get(0)));
    next.addAll(lines.subList(101, 201));
    second = Files.write(dir.resolve("second.csv"), next);
  }

  @Test
  void anAppendReadsItsFilesAndAPublishedBatchNeedsNoSpark() throws Exception {
    Path products = dir.resolve("products");
    TestMesh.deriveSpec(products, "sales.orders", "sales", "orders", "table.mode = append");
    try (TestMesh mesh = new TestMesh(dir.resolve("home"), products)) {
      assertThat(outlook(mesh, first))
          .isEqualTo(new RunOutlook(false, OptionalLong.of(Files.size(first))));

      assertThat(mesh.run("sales.orders", Map.of("orders", first.toString())).status())
          .isEqualTo(JobRun.Status.PUBLISHED);

      assertThat(outlook(mesh, first).published()).isTrue();
      assertThat(outlook(mesh, second))
          .isEqualTo(new RunOutlook(false, OptionalLong.of(Files.size(second))));
      assertThat(mesh.catalog.listJobRuns("sales.orders", 5)).hasSize(1);
    }
  }

  @Test
  void aMergeReadsItsFilesAndTheTablesDataFiles() throws Exception {
    try (TestMesh mesh = TestMesh.in(dir.resolve("home"))) {
      assertThat(mesh.run("sales.orders", Map.of("orders", first.toString())).status())
          .isEqualTo(JobRun.Status.PUBLISHED);
      long dataFiles = parquetBytes(Path.of(mesh.icebergTable("sales", "sales.orders").location()));
      assertThat(dataFiles).isPositive();

      assertThat(outlook(mesh, second))
          .isEqualTo(new RunOutlook(false, OptionalLong.of(Files.size(second) + dataFiles)));
    }
  }

  private static RunOutlook outlook(TestMesh mesh, Path batch) {
    return new ProducerJob(mesh.config, mesh.catalog, SharedSpark.session(), null)
        .outlook(
            mesh.specs.load("sales.orders"),
            new ProducerJob.Options(null, Map.of("orders", batch.toString())));
  }

  private static long parquetBytes(Path table) throws Exception {
    try (Stream<Path> files = Files.walk(table.resolve("data"))) {
      return files
          .filter(f -> f.toString().endsWith(".parquet"))
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              })
          .sum();
    }
  }
}
