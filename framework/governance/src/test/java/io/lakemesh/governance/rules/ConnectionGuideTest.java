package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.connect.ConnectionGuide;
import io.lakemesh.governance.connect.ConnectionGuides;
import io.lakemesh.governance.connect.Engine;
import io.lakemesh.governance.connect.ReadPath;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "How do I query this" follows the grants as they stand, in every topology: the path a reader is
 * sent down is the one the rules would let it take on its next read.
 */
class ConnectionGuideTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  private static final String SERVER = "https://mesh.example.com";

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aDatabaseSubscriberReadsTheTableThroughItsDatabaseLink(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      g.approve(
          SALES, g.requestAccess(MARKETING, Resource.database(ORDERS.databaseId()), SELECT).id());

      ConnectionGuide guide = guide(g, Engine.TRINO);

      assertThat(guide.readPath()).isEqualTo(ReadPath.ICEBERG_REST);
      assertThat(guide.table()).isEqualTo("sales_link.orders");
      assertThat(guide.linked()).isTrue();
      assertThat(guide.catalogUri()).isEqualTo("https://mesh.example.com/iceberg");
      assertThat(guide.steps())
          .containsExactly(
              "export LAKEMESH_TOKEN=\"$(bin/lakemesh token create --as marketing --description"
                  + " trino)\"   # or a token the server's operator gave you");
      assertThat(guide.query()).isEqualTo("SELECT * FROM mesh.sales_link.orders LIMIT 10");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aTagPolicyIsTableLevelOnlyWhileItShowsEveryColumn(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      world.defineSalesTags();
      g.assignTag(SALES, TagTarget.table(ORDERS), "classification", "internal");
      g.assignTag(SALES, TagTarget.column(ORDERS, "customer_id"), "classification", "confidential");
      g.grant(
          SALES,
          MARKETING,
          Resource.tagPolicy("sales", TagExpression.parse("classification IN (public,internal)")),
          SELECT);
      g.createLink(MARKETING, ResourceLink.defaultTableLink("marketing", ORDERS));

      ConnectionGuide hidingOne = guide(g, Engine.SPARK);
      assertThat(hidingOne.readPath()).isEqualTo(ReadPath.GOVERNED_ENGINES);
      assertThat(hidingOne.steps()).isEmpty();
      assertThat(hidingOne.query())
          .isEqualTo(
              "bin/lakemesh query --as marketing \"SELECT * FROM sales_link.orders LIMIT 10\"");

      // Re-tagged so that the policy shows every column: the same grant now reaches it through
      // REST.
      g.removeTag(SALES, TagTarget.column(ORDERS, "customer_id"), "classification");
      assertThat(guide(g, Engine.SPARK).readPath()).isEqualTo(ReadPath.ICEBERG_REST);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void afterARevokeTheReaderIsSentBackToRequestAccess(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      assertThat(guide(g, Engine.DUCKDB).readPath()).isEqualTo(ReadPath.ICEBERG_REST);

      g.revoke(SALES, MARKETING, Resource.table(ORDERS), SELECT);

      ConnectionGuide guide = guide(g, Engine.DUCKDB);
      assertThat(guide.readPath()).isEqualTo(ReadPath.NO_ACCESS);
      assertThat(guide.steps())
          .containsExactly(
              "bin/lakemesh request-access --as marketing --table sales.orders --perm SELECT");
      assertThat(guide.table()).isEqualTo("sales_link.orders");
      assertThat(guide.linked()).isTrue();
      assertThat(guide.settings()).isEmpty();
    }
  }

  @Test
  void theCatalogUriIsTheServersWithTheIcebergPathAndAnythingElseIsRefused() {
    assertThat(ConnectionGuides.catalogUri(null)).isEqualTo("http://127.0.0.1:8181/iceberg");
    assertThat(ConnectionGuides.catalogUri("https://proxy.example.com/mesh//"))
        .isEqualTo("https://proxy.example.com/mesh/iceberg");
    for (String bad : List.of("mesh:8181", "ftp://mesh", "http://mesh?x=1", "http://")) {
      assertThatThrownBy(() -> ConnectionGuides.catalogUri(bad))
          .as(bad)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("expected http(s)://HOST:PORT");
    }
  }

  private static ConnectionGuide guide(Governance g, Engine engine) {
    return new ConnectionGuides(g).guide(MARKETING, ORDERS, engine, SERVER);
  }
}
