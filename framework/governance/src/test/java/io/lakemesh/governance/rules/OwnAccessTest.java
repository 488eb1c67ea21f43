package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.NOBODY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reader's own access to a product, which a product page asks for first: what it holds, its own
 * requests, whether it may describe the product and whether it decides on requests for it. Asking
 * is never refused to a principal of the mesh, so it leaves nothing in the audit log.
 */
class OwnAccessTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aDiscovererHoldingNothingMayNeitherDescribeNorDecideAndAskingAddsNoEvent(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      int events = world.events().size();

      OwnAccess own = g.ownAccess(MARKETING, ORDERS);

      assertThat(own.table()).isEqualTo(ORDERS);
      assertThat(own.reader()).isEqualTo(MARKETING);
      assertThat(own.mayDescribe()).isFalse();
      assertThat(own.mayDecide()).isFalse();
      assertThat(own.grants()).isEmpty();
      assertThat(own.requests()).isEmpty();
      assertThat(world.events()).hasSize(events);

      AccessRequest asked = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      assertThat(g.ownAccess(MARKETING, ORDERS).requests())
          .extracting(AccessRequest::id, AccessRequest::state)
          .containsExactly(tuple(asked.id(), AccessRequest.State.PENDING));
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aSubscriberHoldsTheColumnsApprovedAndTheProducerDecides(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      AccessRequest asked = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      g.approve(SALES, asked.id(), SELECT, List.of("order_id", "amount"));

      OwnAccess subscriber = g.ownAccess(MARKETING, ORDERS);
      assertThat(subscriber.mayDescribe()).isTrue();
      assertThat(subscriber.mayDecide()).isFalse();
      Grant held = subscriber.grants().get(0);
      assertThat(subscriber.grants()).hasSize(1);
      assertThat(held.resource())
          .isEqualTo(Resource.columns(ORDERS, List.of("amount", "order_id")));
      assertThat(held.permissions()).containsExactly(Permission.SELECT);
      assertThat(held.authorisation().toString()).isEqualTo("request:" + asked.id());
      assertThat(subscriber.requests())
          .extracting(AccessRequest::state)
          .containsExactly(AccessRequest.State.ACTIVE);

      // A grant to the account's administrator does not reach the principals inside it.
      OwnAccess analyst = g.ownAccess(ANALYST, ORDERS);
      assertThat(analyst.grants()).isEmpty();
      assertThat(analyst.requests()).isEmpty();
      assertThat(analyst.mayDescribe()).isFalse();

      OwnAccess producer = g.ownAccess(SALES, ORDERS);
      assertThat(producer.mayDecide()).isTrue();
      assertThat(producer.mayDescribe()).isTrue();
      assertThat(producer.requests()).isEmpty();

      g.revokeSubscription(SALES, asked.id());
      OwnAccess ended = g.ownAccess(MARKETING, ORDERS);
      assertThat(ended.grants()).isEmpty();
      assertThat(ended.mayDescribe()).isFalse();
      assertThat(ended.requests())
          .extracting(AccessRequest::state)
          .containsExactly(AccessRequest.State.REVOKED);
    }
  }

  @Test
  void aProductOutsideTheReadersLineOfBusinessIsNotFoundUntilItHoldsSomething() {
    try (MeshWorld world = open(Topology.LOB_FEDERATED)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      int events = world.events().size();

      assertThatThrownBy(() -> g.ownAccess(FINANCE, ORDERS))
          .isInstanceOf(NotFoundException.class)
          .hasMessage(
              "no product sales:sales.orders that finance may discover (bin/lakemesh search --as"
                  + " finance lists them)");
      assertThat(world.events()).hasSize(events);

      g.grant(SALES, FINANCE, Resource.table(ORDERS), SELECT);
      assertThat(g.ownAccess(FINANCE, ORDERS).mayDescribe()).isTrue();
    }
  }

  @Test
  void aPrincipalOutsideTheMeshIsRefusedOnRecord() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);

      assertThatThrownBy(() -> world.governance.ownAccess(NOBODY, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(world.events())
          .filteredOn(e -> e.actor().equals(NOBODY))
          .extracting(AuditEvent::outcome)
          .containsExactly(AuditEvent.Outcome.REFUSED);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void theProducerDecidesTheRequestsForItsDataAndEachRequesterSeesItsOwn(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      AccessRequest byMarketing = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      AccessRequest byAnalyst = g.requestAccess(ANALYST, Resource.table(ORDERS), SELECT);

      assertThat(g.requestsToDecide(SALES))
          .extracting(AccessRequest::id)
          .containsExactly(byMarketing.id(), byAnalyst.id());
      assertThat(g.requestsToDecide(MARKETING)).isEmpty();
      if (topology != Topology.FEDERATED) {
        // The governance account sees them all and decides none: only the owner decides.
        assertThat(g.requests(world.governor())).hasSize(2);
        assertThat(g.requestsToDecide(world.governor())).isEmpty();
      }
      // The account's administrator sees its principals' requests, but made only its own.
      assertThat(g.requests(MARKETING)).hasSize(2);
      assertThat(g.ownRequests(MARKETING))
          .extracting(AccessRequest::id)
          .containsExactly(byMarketing.id());
      assertThat(g.ownRequests(ANALYST))
          .extracting(AccessRequest::id)
          .containsExactly(byAnalyst.id());
      assertThat(g.ownRequests(SALES)).isEmpty();
    }
  }
}
