package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.EventSubscription.Endpoint;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.MeshEvent.Kind;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.ManualClock;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.delivery.DeliveryEngine;
import io.lakemesh.governance.delivery.DeliveryPolicy;
import io.lakemesh.governance.delivery.DeliveryReport;
import io.lakemesh.governance.delivery.WebhookSender;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Events delivered to subscribers' webhooks: each once per delivery id and signed, kept while the
 * receiver is down, dead-lettered when it never comes back, and only to a subscriber that may
 * describe the product at the time of delivery.
 */
class EventDeliveryTest extends RuleSuite {
  private static final String SECRET = "s3cret-of-the-subscriber";
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  private static final Instant START = Instant.parse("2026-06-01T08:00:00Z");

  private final ManualClock clock = new ManualClock(START);

  @Test
  void everyKindReachesTheWebhookOnceWithAValidSignature() throws Exception {
    try (MeshWorld world = open(Topology.CENTRAL);
        LoopbackWebhook hook = new LoopbackWebhook()) {
      world.publish(ORDERS);
      Governance governance = governance(world);
      EventSubscription s = subscribe(governance, SALES, EnumSet.allOf(Kind.class), hook);
      SupportsEvents stream = (SupportsEvents) world.catalog;
      for (Kind kind : Kind.values()) {
        stream.appendEvent(
            kind.isAccess()
                ? MeshEvent.access(kind, ORDERS, "marketing", START, Map.of("grantee", "marketing"))
                : MeshEvent.of(kind, ORDERS, START, Map.of("version", "7")));
      }

      DeliveryReport first = engine(governance, DeliveryPolicy.defaults()).drain();
      DeliveryReport second = engine(governance, DeliveryPolicy.defaults()).drain();

      assertThat(first).isEqualTo(new DeliveryReport(13, 0, 0, 0));
      assertThat(second).isEqualTo(new DeliveryReport(0, 0, 0, 0));
      List<LoopbackWebhook.Received> got = hook.requests();
      assertThat(got).hasSize(13);
      assertThat(got).allSatisfy(r -> assertThat(r.signedWith(SECRET)).isTrue());
      assertThat(got).noneSatisfy(r -> assertThat(r.signedWith("another secret")).isTrue());
      assertThat(got)
          .extracting(LoopbackWebhook.Received::contentType)
          .containsOnly("application/cloudevents+json");
      assertThat(got)
          .extracting(r -> r.json().get("type").asText())
          .containsExactlyInAnyOrder(
              "io.lakemesh.product.published",
              "io.lakemesh.product.rejected",
              "io.lakemesh.product.schema-changed",
              "io.lakemesh.product.major-version",
              "io.lakemesh.product.sla-breached",
              "io.lakemesh.product.sla-recovered",
              "io.lakemesh.product.quarantine-warning",
              "io.lakemesh.access.requested",
              "io.lakemesh.access.approved",
              "io.lakemesh.access.denied",
              "io.lakemesh.access.revoked",
              "io.lakemesh.access.expiring",
              "io.lakemesh.access.expired");
      assertThat(got.stream().map(r -> r.json().get("id").asText()).distinct()).hasSize(13);
      assertThat(got)
          .allSatisfy(
              r -> {
                assertThat(r.json().get("specversion").asText()).isEqualTo("1.0");
                assertThat(r.json().get("source").asText())
                    .isEqualTo("/lakemesh/sales/sales/orders");
                assertThat(r.json().get("subject").asText()).isEqualTo("sales.orders");
                assertThat(r.json().get("id").asText()).endsWith("." + s.id());
              });
      LoopbackWebhook.Received published =
          got.stream()
              .filter(r -> r.json().get("type").asText().equals("io.lakemesh.product.published"))
              .findFirst()
              .orElseThrow();
      assertThat(published.json().get("data").get("version").asText()).isEqualTo("7");
      assertThat(published.json().get("time").asText()).isEqualTo("2026-06-01T08:00:00Z");
    }
  }

  @Test
  void eventsWaitWhileTheReceiverIsDownAndArriveWhenItComesBack() throws Exception {
    try (MeshWorld world = open(Topology.CENTRAL);
        LoopbackWebhook hook = new LoopbackWebhook()) {
      world.publish(ORDERS);
      Governance governance = governance(world);
      subscribe(governance, SALES, Set.of(Kind.PUBLISHED), hook);
      DeliveryEngine engine = engine(governance, DeliveryPolicy.defaults());
      hook.answer(503);

      world.publish(ORDERS);
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(0, 1, 0, 0));
      world.publish(ORDERS);
      world.publish(ORDERS);
      clock.advance(Duration.ofSeconds(10));
      // The first retry is not due; of the new events one is tried, and once it fails the other
      // waits for the next pass rather than failing too.
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(0, 1, 0, 0));
      assertThat(hook.requests()).hasSize(2);

      hook.answer(200);
      clock.advance(Duration.ofSeconds(25));
      assertThat(engine.drain())
          .as("due: the first and the waiting one")
          .isEqualTo(new DeliveryReport(2, 0, 0, 0));
      clock.advance(Duration.ofSeconds(5));
      assertThat(engine.drain())
          .as("due 30 s after its failure")
          .isEqualTo(new DeliveryReport(1, 0, 0, 0));
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(0, 0, 0, 0));

      List<String> delivered =
          hook.delivered().stream()
              .map(r -> r.json().get("data").get("snapshot").asText())
              .toList();
      assertThat(delivered).containsExactlyInAnyOrder("102", "103", "104");
      String failedId = hook.requests().get(0).json().get("id").asText();
      assertThat(hook.delivered())
          .anySatisfy(r -> assertThat(r.json().get("id").asText()).isEqualTo(failedId));
    }
  }

  @Test
  void aReceiverThatNeverRecoversLeavesTheEventInTheDeadLetterListUntilRetried() throws Exception {
    try (MeshWorld world = open(Topology.CENTRAL);
        LoopbackWebhook hook = new LoopbackWebhook()) {
      world.publish(ORDERS);
      Governance governance = governance(world);
      EventSubscription s = subscribe(governance, SALES, Set.of(Kind.PUBLISHED), hook);
      DeliveryEngine engine = engine(governance, DeliveryPolicy.defaults().withMaxAttempts(3));
      hook.answer(500);
      world.publish(ORDERS);

      assertThat(engine.drain()).isEqualTo(new DeliveryReport(0, 1, 0, 0));
      clock.advance(Duration.ofSeconds(29));
      assertThat(engine.drain())
          .as("not due before 30 s")
          .isEqualTo(new DeliveryReport(0, 0, 0, 0));
      clock.advance(Duration.ofSeconds(1));
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(0, 1, 0, 0));
      clock.advance(Duration.ofSeconds(59));
      assertThat(engine.drain()).as("then after 60 s").isEqualTo(new DeliveryReport(0, 0, 0, 0));
      clock.advance(Duration.ofSeconds(1));
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(0, 0, 1, 0));
      clock.advance(Duration.ofDays(1));
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(0, 0, 0, 0));

      List<EventDelivery> dead = governance.deadLetters(SALES);
      assertThat(dead)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.state()).isEqualTo(EventDelivery.State.DEAD);
                assertThat(d.attempts())
                    .containsExactly(START, START.plusSeconds(30), START.plusSeconds(90));
                assertThat(d.lastError()).isEqualTo("the webhook answered HTTP 500");
              });
      assertThat(governance.deadLetters(MARKETING)).isEmpty();

      hook.answer(200);
      assertThat(governance.retryDeadLetters(SALES, s.id())).hasSize(1);
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(1, 0, 0, 0));
      assertThat(governance.deadLetters(SALES)).isEmpty();
      assertThat(hook.requests()).hasSize(4);
      assertThat(hook.requests().stream().map(r -> r.json().get("id").asText()).distinct())
          .as("one delivery id on every attempt")
          .hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aSubscriberThatMayNotDescribeTheProductIsRefusedOnRecord(Topology topology)
      throws Exception {
    try (MeshWorld world = open(topology);
        LoopbackWebhook hook = new LoopbackWebhook()) {
      world.publish(ORDERS);
      Governance governance = governance(world);

      assertThatThrownBy(() -> subscribe(governance, MARKETING, Set.of(Kind.PUBLISHED), hook))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not SUBSCRIBE to events of table sales:sales.orders:"
                  + " missing DESCRIBE (no permission on the table); ask its producer for access"
                  + " first: bin/lakemesh request-access --as marketing --table sales.orders"
                  + " --perm DESCRIBE");
      assertThat(governance.eventSubscriptions(MARKETING)).isEmpty();
      List<AuditEvent> refused =
          world.events(world.mesh.auditLogOf("sales")).stream()
              .filter(e -> e.action() == AuditAction.EVENTS_SUBSCRIBE)
              .toList();
      assertThat(refused).singleElement().satisfies(e -> assertThat(e.refused()).isTrue());
    }
  }

  @Test
  void aSubscriberWhoseGrantIsRevokedHearsNothingFromThenOn() throws Exception {
    try (MeshWorld world = open(Topology.CENTRAL);
        LoopbackWebhook hook = new LoopbackWebhook()) {
      world.publish(ORDERS);
      Governance governance = governance(world);
      world.governance.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT);
      subscribe(governance, MARKETING, Set.of(Kind.PUBLISHED), hook);
      DeliveryEngine engine = engine(governance, DeliveryPolicy.defaults());

      world.publish(ORDERS);
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(1, 0, 0, 0));
      world.governance.revoke(SALES, MARKETING, Resource.table(ORDERS), SELECT);
      world.publish(ORDERS);
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(0, 0, 0, 1));
      world.governance.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT);
      assertThat(engine.drain())
          .as("what was lost stays lost")
          .isEqualTo(new DeliveryReport(0, 0, 0, 0));
      world.publish(ORDERS);
      assertThat(engine.drain()).isEqualTo(new DeliveryReport(1, 0, 0, 0));

      assertThat(hook.requests())
          .extracting(r -> r.json().get("data").get("snapshot").asText())
          .containsExactly("102", "104");
    }
  }

  @Test
  void anAccessEventGoesOnlyToTheAccountItConcernsAndToTheProducer() throws Exception {
    try (MeshWorld world = open(Topology.CENTRAL);
        LoopbackWebhook producerHook = new LoopbackWebhook();
        LoopbackWebhook financeHook = new LoopbackWebhook();
        LoopbackWebhook marketingHook = new LoopbackWebhook()) {
      world.publish(ORDERS);
      Governance governance = governance(world);
      world.governance.grant(SALES, FINANCE, Resource.table(ORDERS), SELECT);
      world.governance.grant(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.DESCRIBE));
      Set<Kind> access = Set.of(Kind.ACCESS_REQUESTED);
      subscribe(governance, SALES, access, producerHook);
      subscribe(governance, FINANCE, access, financeHook);
      subscribe(governance, MARKETING, access, marketingHook);

      world.governance.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      assertThat(engine(governance, DeliveryPolicy.defaults()).drain())
          .isEqualTo(new DeliveryReport(2, 0, 0, 1));

      assertThat(producerHook.requests()).hasSize(1);
      assertThat(marketingHook.requests()).hasSize(1);
      assertThat(financeHook.requests()).isEmpty();
      assertThat(marketingHook.requests().get(0).json().get("data").get("account").asText())
          .isEqualTo("marketing");
    }
  }

  @Test
  void noPayloadCarriesAValueOfTheDataNorAColumnTheSubscriberMayNotSee() throws Exception {
    try (MeshWorld world = open(Topology.CENTRAL);
        LoopbackWebhook hook = new LoopbackWebhook()) {
      world.publish(ORDERS, List.of("order_id", "amount", "country"), Map.of());
      Governance governance = governance(world);
      world.governance.grant(
          SALES, MARKETING, Resource.columns(ORDERS, List.of("order_id", "amount")), SELECT);
      subscribe(governance, MARKETING, EnumSet.allOf(Kind.class), hook);

      world.publish(ORDERS, List.of("order_id", "amount", "country", "vip_segment"), Map.of());
      world.governance.recordQualityRun(SALES, rejected("ORD-7741"));
      engine(governance, DeliveryPolicy.defaults()).drain();
      world.publish(ORDERS, List.of("order_id", "amount", "vip_segment"), Map.of());
      engine(governance, DeliveryPolicy.defaults()).drain();

      assertThat(hook.requests())
          .extracting(r -> r.json().get("type").asText())
          .containsExactly(
              "io.lakemesh.product.published",
              "io.lakemesh.product.schema-changed",
              "io.lakemesh.product.rejected",
              "io.lakemesh.product.published",
              "io.lakemesh.product.schema-changed");
      assertThat(hook.requests().get(1).json().get("data").get("added").asText())
          .isEqualTo("hidden column");
      assertThat(hook.requests().get(4).json().get("data").get("removed").asText())
          .isEqualTo("hidden column");
      // Letters no hex digit has: a delivery's id (a UUID) cannot contain the value by chance.
      assertThat(hook.requests()).noneSatisfy(r -> assertThat(r.text()).contains("ORD-7741"));
      assertThat(hook.requests()).noneSatisfy(r -> assertThat(r.text()).contains("country"));
      assertThat(hook.requests()).noneSatisfy(r -> assertThat(r.text()).contains("vip_segment"));
    }
  }

  @Test
  void listingsNeverShowTheSecretAndOnlyTheSubscriberOrItsAdministratorEndsOne() throws Exception {
    try (MeshWorld world = open(Topology.CENTRAL);
        LoopbackWebhook hook = new LoopbackWebhook()) {
      world.publish(ORDERS);
      Governance governance = governance(world);
      EventSubscription s = subscribe(governance, SALES, Set.of(Kind.PUBLISHED), hook);

      assertThat(governance.eventSubscriptions(SALES))
          .singleElement()
          .satisfies(l -> assertThat(l.secret()).isEqualTo("(hidden)"));
      assertThat(governance.eventSubscriptions(MARKETING)).isEmpty();
      assertThatThrownBy(() -> governance.unsubscribeEvents(MARKETING, s.id()))
          .isInstanceOf(AccessDeniedException.class);
      governance.unsubscribeEvents(SALES, s.id());
      assertThat(governance.eventSubscriptions(SALES)).isEmpty();
      assertThat(world.events(world.mesh.auditLogOf("sales")))
          .filteredOn(e -> e.action() == AuditAction.EVENTS_SUBSCRIBE && !e.refused())
          .singleElement()
          .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET));
    }
  }

  private Governance governance(MeshWorld world) {
    return Governance.over(world.mesh, world.catalog, clock);
  }

  private EventSubscription subscribe(
      Governance governance, Principal who, Set<Kind> kinds, LoopbackWebhook hook) {
    return governance.subscribeEvents(
        who,
        new EventSubscription(
            0, who, ORDERS, kinds, Endpoint.webhook(hook.url()), SECRET, 0, clock.instant()));
  }

  private DeliveryEngine engine(Governance governance, DeliveryPolicy policy) {
    return DeliveryEngine.over(
        governance, List.of(new WebhookSender(Duration.ofSeconds(5))), policy, clock);
  }

  private static QualityRun rejected(String quoted) {
    return new QualityRun(
        "sales-9",
        ORDERS,
        null,
        START,
        QualityRun.Outcome.FAILED,
        List.of(),
        List.of(
            new ConstraintResult(
                "unique_order_id",
                "unique(order_id)",
                ConstraintResult.Severity.ERROR,
                ConstraintResult.Status.FAILURE,
                "2 duplicates, e.g. " + quoted,
                quoted,
                null)));
  }
}
