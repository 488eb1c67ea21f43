package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --verbose} is one option for every command, before or after the command's name; without it
 * the libraries' log is off. (That stderr then holds no library line is shown end to end, in a
 * child JVM, by the jobs module's QuietStderrTest.)
 */
class VerboseOptionTest {
  @TempDir Path dir;

  private Level sparkLogLevel(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.code()).as(run.err()).isZero();
    return LogManager.getLogger("org.apache.spark.SparkContext").getLevel();
  }

  @AfterEach
  void restoreTheTestLogging() {
    Verbosity.apply(true);
  }

  @Test
  void withoutVerboseTheLibrariesLogIsOff() {
    assertThat(sparkLogLevel("config", "--home", dir.toString())).isEqualTo(Level.OFF);
  }

  @Test
  void verboseBeforeTheCommandRestoresTheLoggingConfigsLevels() {
    assertThat(sparkLogLevel("--verbose", "config", "--home", dir.toString()))
        .isEqualTo(Level.WARN);
  }

  @Test
  void verboseAfterTheCommandDoesTheSame() {
    assertThat(sparkLogLevel("config", "--home", dir.toString(), "--verbose"))
        .isEqualTo(Level.WARN);
  }

  @Test
  void theLevelsOfTheConfigsOwnLoggersComeBackToo() {
    sparkLogLevel("--verbose", "config", "--home", dir.toString());
    assertThat(LogManager.getLogger("org.apache.parquet.hadoop.ParquetWriter").getLevel())
        .isEqualTo(Level.ERROR);
  }
}
