package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.client.HttpCatalog;
import io.lakemesh.client.HttpGovernance;
import io.lakemesh.client.ServerEndpoint;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Principal;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS end to end with lakemesh's own client: a self-signed certificate made by the JDK's keytool,
 * served from PEM files and from a keystore, trusted by the client through {@code tls.ca}; and the
 * client's refusal to send a token over plain http to another host.
 */
class ServerTlsTest {
  private static final String PASSWORD = "test-keystore-password";

  @TempDir Path dir;
  private DemoCatalog demo;
  private Path keystore;
  private Path certificate;
  private Path key;

  @BeforeEach
  void selfSignedCertificate() throws Exception {
    demo = new DemoCatalog(dir).withProducts(2);
    keystore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "lakemesh",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore store = KeyStore.getInstance(keystore.toFile(), PASSWORD.toCharArray());
    certificate =
        pem(
            dir.resolve("server.crt"),
            "CERTIFICATE",
            store.getCertificate("lakemesh").getEncoded());
    key =
        pem(
            dir.resolve("server.key"),
            "PRIVATE KEY",
            store.getKey("lakemesh", PASSWORD.toCharArray()).getEncoded());
  }

  @AfterEach
  void close() {
    demo.close();
  }

  @Test
  void theClientTrustingTheCertificateWorksOverHttpsWithPemFiles() {
    try (CatalogServer server = start(ServerTls.pem(certificate, key))) {
      assertThat(server.uri().getScheme()).isEqualTo("https");
      HttpGovernance client =
          new HttpGovernance(
              new ServerEndpoint(server.uri(), certificate, false),
              demo.governance.mesh(),
              p -> token(SALES));
      assertThat(client.tags("governance"))
          .extracting(LfTag::key)
          .containsExactlyInAnyOrder("domain", "classification");
    }
  }

  @Test
  void theHttpCatalogTrustsTheCertificateNamedByTlsCaOverAKeystoreServer() {
    try (CatalogServer server = start(ServerTls.keystore(keystore, PASSWORD));
        GovernanceCatalog catalog =
            CatalogLoader.load(
                HttpCatalog.TYPE,
                "remote",
                Map.of(
                    HttpCatalog.URL, server.uri().toString(),
                    HttpCatalog.TOKEN, token(SALES),
                    ServerEndpoint.TLS_CA, certificate.toString()))) {
      assertThat(catalog.listDatabases(null)).contains(DatabaseId.of("sales", "sales"));
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefusedTheConnection() {
    try (CatalogServer server = start(ServerTls.pem(certificate, key))) {
      HttpGovernance client =
          new HttpGovernance(server.uri(), demo.governance.mesh(), p -> token(SALES));
      assertThatThrownBy(() -> client.requests(SALES))
          .isInstanceOf(ExternalServiceException.class)
          .hasMessageContaining("unreachable");
    }
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefusedAtStart() throws Exception {
    Path other = dir.resolve("other.p12");
    new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair",
            "-alias",
            "other",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=other",
            "-keystore",
            other.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            PASSWORD)
        .redirectErrorStream(true)
        .start()
        .waitFor(60, TimeUnit.SECONDS);
    KeyStore store = KeyStore.getInstance(other.toFile(), PASSWORD.toCharArray());
    Path otherKey =
        pem(
            dir.resolve("other.key"),
            "PRIVATE KEY",
            store.getKey("other", PASSWORD.toCharArray()).getEncoded());
    assertThatThrownBy(() -> ServerTls.pem(certificate, otherKey))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("does not belong to the certificate");
  }

  @Test
  void plainHttpToAnotherHostIsRefusedUnlessAllowedByName() {
    for (String remote : List.of("http://catalog.example.com:8181", "http://10.1.2.3:8181")) {
      assertThatThrownBy(() -> ServerEndpoint.of(URI.create(remote)))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("refusing to send an access token in clear text")
          .hasMessageContaining("https://")
          .hasMessageContaining("lakemesh.catalog.allow-insecure-http = true");
      assertThatThrownBy(
              () ->
                  CatalogLoader.load(
                      HttpCatalog.TYPE,
                      "remote",
                      Map.of(HttpCatalog.URL, remote, HttpCatalog.TOKEN, "lmt_x_y")))
          .isInstanceOf(InvalidConfigException.class);
      assertThat(
              ServerEndpoint.of(
                      Map.of(HttpCatalog.URL, remote, ServerEndpoint.ALLOW_INSECURE_HTTP, "true"))
                  .allowInsecureHttp())
          .isTrue();
    }
    for (String local :
        List.of(
            "http://127.0.0.1:8181",
            "http://localhost:8181",
            "http://[::1]:8181",
            "https://catalog.example.com")) {
      assertThat(ServerEndpoint.of(URI.create(local)).url()).isEqualTo(URI.create(local));
    }
  }

  private CatalogServer start(ServerTls tls) {
    return CatalogServer.start(
        demo.governance,
        demo.catalog,
        CatalogServerOptions.defaults().port(0).requestLog(line -> {}).tls(tls));
  }

  private String token(Principal principal) {
    return new AccessTokens(demo.catalog, demo.governance)
        .issue(principal, Duration.ofHours(1), "test")
        .text();
  }

  private static Path pem(Path file, String type, byte[] der) throws IOException {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    return file;
  }
}
