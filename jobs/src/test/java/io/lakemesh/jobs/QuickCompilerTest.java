package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.JobRun;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/lakemesh} starts a run with the quick compiler alone; one that reads more than the
 * limit goes on in a JVM with both compilers, once, its output and exit code the command's.
 */
class QuickCompilerTest {
  @TempDir Path dir;

  @Test
  void aRunOverTheLimitGoesOnInAJvmWithBothCompilersAndRecordsOneRun() throws Exception {
    HundredOrders hundred = HundredOrders.in(dir);
    MeshCli cli = hundred.cli();
    File log = dir.resolve("run.log").toFile();

    int code =
        FreshJvm.run(
            List.of("-Dlakemesh.compiler=quick", "-Dlakemesh.compiler.quick-limit=5000"),
            cli.args("run", "sales.orders", "--source", "orders=" + hundred.batch()),
            log);

    String out = Files.readString(log.toPath());
    assertThat(code).as(out).isZero();
    assertThat(out)
        .contains(
            "[sales.orders] 7.2 KB to read: continuing in a JVM with the optimising compiler",
            "PUBLISHED",
            "rows: {orders=100} -> 100");
    try (TestMesh mesh = new TestMesh(cli.home(), hundred.products(), cli.config())) {
      assertThat(mesh.catalog.listJobRuns("sales.orders", 5))
          .extracting(JobRun::status)
          .containsExactly(JobRun.Status.PUBLISHED);
    }
  }
}
