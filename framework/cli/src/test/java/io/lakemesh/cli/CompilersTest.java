package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.runtime.RunOutlook;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A run started with the quick compiler alone goes on in a JVM with both when it is large or of a
 * size not known before Spark, and never when its batch is published already.
 */
class CompilersTest {
  private static final long LIMIT = 64L << 20;

  @Test
  void aRunOfTheLimitOrMoreGoesOnWithBothCompilers() {
    assertThat(Compilers.wantsOptimising(needsSpark(67_108_864), LIMIT)).isTrue();
    assertThat(Compilers.wantsOptimising(needsSpark(136_000_000), LIMIT)).isTrue();
  }

  @Test
  void aRunUnderTheLimitStaysInTheQuickJvm() {
    assertThat(Compilers.wantsOptimising(needsSpark(67_108_863), LIMIT)).isFalse();
    assertThat(Compilers.wantsOptimising(needsSpark(70_000), LIMIT)).isFalse();
  }

  @Test
  void aRunOfUnknownSizeGoesOnWithBothCompilers() {
    assertThat(Compilers.wantsOptimising(new RunOutlook(false, OptionalLong.empty()), LIMIT))
        .isTrue();
  }

  @Test
  void aPublishedBatchNeedsNoSparkAndStaysWhateverItsSize() {
    assertThat(Compilers.wantsOptimising(new RunOutlook(true, OptionalLong.of(1L << 40)), LIMIT))
        .isFalse();
    assertThat(Compilers.wantsOptimising(new RunOutlook(true, OptionalLong.empty()), LIMIT))
        .isFalse();
  }

  @Test
  void theJvmThatGoesOnHasThisOnesFlagsLessC1OnlyAndTheSameArguments() {
    List<String> command =
        Compilers.command(
            "/jdk/bin/java",
            List.of(
                "-XX:SharedArchiveFile=/x/lakemesh.jsa",
                "-XX:TieredStopAtLevel=1",
                "-Xmx4g",
                "-Dlakemesh.compiler=quick",
                "--add-opens=java.base/java.lang=ALL-UNNAMED"),
            "/x/lakemesh-jobs.jar:/x/spark/*",
            List.of("run", "sales.orders", "--source", "orders=/data/o.csv"));

    assertThat(command)
        .containsExactly(
            "/jdk/bin/java",
            "-XX:SharedArchiveFile=/x/lakemesh.jsa",
            "-Xmx4g",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-Dlakemesh.compiler=both",
            "-cp",
            "/x/lakemesh-jobs.jar:/x/spark/*",
            "io.lakemesh.cli.LakemeshCli",
            "run",
            "sales.orders",
            "--source",
            "orders=/data/o.csv");
  }

  @Test
  void sizesAreToldInTheUnitThatFits() {
    assertThat(Compilers.size(512)).isEqualTo("512 bytes");
    assertThat(Compilers.size(1_500)).isEqualTo("1.5 KB");
    assertThat(Compilers.size(14_126_883)).isEqualTo("14 MB");
    assertThat(Compilers.size(136_000_000)).isEqualTo("136 MB");
    assertThat(Compilers.size(4_200_000_000L)).isEqualTo("4.2 GB");
  }

  private static RunOutlook needsSpark(long bytes) {
    return new RunOutlook(false, OptionalLong.of(bytes));
  }
}
