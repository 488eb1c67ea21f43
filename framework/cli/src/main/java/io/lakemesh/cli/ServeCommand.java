package io.lakemesh.cli;

import io.lakemesh.aws.StsTableCredentials;
import io.lakemesh.aws.VendingRole;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.UrlCredentials;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.runtime.WarehouseCatalogs;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import io.lakemesh.server.ServerTls;
import io.lakemesh.server.iceberg.TableCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the governance catalog server until interrupted (Ctrl-C or SIGTERM stop it gracefully). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the governance catalog over HTTP or HTTPS: the API (/api/v1, tokens from 'lakemesh token create'),"
          + " its OpenAPI description (/openapi.json), /health, the web UI (/) and the Iceberg REST catalog"
          + " (catalog URI http://HOST:PORT/iceberg, for the producers' own tables).",
      "Every request acts as its token's principal; the server enforces every governance rule.",
      "It serves until stopped and prints only its request log (no --json: there is no result to print)."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8181",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--db",
      paramLabel = "URL",
      description =
          "JDBC URL of the catalog database (default: the config's lakemesh.catalog.uri); jdbc:postgresql://... for shared use.")
  String db;

  @Option(
      names = "--max-request-bytes",
      paramLabel = "N",
      defaultValue = "1048576",
      description = "Largest request body accepted (default: ${DEFAULT-VALUE}).")
  long maxRequestBytes;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "32",
      description = "Request threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--min-request-rate",
      paramLabel = "BYTES_PER_S",
      defaultValue = "1024",
      description =
          "A request body arriving slower than this is cut off with 408 (default: ${DEFAULT-VALUE}; 0: no minimum).")
  long minRequestRate;

  @Option(
      names = "--max-in-flight-per-token",
      paramLabel = "N",
      defaultValue = "8",
      description =
          "Requests one token may have in flight at once; more are answered 429 with Retry-After"
              + " (default: ${DEFAULT-VALUE}; 0: no limit).")
  int maxInFlightPerToken;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "Serve HTTPS with this PEM certificate chain (the server's certificate first); needs --tls-key.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "The PEM (PKCS#8) private key of --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--keystore",
      paramLabel = "FILE",
      description =
          "Serve HTTPS with the key and certificate in this PKCS#12 or JKS keystore; its password from $"
              + ServerTls.KEYSTORE_PASSWORD_ENV
              + ".")
  Path keystore;

  @Option(
      names = "--deliver-every",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Deliver the mesh's events to subscribers this often (default: ${DEFAULT-VALUE}; 0: not here,"
              + " run 'events deliver' instead).")
  long deliverEvery;

  @Mixin EventCommands.DeliveryOptions delivery;

  @Option(
      names = "--monitor-every",
      paramLabel = "INTERVAL",
      defaultValue = "1m",
      description =
          "Check every product's freshness SLA this often, as 'lakemesh monitor' does (default: ${DEFAULT-VALUE};"
              + " off: none, for a mesh whose monitor runs elsewhere).")
  String monitorEvery;

  @Override
  public Integer call() throws InterruptedException {
    Duration watchEvery = FreshnessWatch.interval(monitorEvery);
    try (Environment closing = env;
        GovernanceCatalog catalog = openCatalog();
        WarehouseCatalogs warehouses = new WarehouseCatalogs(env.config().warehouse(), env.mesh());
        StsTableCredentials vending = VendingRole.open(env.config()).orElse(null)) {
      Governance governance = Governance.over(env.mesh(), catalog);
      CatalogServerOptions options =
          CatalogServerOptions.defaults()
              .host(host)
              .port(port)
              .maxThreads(threads)
              .maxRequestBytes(maxRequestBytes)
              .requestLog(System.out::println)
              .minRequestBytesPerSecond(minRequestRate)
              .maxInFlightPerToken(maxInFlightPerToken)
              .tls(tls());
      CatalogServer server =
          CatalogServer.start(
              governance,
              catalog,
              options,
              warehouses,
              vending != null ? vending : TableCredentials.none());
      EventDeliveryTask events = EventDeliveryTask.start(governance, delivery, deliverEvery);
      FreshnessWatch watch = FreshnessWatch.start(watchEvery, governance, System.err::println);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    System.err.println(
                        "lakemesh serve: stopping (requests in flight finish first)");
                    events.close();
                    watch.close();
                    server.close();
                    stopped.countDown();
                  },
                  "lakemesh-serve-stop"));
      System.err.printf(
          "lakemesh serve: %s topology on %s, catalog %s (UI /, API /api/v1, OpenAPI /openapi.json,"
              + " Iceberg REST catalog /iceberg, health /health)%n",
          governance.mesh().topology().configName(),
          server.uri(),
          UrlCredentials.mask(catalogUri()));
      stopped.await();
      return 0;
    }
  }

  /**
   * The certificate to answer HTTPS with, from --tls-cert and --tls-key or --keystore; null: HTTP.
   */
  private ServerTls tls() {
    if (keystore != null && (tlsCert != null || tlsKey != null)) {
      throw new InvalidConfigException(
          "--keystore", "give either --keystore or --tls-cert with --tls-key, not both");
    }
    if (keystore != null) {
      return ServerTls.keystore(keystore, System.getenv(ServerTls.KEYSTORE_PASSWORD_ENV));
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new InvalidConfigException(
          tlsCert == null ? "--tls-cert" : "--tls-key",
          "--tls-cert and --tls-key go together: the PEM certificate chain and its private key");
    }
    return tlsCert == null ? null : ServerTls.pem(tlsCert, tlsKey);
  }

  private String catalogUri() {
    return db != null ? db : env.config().catalogProperties().getOrDefault("uri", "");
  }

  /** The config's catalog (or --db's), with a connection pool as large as the request threads. */
  private GovernanceCatalog openCatalog() {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (db != null) {
      overrides.put("uri", db);
    }
    overrides.put(
        "pool.max-size",
        env.config()
            .catalogProperties()
            .getOrDefault("pool.max-size", Integer.toString(Math.max(2, Math.min(threads, 16)))));
    return Environment.openLocal(
        env.config(), db != null ? "jdbc" : env.config().catalogType(), overrides);
  }
}
