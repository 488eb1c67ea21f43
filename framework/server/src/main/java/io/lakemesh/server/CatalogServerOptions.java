package io.lakemesh.server;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a {@link CatalogServer} is started with; the defaults suit one team's catalog.
 *
 * @param minRequestBytesPerSecond a body arriving slower than this is cut off (408); 0: no minimum
 * @param maxInFlightPerToken requests one token may have in flight at once; 0: no limit
 * @param tls the certificate and key to answer HTTPS with; null: plain HTTP
 */
public record CatalogServerOptions(
    String host,
    int port,
    int maxThreads,
    long maxRequestBytes,
    Duration stopTimeout,
    Consumer<String> requestLog,
    long minRequestBytesPerSecond,
    int maxInFlightPerToken,
    ServerTls tls) {
  public static CatalogServerOptions defaults() {
    return new CatalogServerOptions(
        "127.0.0.1", 8181, 32, 1 << 20, Duration.ofSeconds(15), System.err::println, 1024, 8, null);
  }

  public CatalogServerOptions port(int value) {
    return new CatalogServerOptions(
        host,
        value,
        maxThreads,
        maxRequestBytes,
        stopTimeout,
        requestLog,
        minRequestBytesPerSecond,
        maxInFlightPerToken,
        tls);
  }

  public CatalogServerOptions host(String value) {
    return new CatalogServerOptions(
        value,
        port,
        maxThreads,
        maxRequestBytes,
        stopTimeout,
        requestLog,
        minRequestBytesPerSecond,
        maxInFlightPerToken,
        tls);
  }

  public CatalogServerOptions maxThreads(int value) {
    return new CatalogServerOptions(
        host,
        port,
        value,
        maxRequestBytes,
        stopTimeout,
        requestLog,
        minRequestBytesPerSecond,
        maxInFlightPerToken,
        tls);
  }

  public CatalogServerOptions maxRequestBytes(long value) {
    return new CatalogServerOptions(
        host,
        port,
        maxThreads,
        value,
        stopTimeout,
        requestLog,
        minRequestBytesPerSecond,
        maxInFlightPerToken,
        tls);
  }

  /**
   * How long stopping waits for requests in flight (and for clients to close their idle
   * connections) before it closes what is left.
   */
  public CatalogServerOptions stopTimeout(Duration value) {
    return new CatalogServerOptions(
        host,
        port,
        maxThreads,
        maxRequestBytes,
        value,
        requestLog,
        minRequestBytesPerSecond,
        maxInFlightPerToken,
        tls);
  }

  public CatalogServerOptions requestLog(Consumer<String> value) {
    return new CatalogServerOptions(
        host,
        port,
        maxThreads,
        maxRequestBytes,
        stopTimeout,
        value,
        minRequestBytesPerSecond,
        maxInFlightPerToken,
        tls);
  }

  public CatalogServerOptions minRequestBytesPerSecond(long value) {
    return new CatalogServerOptions(
        host,
        port,
        maxThreads,
        maxRequestBytes,
        stopTimeout,
        requestLog,
        value,
        maxInFlightPerToken,
        tls);
  }

  public CatalogServerOptions maxInFlightPerToken(int value) {
    return new CatalogServerOptions(
        host,
        port,
        maxThreads,
        maxRequestBytes,
        stopTimeout,
        requestLog,
        minRequestBytesPerSecond,
        value,
        tls);
  }

  public CatalogServerOptions tls(ServerTls value) {
    return new CatalogServerOptions(
        host,
        port,
        maxThreads,
        maxRequestBytes,
        stopTimeout,
        requestLog,
        minRequestBytesPerSecond,
        maxInFlightPerToken,
        value);
  }
}
