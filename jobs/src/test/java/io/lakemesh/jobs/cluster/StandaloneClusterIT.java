package io.lakemesh.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.runtime.SparkSessions;
import io.lakemesh.runtime.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job jar, unchanged, on a real Spark standalone cluster (master and worker in their own JVMs,
 * Spark from the Maven artifacts only) publishes exactly what it publishes in local mode. Needs the
 * packaged jar, hence an integration test that runs after {@code package}.
 */
class StandaloneClusterIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path REPO = MODULE.getParent();
  private static final Path JOB_JAR = MODULE.resolve("target/lakemesh-jobs.jar");
  private static final Path WORK = MODULE.resolve("target/standalone-cluster");
  private static final Path LOGS = WORK.resolve("logs");
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> opens;
  private static List<String> jit;
  private static Path jobJar;
  private static SparkHome spark;
  private static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    String flags = System.getProperty("spark.jvm.opens", "").trim();
    assertThat(flags)
        .as("system property spark.jvm.opens (the parent pom's --add-opens list)")
        .isNotEmpty();
    opens = List.of(flags.split("\\s+"));
    // The test JVM's JIT settings (the first tier only), for every JVM of the cluster and the jobs:
    // the second tier doubles the CPU time of a process this short and changes nothing it does.
    jit =
        Arrays.stream(System.getProperty("test.jvm.flags", "").split("\\s+"))
            .filter(f -> !f.isEmpty())
            .toList();
    assertThat(JOB_JAR).as("the job jar; build it with mvn package").isRegularFile();
    deleteRecursively(WORK);
    // Submitted from a copy: a build running meanwhile in the same tree rewrites target/.
    jobJar = Files.copy(JOB_JAR, Files.createDirectories(WORK).resolve(JOB_JAR.getFileName()));
    spark = SparkHome.resolve(WORK.resolve("spark-home"), REPO.resolve("pom.xml"), LOGS);
    cluster = StandaloneCluster.start(spark, LOGS, jvmFlags("-Xmx512m"), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void jobJarPublishesOnAStandaloneClusterWhatItPublishesLocally() throws Exception {
    Path clusterHome = WORK.resolve("home-cluster");
    JsonNode onCluster = runJob("driver-cluster", cluster.url(), clusterHome);
    assertTasksRanOnTheWorker();

    Path localHome = WORK.resolve("home-local");
    JsonNode locally = runJob("driver-local", "local[2]", localHome);

    long rows = onCluster.path("outputRows").asLong();
    assertThat(rows)
        .as("output rows on the cluster")
        .isPositive()
        .isEqualTo(locally.path("outputRows").asLong());
    SparkSession reader =
        SparkSession.builder()
            .master("local[1]")
            .appName("compare published tables")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
    try {
      Published fromCluster = Published.read(reader, clusterHome);
      Published fromLocal = Published.read(reader, localHome);
      assertThat(fromCluster.rows()).hasSize((int) rows);
      assertThat(fromCluster.schema()).isEqualTo(fromLocal.schema());
      assertThat(fromCluster.rows()).containsExactlyElementsOf(fromLocal.rows());
    } finally {
      reader.stop();
    }
  }

  /** Submits {@code lakemesh run sales.orders} with spark-submit and returns its JSON report. */
  private static JsonNode runJob(String name, String master, Path home) throws Exception {
    List<String> args =
        List.of(
            "--master",
            master,
            "--deploy-mode",
            "client",
            "--class",
            "io.lakemesh.cli.LakemeshCli",
            "--conf",
            "spark.executor.extraJavaOptions=" + String.join(" ", jvmFlags()),
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.executor.memory=1g",
            "--conf",
            "spark.cores.max=2",
            jobJar.toString(),
            "run",
            "sales.orders",
            "--home",
            home.toString(),
            "--json");
    ChildProcess driver =
        spark.start(
            name,
            LOGS,
            jvmFlags(
                "-Xmx2g",
                "-Dlakemesh.root=" + REPO,
                "-Dlog4j2.configurationFile=" + REPO.resolve("conf/log4j2.properties")),
            "org.apache.spark.deploy.SparkSubmit",
            args);
    int exit = driver.awaitExit(JOB_TIMEOUT);
    String stdout = driver.stdout();
    assertThat(exit).as(() -> name + " exit code\n" + stdout + "\n" + driver.stderrTail()).isZero();
    assertThat(stdout)
        .as(() -> name + " printed no JSON report\n" + driver.stderrTail())
        .contains("{");
    JsonNode report = JSON.readTree(stdout.substring(stdout.indexOf('{')));
    assertThat(report.path("status").asText())
        .as(() -> name + " report\n" + stdout)
        .isEqualTo("PUBLISHED");
    return report;
  }

  /**
   * Evidence that local mode cannot fake: the master saw the application come and go, the worker
   * ran an executor for it, and that executor's own log shows tasks.
   */
  private static void assertTasksRanOnTheWorker() throws Exception {
    JsonNode app =
        cluster.await(
            "completed application on the master",
            Duration.ofSeconds(30),
            () -> cluster.masterState().flatMap(s -> elements(s, "completedapps").findFirst()));
    String appId = app.path("id").asText();
    assertThat(app.path("state").asText()).as(() -> "state of " + app).isEqualTo("FINISHED");

    JsonNode worker =
        cluster.workerState().orElseThrow(() -> new AssertionError("worker /json/ unreachable"));
    List<String> executorApps =
        Stream.concat(elements(worker, "executors"), elements(worker, "finishedexecutors"))
            .map(e -> e.path("appid").asText())
            .toList();
    assertThat(executorApps)
        .as(() -> "applications the worker ran executors for\n" + worker)
        .contains(appId);

    Path appWork = spark.dir().resolve("work").resolve(appId);
    assertThat(executorLogs(appWork))
        .as(() -> "executor logs under " + appWork)
        .anyMatch(log -> log.contains("Running task"));
  }

  private static List<String> executorLogs(Path appWork) throws IOException {
    try (Stream<Path> files = Files.walk(appWork)) {
      return files
          .filter(p -> p.getFileName().toString().equals("stderr"))
          .map(ChildProcess::read)
          .toList();
    }
  }

  /**
   * The published table, read back through the catalog wiring the job derives from the same config
   * and home (which database file holds Iceberg's rows is the runtime's business).
   */
  private record Published(String schema, List<String> rows) {
    static Published read(SparkSession base, Path home) {
      Warehouse warehouse =
          LakemeshConfig.load(REPO.resolve("conf/lakemesh.conf"), home).warehouse();
      SparkSession session = SparkSessions.forAccounts(base, warehouse, List.of("sales"));
      try {
        Dataset<Row> table = session.table("sales.sales.orders");
        List<String> rows = table.collectAsList().stream().map(Row::toString).sorted().toList();
        return new Published(table.schema().toDDL(), rows);
      } finally {
        SparkSessions.closeCatalogs(session, List.of("sales"));
      }
    }
  }

  private static List<String> jvmFlags(String... extra) {
    List<String> flags = new ArrayList<>(Arrays.asList(extra));
    flags.addAll(opens);
    flags.addAll(jit);
    return flags;
  }

  private static Stream<JsonNode> elements(JsonNode node, String field) {
    return StreamSupport.stream(node.path(field).spliterator(), false);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
