package io.lakemesh.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog whose requests were stored before migration V9 keeps them: they read back with no
 * justification, and they can be decided and asked again with one.
 */
class RequestsBeforeJustificationsTest {
  @TempDir Path dir;

  @Test
  void aRequestStoredBeforeV9ReadsBackWithoutAJustificationAndTakesOneWhenAskedAgain()
      throws Exception {
    String uri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    OlderCatalogs.migrateTo(uri, "8");
    try (Connection c = DriverManager.getConnection(uri);
        Statement s = c.createStatement()) {
      s.executeUpdate(OlderCatalogs.PENDING_REQUEST);
    }

    try (GovernanceCatalog catalog = CatalogLoader.load("jdbc", "test", Map.of("uri", uri))) {
      SupportsAccessRequests requests = (SupportsAccessRequests) catalog;
      AccessRequest stored = requests.findRequest(1).orElseThrow();
      Instant at = Instant.parse("2026-12-01T09:00:00Z");
      TableId orders = TableId.of("sales", "sales", "orders");
      assertThat(stored)
          .isEqualTo(
              AccessRequest.pending(
                      Principal.administrator("marketing"),
                      Resource.table(orders),
                      Set.of(Permission.SELECT),
                      at)
                  .withId(1));
      assertThat(stored.justification()).isEmpty();

      AccessRequest active =
          stored.approved(
              Principal.administrator("sales"),
              Resource.table(orders),
              Set.of(Permission.SELECT),
              at.plusSeconds(60));
      requests.updateRequest(active, AccessRequest.State.PENDING);
      AccessRequest revoked = active.revoked(Principal.administrator("sales"), at.plusSeconds(120));
      requests.updateRequest(revoked, AccessRequest.State.ACTIVE);
      requests.updateRequest(
          revoked.reopened(
              Resource.table(orders),
              Set.of(Permission.SELECT),
              "Back for Q2.",
              at.plusSeconds(180)),
          AccessRequest.State.REVOKED);
      assertThat(requests.findRequest(1).orElseThrow().justification()).isEqualTo("Back for Q2.");
    }
  }
}
