package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.client.HttpGovernance;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Principal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions to a product's events through the catalog server: the same rule as in process
 * (DESCRIBE needed, refusals audited), the secret returned once to its subscriber and hidden in
 * every listing.
 */
class EventSubscriptionsOverHttpTest {
  @TempDir Path dir;

  @Test
  void theProducerSubscribesListsAndEndsAndAConsumerWithoutAccessIsRefused() {
    try (DemoCatalog demo = new DemoCatalog(dir).withProducts(1);
        ServedCatalog served = new ServedCatalog(demo.governance, demo.catalog)) {
      HttpGovernance http = served.client();

      EventSubscription made = http.subscribeEvents(SALES, draft(SALES));
      assertThat(made.id()).isPositive();
      assertThat(made.secret()).isEqualTo("the-secret");
      assertThat(made.kinds())
          .containsExactlyInAnyOrder(MeshEvent.Kind.PUBLISHED, MeshEvent.Kind.REJECTED);
      assertThat(http.eventSubscriptions(SALES))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.id()).isEqualTo(made.id());
                assertThat(s.secret()).isEqualTo("(hidden)");
                assertThat(s.endpoint().address()).isEqualTo("https://hooks.example.com/sales");
              });
      assertThat(http.deadLetters(SALES)).isEmpty();

      assertThatThrownBy(() -> http.subscribeEvents(MARKETING, draft(MARKETING)))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("missing DESCRIBE")
          .hasMessageContaining("bin/lakemesh request-access --as marketing --table sales.orders");
      assertThatThrownBy(() -> http.unsubscribeEvents(MARKETING, made.id()))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(
              demo.governance.audit(
                  MeshFixtures.GOVERNANCE, AuditQuery.ofLog("governance").withActor(MARKETING)))
          .filteredOn(e -> e.action() == AuditAction.EVENTS_SUBSCRIBE)
          .extracting(AuditEvent::outcome)
          .containsExactly(AuditEvent.Outcome.REFUSED);

      http.unsubscribeEvents(SALES, made.id());
      assertThat(http.eventSubscriptions(SALES)).isEmpty();
      assertThatThrownBy(() -> http.retryDeadLetters(SALES, made.id()))
          .isInstanceOf(NotFoundException.class);
    }
  }

  private static EventSubscription draft(Principal who) {
    return new EventSubscription(
        0,
        who,
        DemoCatalog.ORDERS,
        Set.of(MeshEvent.Kind.PUBLISHED, MeshEvent.Kind.REJECTED),
        EventSubscription.Endpoint.webhook("https://hooks.example.com/sales"),
        "the-secret",
        0,
        Instant.parse("2026-06-01T08:00:00Z"));
  }
}
