package io.lakemesh.client;

import io.lakemesh.exceptions.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A catalog server as a client reaches it: its URL, the certificates its TLS certificate is checked
 * against (a CA's, or the server's own self-signed one; none: the JDK's trusted CAs), and whether
 * plain {@code http://} to a host other than this machine is allowed. Every request carries a
 * bearer token, which plain http shows to anyone on the network, so that is refused unless asked
 * for by name.
 */
public record ServerEndpoint(URI url, Path trustedCertificates, boolean allowInsecureHttp) {
  /**
   * Catalog property (and {@code lakemesh.catalog.tls.ca}): PEM file of the certificates to trust.
   */
  public static final String TLS_CA = "tls.ca";

  /** Catalog property (and {@code lakemesh.catalog.allow-insecure-http}). */
  public static final String ALLOW_INSECURE_HTTP = "allow-insecure-http";

  /** The same switch from the environment, for scripts that cannot change the config. */
  public static final String ALLOW_INSECURE_HTTP_ENV = "LAKEMESH_ALLOW_INSECURE_HTTP";

  public ServerEndpoint {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new InvalidConfigException(
          "lakemesh.catalog.url",
          "not a catalog server URL: '"
              + url
              + "' (expected https://HOST:PORT, or http://127.0.0.1:PORT)");
    }
    if (trustedCertificates != null && !Files.isReadable(trustedCertificates)) {
      throw new InvalidConfigException(
          "lakemesh.catalog." + TLS_CA,
          "cannot read the trusted certificates file "
              + trustedCertificates
              + ": give a PEM file of the server's certificate or of the CA that signed it");
    }
    if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(url.getHost())) {
      throw new InvalidConfigException(
          "lakemesh.catalog.url",
          "refusing to send an access token in clear text to "
              + url.getScheme()
              + "://"
              + url.getHost()
              + (url.getPort() < 0 ? "" : ":" + url.getPort())
              + ": use https:// (start the server with 'lakemesh serve --tls-cert FILE --tls-key FILE'"
              + " or --keystore, and set lakemesh.catalog.tls.ca to its certificate if no public CA signed it),"
              + " or, on a network you trust, set lakemesh.catalog."
              + ALLOW_INSECURE_HTTP
              + " = true (or "
              + ALLOW_INSECURE_HTTP_ENV
              + "=true)");
    }
  }

  /** A server with the JDK's trusted CAs and no plain http beyond this machine. */
  public static ServerEndpoint of(URI url) {
    return new ServerEndpoint(url, null, false);
  }

  /**
   * The endpoint that catalog properties describe: {@code url}, {@code tls.ca} and {@code
   * allow-insecure-http} (or the environment variable {@value #ALLOW_INSECURE_HTTP_ENV}).
   */
  public static ServerEndpoint of(Map<String, String> properties) {
    String ca = properties.getOrDefault(TLS_CA, "");
    String insecure = properties.getOrDefault(ALLOW_INSECURE_HTTP, "");
    if (insecure.isBlank()) {
      insecure = System.getenv().getOrDefault(ALLOW_INSECURE_HTTP_ENV, "");
    }
    return new ServerEndpoint(
        URI.create(properties.getOrDefault(HttpCatalog.URL, "").strip()),
        ca.isBlank() ? null : Path.of(ca.strip()),
        Boolean.parseBoolean(insecure.strip()));
  }

  /** An HTTP client that trusts the configured certificates (or the JDK's CAs). */
  HttpClient client() {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10));
    if (trustedCertificates != null) {
      builder.sslContext(trusting(trustedCertificates));
    }
    return builder.build();
  }

  private static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new InvalidConfigException("lakemesh.catalog." + TLS_CA, "no certificate in " + pem);
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("trusted-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigException(
          "lakemesh.catalog." + TLS_CA,
          "cannot read the trusted certificates in "
              + pem
              + " (expected PEM, -----BEGIN CERTIFICATE-----): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Whether the host is this machine: {@code localhost} or a loopback address literal. Other names
   * are not resolved (a name can point anywhere), so they count as remote.
   */
  static boolean isLoopback(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
