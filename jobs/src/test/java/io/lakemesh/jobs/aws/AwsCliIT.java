package io.lakemesh.jobs.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job jar on the classpath bin/lakemesh gives it (the jar, then Spark's), pointed at
 * the loopback AWS services: the CLI finds catalog type aws, its AWS SDK and Iceberg's S3FileIO
 * work together, and what goes wrong is a clear error with an exit code, never a class error.
 */
class AwsCliIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final List<String> CLASS_ERRORS =
      List.of(
          "NoClassDefFoundError",
          "ClassNotFoundException",
          "NoSuchMethodError",
          "NoSuchFieldError",
          "LinkageError");

  @TempDir Path dir;
  private LoopbackMesh mesh;
  private LoopbackAws aws;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() {
    mesh = new LoopbackMesh(dir);
    aws = mesh.aws();
  }

  @AfterEach
  void stop() {
    mesh.close();
  }

  @Test
  void theJobJarResolvesTheAwsCatalogAndItsChecksPass() throws Exception {
    Path config = AwsConfigFiles.write(dir.resolve("aws.conf"), mesh.properties(), "");

    Run list = cli("catalog", "list", "--config", config.toString());
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).startsWith("TABLE");
    assertThat(aws.calls("glue", "GetDatabases"))
        .singleElement()
        .satisfies(c -> assertThat(c.account()).isEqualTo(LoopbackMesh.GOVERNANCE));

    // A fresh account keeps Lake Formation's IAM-only defaults until aws setup changes them.
    Run setup = cli("aws", "setup", "--apply", "--config", config.toString());
    assertThat(setup.exit()).as(setup.out() + setup.err()).isZero();
    assertThat(setup.out()).contains("governance    data-lake admins");

    Run doctor = cli("doctor", "--config", config.toString());
    assertThat(doctor.exit()).as(doctor.out() + doctor.err()).isZero();
    assertThat(doctor.out())
        .contains("ok    credentials marketing")
        .contains("ok    storage sales")
        .contains("ok    lake formation grants")
        .contains("ok    spark");
    // The storage probe went through Iceberg's S3FileIO, signed with the producer's credentials.
    assertThat(aws.calls("s3", "PutObject"))
        .anySatisfy(
            c -> {
              assertThat(c.account()).isEqualTo(LoopbackMesh.SALES);
            });
  }

  @Test
  void anUnreachableEndpointOrMissingCredentialsAreClearErrors() throws Exception {
    Map<String, String> unreachable = new LinkedHashMap<>(mesh.properties());
    unreachable.put("endpoint.glue", "http://127.0.0.1:" + closedPort());
    Run list =
        cli(
            "catalog",
            "list",
            "--config",
            AwsConfigFiles.write(dir.resolve("down.conf"), unreachable, "").toString());
    assertThat(list.exit()).as(list.err()).isEqualTo(1);
    assertThat(list.err())
        .contains("glue:GetDatabases")
        .contains("account governance (" + LoopbackMesh.GOVERNANCE + ")");
    CLASS_ERRORS.forEach(e -> assertThat(list.err()).doesNotContain(e));

    Map<String, String> noProfiles = new LinkedHashMap<>(mesh.properties());
    noProfiles.put(
        "profile-file", Files.writeString(dir.resolve("empty-aws-config"), "").toString());
    Run missing =
        cli(
            "catalog",
            "list",
            "--config",
            AwsConfigFiles.write(dir.resolve("nocreds.conf"), noProfiles, "").toString());
    assertThat(missing.exit()).as(missing.err()).isEqualTo(2);
    assertThat(missing.err()).contains("AWS profile 'lakemesh-").contains("does not exist");
    CLASS_ERRORS.forEach(e -> assertThat(missing.err()).doesNotContain(e));
  }

  /** Runs the CLI as bin/lakemesh does: the job jar first, then the classpath it was built with. */
  private Run cli(String... args) throws IOException, InterruptedException {
    Path jar = MODULE.resolve("target/lakemesh-jobs.jar");
    String classpath =
        jar
            + File.pathSeparator
            + Files.readString(MODULE.resolve("target/spark-classpath.txt")).trim();
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    command.addAll(Arrays.asList(System.getProperty("spark.jvm.opens", "").trim().split("\\s+")));
    // The JIT's first tier only, as bin/lakemesh gives the catalog commands.
    Arrays.stream(System.getProperty("test.jvm.flags", "").split("\\s+"))
        .filter(f -> !f.isEmpty())
        .forEach(command::add);
    command.addAll(
        List.of(
            // The loopback S3 takes plain uploads; AWS's own S3 needs no such flag.
            "-Daws.requestChecksumCalculation=WHEN_REQUIRED",
            "-Daws.responseChecksumValidation=WHEN_REQUIRED",
            "-Dlakemesh.root=" + MODULE.getParent(),
            "-Dlog4j2.configurationFile=" + MODULE.getParent().resolve("conf/log4j2.properties"),
            "-cp",
            classpath,
            "io.lakemesh.cli.LakemeshCli"));
    command.addAll(Arrays.asList(args));
    command.addAll(List.of("--home", dir.resolve("home").toString()));
    Path out = Files.createTempFile(dir, "cli", ".out");
    Path err = Files.createTempFile(dir, "cli", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("AWS_") || k.startsWith("LAKEMESH_") || k.startsWith("SPARK_"));
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "lakemesh " + String.join(" ", args) + " did not finish\n" + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
