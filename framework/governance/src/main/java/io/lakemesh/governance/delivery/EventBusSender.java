package io.lakemesh.governance.delivery;

import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.SupportsEventBus;
import io.lakemesh.exceptions.LakemeshException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Puts an event on a subscriber's EventBridge bus through the catalog's cloud ({@link
 * SupportsEventBus}): source {@value #SOURCE}, detail-type the CloudEvents type, and as detail the
 * same CloudEvent a webhook receives (its {@code id} the delivery id, for de-duplication). A bus
 * authenticates its callers itself (the bus's resource policy), so nothing is signed.
 */
public final class EventBusSender implements EventSender {
  public static final String SOURCE = "io.lakemesh";
  private final SupportsEventBus bus;

  public EventBusSender(SupportsEventBus bus) {
    this.bus = bus;
  }

  @Override
  public EventSubscription.Endpoint.Type type() {
    return EventSubscription.Endpoint.Type.EVENTBRIDGE;
  }

  @Override
  public void send(
      EventSubscription subscription, MeshEvent event, String deliveryId, Instant sentAt) {
    String detail = new String(CloudEventPayload.json(event, deliveryId), StandardCharsets.UTF_8);
    try {
      bus.putEvent(
          subscription.endpoint().address(),
          SOURCE,
          event.kind().cloudEventType(),
          detail,
          event.at(),
          List.of());
    } catch (LakemeshException e) {
      throw new DeliveryFailure(e.getMessage());
    }
  }
}
