package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.INVENTORY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stored grant gives access only while its chain of authority is in force: rows put straight into
 * the catalog database (by an operator, or left by an older version) whose authority is gone or was
 * never given give nothing. The rows are written with plain JDBC; checks go through {@link
 * #service}.
 */
class BackstopTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);

  /** The rules as a caller reaches them: in process here; over HTTP in the server's tests. */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aRegrantRowPutBackAfterItsAuthorityEndedGivesNothing(Topology topology) throws SQLException {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(INVENTORY);
      g.grant(PRODUCT, MARKETING, Resource.table(INVENTORY), SELECT, SELECT);
      g.grant(MARKETING, ANALYST, Resource.table(INVENTORY), SELECT);
      Map<String, Object> row = row(world, ANALYST);
      g.revoke(PRODUCT, MARKETING, Resource.table(INVENTORY), SELECT);

      insert(world, row);

      assertThat(stored(world).findGrant(ANALYST, Resource.table(INVENTORY))).isPresent();
      assertRefused(g, ANALYST);
      // A row naming an authority that was never given.
      update(world, "authorisation = 'grant:424242'");
      assertRefused(g, ANALYST);
      // A row passing itself off as the owner's own grant, made by someone else.
      update(world, "authorisation = NULL, grantor = 'marketing'");
      assertRefused(g, ANALYST);
      // The owner's own grant is the root of every chain: the same row by the owner counts.
      update(world, "authorisation = NULL, grantor = 'product'");
      assertThat(g.checkSelect(ANALYST, INVENTORY).allColumns()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aSubscriptionRowPutBackAfterTheRequestWasRevokedGivesNothing(Topology topology)
      throws SQLException {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      AccessRequest active =
          g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      Map<String, Object> row = row(world, MARKETING);
      g.revokeSubscription(SALES, active.id());

      insert(world, row);

      assertThat(stored(world).findGrant(MARKETING, Resource.table(ORDERS))).isPresent();
      assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
      // An ACTIVE request covers only its own requester.
      AccessRequest other =
          g.approve(SALES, g.requestAccess(ANALYST, Resource.table(ORDERS), SELECT).id());
      update(world, "authorisation = 'request:" + other.id() + "'");
      assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(g.checkSelect(ANALYST, ORDERS).allColumns()).isTrue();
    }
  }

  private static void assertRefused(GovernanceService g, Principal reader) {
    assertThatThrownBy(() -> g.checkSelect(reader, INVENTORY))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("missing SELECT");
  }

  private static SupportsGrants stored(MeshWorld world) {
    return (SupportsGrants) world.catalog;
  }

  /** The grantee's only grant row, column by column. */
  private static Map<String, Object> row(MeshWorld world, Principal grantee) throws SQLException {
    try (Connection c = DriverManager.getConnection(world.uri());
        PreparedStatement s = c.prepareStatement("SELECT * FROM lm_grants WHERE grantee = ?")) {
      s.setString(1, grantee.toString());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnName(i), rs.getObject(i));
        }
        assertThat(rs.next()).isFalse();
        return row;
      }
    }
  }

  private static void insert(MeshWorld world, Map<String, Object> row) throws SQLException {
    String sql =
        "INSERT INTO lm_grants ("
            + String.join(", ", row.keySet())
            + ") VALUES ("
            + String.join(", ", row.keySet().stream().map(k -> "?").toList())
            + ")";
    try (Connection c = DriverManager.getConnection(world.uri());
        PreparedStatement s = c.prepareStatement(sql)) {
      List<Object> values = new ArrayList<>(row.values());
      for (int i = 0; i < values.size(); i++) {
        s.setObject(i + 1, values.get(i));
      }
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  /** Changes the row of the table grant to the analyst or to marketing, as a database writer. */
  private static void update(MeshWorld world, String set) throws SQLException {
    try (Connection c = DriverManager.getConnection(world.uri());
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE lm_grants SET "
                    + set
                    + " WHERE grantee IN ('marketing:analyst', 'marketing')"
                    + " AND resource_kind = 'TABLE'")) {
      assertThat(s.executeUpdate()).isGreaterThan(0);
    }
  }
}
