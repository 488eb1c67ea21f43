package io.lakemesh.server;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.GovernanceCatalogTests;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog contract through {@link io.lakemesh.client.HttpCatalog}, against a real catalog
 * server on loopback over a SQLite file: every call is an HTTP request with a principal's token,
 * and the server applies the rules (see {@link ProducersOverHttp} for whose token each carries).
 *
 * <p>The governance storage contract ({@code GovernanceStorageTests}) is not run through the
 * server, deliberately: it writes grants, LF-tags, links, requests, audit events and tokens as
 * given (any grantor, any state, events of any log), which is exactly what the server lets no
 * client do. Those change only through the governance rules, which the server serves and which
 * {@code AuthorisationMatrixOverHttpTest} and {@code StoryOverHttpTest} run over HTTP; the storage
 * contract itself runs on the backend the server stores into (SQLite and PostgreSQL, in
 * catalog-jdbc).
 */
class HttpCatalogContractTest extends GovernanceCatalogTests {
  @TempDir Path dir;

  /** The properties of a fresh backend for the server. */
  protected Map<String, String> newBackend() {
    return Map.of("uri", "jdbc:sqlite:" + dir.resolve("catalog-" + System.nanoTime() + ".db"));
  }

  @Override
  protected GovernanceCatalog newCatalog() {
    return new ProducersOverHttp(newBackend());
  }
}
