package io.lakemesh.server;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.iceberg.AccountCatalogs;
import io.lakemesh.server.iceberg.CurrentTables;
import io.lakemesh.server.iceberg.IcebergRest;
import io.lakemesh.server.iceberg.MeshCatalogs;
import io.lakemesh.server.iceberg.OwnCatalogs;
import io.lakemesh.server.iceberg.PrincipalCatalogs;
import io.lakemesh.server.iceberg.TableCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The governance catalog server: Jetty's core HTTP server (no servlet container) with the API, the
 * OpenAPI description, {@code /health}, the web UI and the Iceberg REST catalog ({@code
 * /iceberg/v1}), over HTTPS when given a certificate. Requests run on a bounded thread pool; a
 * request's body is read before it takes a thread, at a minimum data rate, and each token has a
 * bounded number of requests in flight. Stopping lets requests in flight finish (up to the stop
 * timeout) and refuses new ones.
 */
public final class CatalogServer implements AutoCloseable {
  // How often counted refusals are appended and the logs' heads checkpointed while serving.
  private static final Duration AUDIT_FLUSH = Duration.ofSeconds(30);

  private final Server jetty;
  private final ServerConnector connector;
  private final boolean https;
  private final Governance governance;
  private final ScheduledExecutorService auditFlush;

  private CatalogServer(
      Server jetty,
      ServerConnector connector,
      boolean https,
      Governance governance,
      ScheduledExecutorService auditFlush) {
    this.jetty = jetty;
    this.connector = connector;
    this.https = https;
    this.governance = governance;
    this.auditFlush = auditFlush;
  }

  /**
   * Starts a server over the rules and the catalog they use (for its access tokens), without the
   * accounts' warehouses: its Iceberg REST catalog shows no tables.
   */
  public static CatalogServer start(
      Governance governance, GovernanceCatalog catalog, CatalogServerOptions options) {
    return start(governance, catalog, options, OwnCatalogs.noWarehouses(), TableCredentials.none());
  }

  /**
   * Starts a server whose Iceberg REST catalog ({@code /iceberg}) serves the accounts' tables in
   * {@code warehouses} (which the caller closes after the server), handing them to engines with the
   * storage settings {@code credentials} gives: a producer's own tables to it, and what a principal
   * was granted through its links (see {@link MeshCatalogs}).
   */
  public static CatalogServer start(
      Governance governance,
      GovernanceCatalog catalog,
      CatalogServerOptions options,
      AccountCatalogs warehouses,
      TableCredentials credentials) {
    CurrentTables tables = new CurrentTables(warehouses);
    return start(
        governance,
        catalog,
        options,
        rules -> new ApiRoutes(rules).router(),
        rules -> new MeshCatalogs(rules, warehouses, tables),
        credentials);
  }

  /** Starts a server with the given API routes, built per request over the token's rules. */
  static CatalogServer start(
      Governance governance,
      GovernanceCatalog catalog,
      CatalogServerOptions options,
      Function<Governance, Router> routes) {
    return start(
        governance,
        catalog,
        options,
        routes,
        rules -> new MeshCatalogs(rules, OwnCatalogs.noWarehouses()),
        TableCredentials.none());
  }

  private static CatalogServer start(
      Governance governance,
      GovernanceCatalog catalog,
      CatalogServerOptions options,
      Function<Governance, Router> routes,
      Function<Governance, PrincipalCatalogs> icebergCatalogs,
      TableCredentials credentials) {
    QueuedThreadPool threads =
        new QueuedThreadPool(options.maxThreads(), Math.min(4, options.maxThreads()));
    threads.setName("lakemesh-server");
    Server jetty = new Server(threads);
    ServerConnector connector = connector(jetty, options);
    jetty.addConnector(connector);
    AccessTokens tokens = new AccessTokens(catalog, governance);
    ApiHandler api =
        new ApiHandler(
            routes,
            governance,
            tokens,
            options.maxRequestBytes(),
            options.requestLog(),
            new IcebergRest(icebergCatalogs, credentials, tokens));
    // Outermost first: headers on every answer, the per-token limit from the body's first byte,
    // the minimum data rate on every read, the body read before the API handler takes a thread.
    jetty.setHandler(
        new GracefulHandler(
            new SecurityHeaders(
                new TokenConcurrency(
                    new MinimumDataRateHandler(
                        new EagerContentHandler(api, new BufferedBodies(options.maxRequestBytes())),
                        options.minRequestBytesPerSecond(),
                        0),
                    options.maxInFlightPerToken(),
                    new RequestLog(options.requestLog())))));
    jetty.setErrorHandler(quietErrors());
    jetty.setStopTimeout(options.stopTimeout().toMillis());
    jetty.setStopAtShutdown(false);
    try {
      jetty.start();
    } catch (Exception e) {
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // Nothing started that needs stopping.
      }
      throw new ExternalServiceException(
          "cannot start the catalog server on "
              + options.host()
              + ":"
              + options.port()
              + ": "
              + e.getMessage(),
          e);
    }
    ScheduledExecutorService flush =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lakemesh-audit-flush");
              t.setDaemon(true);
              return t;
            });
    flush.scheduleWithFixedDelay(
        () -> flushAudit(governance, false),
        AUDIT_FLUSH.toMillis(),
        AUDIT_FLUSH.toMillis(),
        TimeUnit.MILLISECONDS);
    return new CatalogServer(jetty, connector, options.tls() != null, governance, flush);
  }

  private static void flushAudit(Governance governance, boolean all) {
    try {
      governance.flushAudit(all);
    } catch (RuntimeException e) {
      // The next flush tries again; counts stay pending until then.
      System.err.println("lakemesh: audit flush failed: " + e.getMessage());
    }
  }

  /**
   * HTTP/1.1, over TLS when the options have a certificate; no Server header naming Jetty's
   * version.
   */
  private static ServerConnector connector(Server jetty, CatalogServerOptions options) {
    HttpConfiguration http = new HttpConfiguration();
    // Iceberg's REST clients separate a namespace's levels with an encoded unit separator (%1F),
    // which Jetty's default URI rules refuse as a suspicious character. An encoded '/' stays
    // refused: it would make a path mean two things.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with("lakemesh", UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    HttpConnectionFactory plain = new HttpConnectionFactory(http);
    ServerConnector connector =
        options.tls() == null
            ? new ServerConnector(jetty, plain)
            : new ServerConnector(
                jetty,
                new SslConnectionFactory(options.tls().contextFactory(), plain.getProtocol()),
                plain);
    connector.setHost(options.host());
    connector.setPort(options.port());
    connector.setIdleTimeout(60_000);
    return connector;
  }

  /** Jetty's own error answers (a malformed request): no stack, no cause, no message in a title. */
  private static ErrorHandler quietErrors() {
    ErrorHandler errors = new ErrorHandler();
    errors.setShowStacks(false);
    errors.setShowCauses(false);
    errors.setShowMessageInTitle(false);
    return errors;
  }

  /** The port it listens on (the one chosen when started with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  public URI uri() {
    String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    return URI.create((https ? "https://" : "http://") + host + ":" + port());
  }

  /** Blocks until the server has stopped. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /** Stops accepting, lets requests in flight finish within the stop timeout, then stops. */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new ExternalServiceException(
          "catalog server did not stop cleanly: " + e.getMessage(), e);
    } finally {
      auditFlush.shutdownNow();
      // Requests are over: every counted refusal goes to its log, and the heads are anchored.
      flushAudit(governance, true);
    }
  }
}
