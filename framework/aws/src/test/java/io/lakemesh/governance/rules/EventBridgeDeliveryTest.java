package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.EventSubscription.Endpoint;
import io.lakemesh.catalog.MeshEvent.Kind;
import io.lakemesh.catalog.SupportsEventDelivery;
import io.lakemesh.catalog.aws.loopback.FakeEventBridge;
import io.lakemesh.governance.ManualClock;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.delivery.DeliveryEngine;
import io.lakemesh.governance.delivery.DeliveryPolicy;
import io.lakemesh.governance.delivery.DeliveryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events to a subscriber's EventBridge bus on the AWS backend: each put once (PutEvents, loopback),
 * with the CloudEvent as its detail; an entry EventBridge did not take (a partial failure) is put
 * again on a later pass.
 */
class EventBridgeDeliveryTest extends RuleSuite {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  private static final String BUS = "arn:aws:events:eu-west-1:444455556666:event-bus/marketing";
  private static final Instant START = Instant.parse("2026-06-01T08:00:00Z");

  private final ManualClock clock = new ManualClock(START);

  @Override
  MeshBackend backend() {
    return AWS;
  }

  @Test
  void aPublishIsPutOnTheBusAndAnEntryNotTakenIsPutAgainLater() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      Governance governance = Governance.over(world.mesh, world.catalog, clock);
      EventSubscription s =
          governance.subscribeEvents(
              SALES,
              new EventSubscription(
                  0,
                  SALES,
                  ORDERS,
                  Set.of(Kind.PUBLISHED),
                  Endpoint.eventBridge(BUS),
                  null,
                  0,
                  START));
      DeliveryEngine engine =
          DeliveryEngine.over(governance, List.of(), DeliveryPolicy.defaults(), clock);
      FakeEventBridge bus = AWS.eventBridge();
      int before = bus.entries(BUS).size();

      world.publish(ORDERS);
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(1, 0, 0, 0));
      bus.failNext(1, "ThrottlingException", "Rate exceeded");
      world.publish(ORDERS);
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(0, 1, 0, 0));
      assertThat(governance.deadLetters(SALES)).isEmpty();
      clock.advance(Duration.ofSeconds(30));
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(1, 0, 0, 0));

      List<FakeEventBridge.Entry> put = bus.entries(BUS).subList(before, bus.entries(BUS).size());
      assertThat(put)
          .extracting(e -> e.detail().path("data").path("snapshot").asText())
          .containsExactly("102", "103");
      assertThat(put)
          .allSatisfy(
              e -> {
                assertThat(e.source()).isEqualTo("io.lakemesh");
                assertThat(e.detailType()).isEqualTo("io.lakemesh.product.published");
                assertThat(e.detail().path("source").asText())
                    .isEqualTo("/lakemesh/sales/sales/orders");
                assertThat(e.detail().path("id").asText()).endsWith("." + s.id());
              });
      List<EventDelivery> all =
          ((SupportsEventDelivery) world.catalog).deliveries(s.id(), Set.of());
      assertThat(all.get(1).attempts()).containsExactly(START, START.plusSeconds(30));
    }
  }
}
