package io.lakemesh.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** A Spark standalone master and one worker on loopback, each in its own JVM. */
final class StandaloneCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int masterPort;
  private final int masterUiPort;
  private final int workerUiPort;
  private ChildProcess master;
  private ChildProcess worker;

  private StandaloneCluster(int masterPort, int masterUiPort, int workerUiPort) {
    this.masterPort = masterPort;
    this.masterUiPort = masterUiPort;
    this.workerUiPort = workerUiPort;
  }

  /** Starts both daemons and returns once the worker has registered with the master. */
  static StandaloneCluster start(
      SparkHome spark, Path logs, List<String> jvmFlags, Duration timeout)
      throws InterruptedException {
    StandaloneCluster cluster = new StandaloneCluster(freePort(), freePort(), freePort());
    // A test JVM killed before @AfterAll must not leave daemons and executors behind.
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
    try {
      cluster.master =
          spark.start(
              "master",
              logs,
              jvmFlags,
              "org.apache.spark.deploy.master.Master",
              List.of(
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(cluster.masterPort),
                  "--webui-port",
                  Integer.toString(cluster.masterUiPort)));
      cluster.worker =
          spark.start(
              "worker",
              logs,
              jvmFlags,
              "org.apache.spark.deploy.worker.Worker",
              List.of(
                  cluster.url(),
                  "--host",
                  "127.0.0.1",
                  "--cores",
                  "2",
                  "--memory",
                  "2g",
                  "--webui-port",
                  Integer.toString(cluster.workerUiPort),
                  "--work-dir",
                  spark.dir().resolve("work").toString()));
      cluster.await(
          "a worker registered with the master",
          timeout,
          () -> cluster.masterState().filter(s -> s.path("aliveworkers").asInt() >= 1));
      return cluster;
    } catch (RuntimeException | Error | InterruptedException e) {
      // The caller never gets the cluster to close.
      cluster.close();
      throw e;
    }
  }

  String url() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The master's {@code /json/} page: workers, active and completed applications. */
  Optional<JsonNode> masterState() {
    return state(masterUiPort);
  }

  /**
   * The worker's {@code /json/} page: running and finished executors with their application ids.
   */
  Optional<JsonNode> workerState() {
    return state(workerUiPort);
  }

  /**
   * Polls until {@code probe} yields a value; fails early, with the daemons' logs, if one of them
   * has died, since then the wait could only time out.
   */
  <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      for (ChildProcess daemon : List.of(master, worker)) {
        if (!daemon.isAlive()) {
          throw new AssertionError(
              "waiting for " + what + ", a cluster daemon exited\n" + daemon.stderrTail());
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "no "
            + what
            + " within "
            + timeout
            + "\n"
            + master.stderrTail()
            + "\n"
            + worker.stderrTail());
  }

  @Override
  public synchronized void close() {
    Stream.of(worker, master).filter(Objects::nonNull).forEach(ChildProcess::kill);
  }

  private static Optional<JsonNode> state(int uiPort) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? Optional.of(JSON.readTree(response.body()))
          : Optional.empty();
    } catch (IOException e) {
      // Not listening yet.
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
