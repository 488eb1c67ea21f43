package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole story of issue 3 without Spark, in every topology: publish, search, request, approve,
 * read through the link, revoke, refused read, audit verified.
 */
class StoryTest extends RuleSuite {
  /**
   * The rules the story is told to: in process here; the catalog server's tests send it over HTTP.
   */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void theSubscriptionStoryRunsTheSameInEveryTopology(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(ORDERS, MeshWorld.ORDER_COLUMNS, Map.of("domain", "sales"));

      assertThat(g.search(MARKETING, SearchQuery.text("orders").withTag("domain=sales")))
          .extracting(ProductListing::table)
          .containsExactly(ORDERS);
      TableId viaLink = TableId.of("marketing", "sales_link", "orders");
      assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);

      AccessRequest asked =
          g.requestAccess(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT));
      assertThat(g.pendingRequests(SALES)).containsExactly(asked);
      AccessRequest active = g.approve(SALES, asked.id());
      assertThat(active.state()).isEqualTo(AccessRequest.State.ACTIVE);
      assertThat(g.links(MARKETING))
          .extracting(LinkStatus::link)
          .containsExactly(ResourceLink.defaultTableLink("marketing", ORDERS));

      AccessDecision read = g.checkSelect(MARKETING, viaLink);
      assertThat(read.target()).isEqualTo(ORDERS);
      assertThat(read.visibleColumnNames()).containsExactlyElementsOf(MeshWorld.ORDER_COLUMNS);
      assertThat(g.tables(MARKETING, "sales_link")).containsExactly("orders");
      assertThatThrownBy(() -> g.checkSelect(ANALYST, viaLink))
          .isInstanceOf(AccessDeniedException.class);

      g.revoke(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT));
      assertThatThrownBy(() -> g.checkSelect(MARKETING, viaLink))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not SELECT table sales:sales.orders (through"
                  + " marketing:sales_link.orders): missing SELECT (no grant on the table, its"
                  + " columns, its database or a matching LF-tag policy)");
      assertThat(g.requests(MARKETING))
          .singleElement()
          .satisfies(r -> assertThat(r.state()).isEqualTo(AccessRequest.State.REVOKED));

      String log = world.mesh.auditLogOf("sales");
      List<AuditEvent> events = g.audit(SALES, AuditQuery.ofLog(log));
      assertThat(events)
          .extracting(AuditEvent::action)
          .containsSubsequence(
              AuditAction.PUBLISH,
              AuditAction.REQUEST,
              AuditAction.APPROVE,
              AuditAction.GRANT,
              AuditAction.LINK_CREATE,
              AuditAction.REVOKE,
              AuditAction.REVOKE_SUBSCRIPTION,
              AuditAction.SELECT);
      assertThat(g.verifyAudit(SALES)).allMatch(v -> v.isIntact());
    }
  }
}
