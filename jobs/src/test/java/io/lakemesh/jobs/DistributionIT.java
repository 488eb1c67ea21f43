package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lakemesh-VERSION.tar.gz as a user gets it: unpacked into an empty folder, away from the source
 * tree, and run from yet another folder with no Maven on the PATH. bin/lakemesh must find its jars
 * beside itself (a launcher that fell back to building would fail here), and the jars must hold
 * everything a Spark run needs.
 */
class DistributionIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();

  @TempDir static Path dir;
  private static Path install;
  private static Path noMaven;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void unpack() throws Exception {
    String version = System.getProperty("project.version");
    Path tarball = MODULE.resolve("target/lakemesh-" + version + ".tar.gz");
    assertThat(tarball).as("built by mvn package").isRegularFile();
    Path unpacked = Files.createDirectories(dir.resolve("opt"));
    Run tar = exec(List.of("tar", "xzf", tarball.toString(), "-C", unpacked.toString()), dir, null);
    assertThat(tar.exit()).as(tar.err()).isZero();
    install = unpacked.resolve("lakemesh-" + version);
    noMaven = pathWithoutMaven(Files.createDirectories(dir.resolve("path")));
  }

  @Test
  void holdsTheLauncherConfigSampleProductsAndJars() {
    assertThat(install.resolve("bin/lakemesh")).isExecutable();
    assertThat(install.resolve("conf/lakemesh.conf")).isRegularFile();
    assertThat(install.resolve("conf/log4j2.properties")).isRegularFile();
    assertThat(install.resolve("jobs/demo.conf")).isRegularFile();
    assertThat(install.resolve("jobs/products/sales/orders.conf")).isRegularFile();
    assertThat(install.resolve("jobs/data/sales/orders.csv")).isRegularFile();
    assertThat(install.resolve("jobs/bad/sales/orders.csv")).isRegularFile();
    assertThat(install.resolve("lib/lakemesh-jobs.jar")).isRegularFile();
    // SQLite's native library for bin/lakemesh to load in place (org.sqlite.lib.path).
    assertThat(install.resolve("lib/sqlite-native/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so"))
        .isRegularFile();
    assertThat(
            install.resolve("lib/sqlite-native/org/sqlite/native/Linux/aarch64/libsqlitejdbc.so"))
        .isRegularFile();
    assertThat(install.resolve("pom.xml")).doesNotExist();
  }

  @Test
  void shipsSparkOnceInLibSparkAndNotInsideTheJobJar() throws IOException {
    try (ZipFile jar = new ZipFile(install.resolve("lib/lakemesh-jobs.jar").toFile());
        Stream<Path> spark = Files.list(install.resolve("lib/spark"))) {
      assertThat(jar.getEntry("io/lakemesh/cli/LakemeshCli.class")).isNotNull();
      assertThat(jar.getEntry("org/apache/spark/sql/SparkSession.class")).isNull();
      assertThat(spark.map(p -> p.getFileName().toString()))
          .filteredOn(name -> name.startsWith("spark-sql_2.12-"))
          .containsExactly("spark-sql_2.12-3.5.7.jar");
    }
  }

  @Test
  void runsWithoutMavenOrTheSourceTree() throws Exception {
    Path cwd = Files.createDirectories(dir.resolve("help"));
    Run help = lakemesh(cwd, "--help");
    assertThat(help.exit()).as(help.err()).isZero();
    assertThat(help.out()).startsWith("Usage: lakemesh").contains("catalog").contains("run");
    assertThat(help.err()).doesNotContain("building");

    Run version = lakemesh(cwd, "--version");
    assertThat(version.exit()).as(version.err()).isZero();
    String expected = "lakemesh " + System.getProperty("project.version");
    assertThat(version.out().strip()).isEqualTo(expected);

    Run list = lakemesh(cwd, "catalog", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    // An empty catalog: the header line alone.
    assertThat(list.out().strip()).startsWith("TABLE").endsWith("QUALITY").doesNotContain("\n");
  }

  @Test
  void publishesTheSampleOrdersFromItsOwnProductsFolder() throws Exception {
    Path cwd = Files.createDirectories(dir.resolve("first-run"));
    Run run = lakemesh(cwd, "run", "sales.orders");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("PUBLISHED")
        .contains("rows: {orders=500} -> 500")
        .contains("quality: PASSED");
    // Its stderr holds lakemesh's own progress only: Spark's, Iceberg's and Deequ's log and ANTLR's
    // version notices stay out of it without --verbose (QuietStderrTest runs the verbose side).
    assertThat(run.err().lines())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).startsWith("[sales.orders] "));
    assertThat(run.err()).doesNotContain("WARN", "ANTLR");

    Run list = lakemesh(cwd, "catalog", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).containsPattern("sales:sales\\.orders +1 +\\d+ +500 +PASSED");
    // The default mesh home is in the folder the command ran in, not in the installation.
    assertThat(cwd.resolve(".lakemesh")).isDirectory();
    assertThat(install.resolve(".lakemesh")).doesNotExist();
  }

  private static Run lakemesh(Path cwd, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(install.resolve("bin/lakemesh").toString()));
    command.addAll(List.of(args));
    return exec(command, cwd, noMaven);
  }

  private static Run exec(List<String> command, Path cwd, Path path)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "cmd", ".out");
    Path err = Files.createTempFile(dir, "cmd", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    if (path != null) {
      builder
          .environment()
          .keySet()
          .removeIf(
              k -> k.startsWith("LAKEMESH_") || k.startsWith("SPARK_") || k.startsWith("MAVEN_"));
      builder.environment().put("PATH", path.toString());
      builder.environment().put("LAKEMESH_DRIVER_MEMORY", "2g");
      // The test JVM's JIT settings (the first tier only; bin/lakemesh gives a run both tiers): the
      // second doubles the CPU time of a run this short and changes nothing it prints.
      builder.environment().put("LAKEMESH_JAVA_OPTS", System.getProperty("test.jvm.flags", ""));
    }
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          String.join(" ", command) + " did not finish\n" + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** A folder standing for this machine's PATH, with every program on it but Maven's. */
  private static Path pathWithoutMaven(Path folder) throws IOException {
    for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.isDirectory(source)) {
        continue;
      }
      try (Stream<Path> programs = Files.list(source)) {
        for (Path program : programs.toList()) {
          String name = program.getFileName().toString();
          Path link = folder.resolve(name);
          if (!name.startsWith("mvn") && Files.notExists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, program);
          }
        }
      }
    }
    return folder;
  }
}
