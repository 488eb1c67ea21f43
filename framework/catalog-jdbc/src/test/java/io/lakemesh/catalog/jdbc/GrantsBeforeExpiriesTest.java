package io.lakemesh.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Grant;
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
 * A catalog whose grants and requests were stored before migration V11 keeps them: they read back
 * as never expiring, and the sweep finds nothing to tell about them.
 */
class GrantsBeforeExpiriesTest {
  @TempDir Path dir;

  @Test
  void aGrantAndARequestStoredBeforeV11NeverExpire() throws Exception {
    String uri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    OlderCatalogs.migrateTo(uri, "10");
    TableId orders = TableId.of("sales", "sales", "orders");
    try (Connection c = DriverManager.getConnection(uri);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO lm_grants (grant_id, held_in, grantee, grantee_account, resource_kind,"
              + " catalog_name, database_name, table_name, column_mode, columns_json,"
              + " tag_expression, resource_hash, permissions, grantable, grantor, authorisation,"
              + " granted_at) VALUES (1, 'governance', 'marketing', 'marketing', 'TABLE', 'sales',"
              + " 'sales', 'orders', '', '[]', '', '"
              + GrantRows.hash(Resource.table(orders))
              + "', 'SELECT', '', 'sales', NULL, '2026-12-01T09:00:00.000000000Z')");
      s.executeUpdate(OlderCatalogs.PENDING_REQUEST);
    }

    try (GovernanceCatalog catalog = CatalogLoader.load("jdbc", "test", Map.of("uri", uri))) {
      SupportsGrants grants = (SupportsGrants) catalog;
      Grant stored = grants.findGrant(1).orElseThrow();
      assertThat(stored)
          .isEqualTo(
              new Grant(
                  1,
                  "governance",
                  Principal.administrator("marketing"),
                  Resource.table(orders),
                  Set.of(Permission.SELECT),
                  Set.of(),
                  Principal.administrator("sales"),
                  null,
                  Instant.parse("2026-12-01T09:00:00Z")));
      assertThat(stored.expires()).isNull();
      assertThat(stored.notice()).isEqualTo(Grant.ExpiryNotice.NONE);
      assertThat(grants.grantsExpiringBy(Instant.parse("9999-01-01T00:00:00Z"))).isEmpty();
      assertThat(((SupportsAccessRequests) catalog).findRequest(1).orElseThrow().expires())
          .isNull();
    }
  }
}
