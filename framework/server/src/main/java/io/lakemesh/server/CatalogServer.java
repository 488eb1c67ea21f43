package io.lakemesh.server;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.governance.rules.Governance;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The governance catalog server: Jetty's core HTTP server (no servlet container) with the API, the
 * OpenAPI description, {@code /health} and the web UI. Requests run on a bounded thread pool;
 * stopping lets requests in flight finish (up to the stop timeout) and refuses new ones.
 */
public final class CatalogServer implements AutoCloseable {
  private final Server jetty;
  private final ServerConnector connector;

  private CatalogServer(Server jetty, ServerConnector connector) {
    this.jetty = jetty;
    this.connector = connector;
  }

  /** What a server is started with; the defaults suit one team's catalog. */
  public record Options(
      String host,
      int port,
      int maxThreads,
      long maxRequestBytes,
      Duration stopTimeout,
      Consumer<String> requestLog) {
    public static Options defaults() {
      return new Options("127.0.0.1", 8181, 32, 1 << 20, Duration.ofSeconds(15), System.err::println);
    }

    public Options port(int value) {
      return new Options(host, value, maxThreads, maxRequestBytes, stopTimeout, requestLog);
    }

    public Options host(String value) {
      return new Options(value, port, maxThreads, maxRequestBytes, stopTimeout, requestLog);
    }

    public Options maxRequestBytes(long value) {
      return new Options(host, port, maxThreads, value, stopTimeout, requestLog);
    }

    public Options requestLog(Consumer<String> value) {
      return new Options(host, port, maxThreads, maxRequestBytes, stopTimeout, value);
    }
  }

  /** Starts a server over the rules and the catalog they use (for its access tokens). */
  public static CatalogServer start(Governance governance, GovernanceCatalog catalog, Options options) {
    QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads(), Math.min(4, options.maxThreads()));
    threads.setName("lakemesh-server");
    Server jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(options.host());
    connector.setPort(options.port());
    connector.setIdleTimeout(60_000);
    jetty.addConnector(connector);
    ApiHandler api =
        new ApiHandler(
            new ApiRoutes(governance).router(),
            governance,
            new AccessTokens(catalog),
            options.maxRequestBytes(),
            options.requestLog());
    jetty.setHandler(new GracefulHandler(api));
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
          "cannot start the catalog server on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    return new CatalogServer(jetty, connector);
  }

  /** The port it listens on (the one chosen when started with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  public URI uri() {
    String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    return URI.create("http://" + host + ":" + port());
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
      throw new ExternalServiceException("catalog server did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
