package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event subscriptions from the command line: subscribe (a secret printed once), refused with exit 4
 * to a principal that may not describe the product and with exit 2 for an unknown kind; one {@code
 * events deliver} pass reaches a loopback webhook; listings hide the secret.
 */
class EventCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path config;
  private HttpServer receiver;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void ordersAndAReceiver() throws Exception {
    config = RecordedOrders.in(dir);
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  @Test
  void aProducerSubscribesAndOnePassDeliversItsRejectedRun() throws Exception {
    CliRun made =
        run(
            "subscribe --as sales --product sales.orders --events rejected --webhook "
                + url()
                + " --json");
    assertThat(made.code()).as(made.all()).isZero();
    JsonNode subscription = JSON.readTree(made.out());
    assertThat(subscription.path("secret").asText()).matches("[0-9a-f]{64}");
    assertThat(subscription.path("kinds").toString()).isEqualTo("[\"REJECTED\"]");
    long id = subscription.path("id").asLong();

    rejectARun();
    CliRun pass = run("events deliver --json");
    assertThat(pass.code()).as(pass.all()).isZero();
    assertThat(JSON.readTree(pass.out()))
        .isEqualTo(JSON.readTree("{\"delivered\":1,\"failed\":0,\"dead\":0,\"skipped\":0}"));
    assertThat(bodies)
        .singleElement()
        .satisfies(
            b -> {
              JsonNode event = JSON.readTree(b);
              assertThat(event.path("type").asText()).isEqualTo("io.lakemesh.product.rejected");
              assertThat(event.path("data").path("run").asText()).isEqualTo("run-2");
            });
    assertThat(run("events deliver").out().strip())
        .isEqualTo("delivered 0, failed 0 (to retry), dead-lettered 0, skipped 0");

    CliRun listed = run("subscriptions --as sales --json");
    assertThat(JSON.readTree(listed.out()).path(0).path("secret").asText()).isEqualTo("(hidden)");
    assertThat(listed.out()).doesNotContain(subscription.path("secret").asText());
    assertThat(run("events dead-letters --as sales --json").out().strip()).isEqualTo("[ ]");

    CliRun ended = run("unsubscribe-events " + id + " --as sales --json");
    assertThat(ended.code()).as(ended.all()).isZero();
    assertThat(JSON.readTree(ended.out()))
        .isEqualTo(JSON.readTree("{\"unsubscribed\":" + id + "}"));
    assertThat(run("subscriptions --as sales --json").out().strip()).isEqualTo("[ ]");
  }

  @Test
  void aMonitorPassDeliversTooWhereTheCatalogDatabaseIs() throws Exception {
    assertThat(
            run("subscribe --as sales --product sales.orders --events rejected --webhook " + url())
                .code())
        .isZero();
    rejectARun();

    CliRun pass = run("monitor --json");

    assertThat(pass.code()).as(pass.all()).isZero();
    JsonNode report = JSON.readTree(pass.out());
    assertThat(report.path("deliveries"))
        .isEqualTo(JSON.readTree("{\"delivered\":1,\"failed\":0,\"dead\":0,\"skipped\":0}"));
    assertThat(report.path("expired").toString()).isEqualTo("[]");
    assertThat(bodies).singleElement().asString().contains("io.lakemesh.product.rejected");
  }

  @Test
  void aPrincipalThatMayNotDescribeTheProductIsRefusedWithExit4() {
    CliRun refused =
        run("subscribe --as marketing --product sales.orders --events all --webhook " + url());

    assertThat(refused.code()).isEqualTo(4);
    assertThat(refused.err())
        .contains("missing DESCRIBE")
        .contains(
            "bin/lakemesh request-access --as marketing --table sales.orders --perm DESCRIBE");
  }

  @Test
  void anUnknownKindOrAMissingSecretVariableIsBadUsage() {
    CliRun kind =
        run(
            "subscribe --as sales --product sales.orders --events published,nonsense --webhook "
                + url());
    CliRun secret =
        run(
            "subscribe --as sales --product sales.orders --events all --webhook "
                + url()
                + " --secret-env LAKEMESH_TEST_NO_SUCH_VARIABLE");

    assertThat(kind.code()).isEqualTo(2);
    assertThat(kind.err())
        .contains("unknown event kind 'nonsense'; the kinds are published, rejected,");
    assertThat(secret.code()).isEqualTo(2);
    assertThat(secret.err())
        .contains("environment variable LAKEMESH_TEST_NO_SUCH_VARIABLE is not set");
    assertThat(run("subscriptions --as sales --json").out().strip()).isEqualTo("[ ]");
  }

  private void rejectARun() {
    LakemeshConfig c = LakemeshConfig.load(config, dir);
    try (GovernanceCatalog catalog = CatalogLoader.load("jdbc", "test", c.catalogProperties())) {
      Governance.over(c.mesh(Topology.CENTRAL), catalog)
          .recordQualityRun(
              Principal.administrator("sales"),
              new QualityRun(
                  "run-2",
                  PublishedOrders.ORDERS,
                  null,
                  Instant.parse("2026-12-02T09:00:00Z"),
                  QualityRun.Outcome.FAILED,
                  List.of(),
                  List.of()));
    }
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private CliRun run(String command) {
    return CliRun.in(dir, config, command);
  }
}
