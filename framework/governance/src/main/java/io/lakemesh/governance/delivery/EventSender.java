package io.lakemesh.governance.delivery;

import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.MeshEvent;
import java.time.Instant;

/** Sends one event to one kind of endpoint; the delivery engine decides what, when and again. */
public interface EventSender {

  /** The kind of endpoint this sender reaches. */
  EventSubscription.Endpoint.Type type();

  /**
   * Sends the event, as the subscriber may receive it, under the delivery's id.
   *
   * @throws DeliveryFailure when the endpoint did not take it (it is sent again later)
   */
  void send(EventSubscription subscription, MeshEvent event, String deliveryId, Instant sentAt);

  /** An endpoint that did not take an event: what it answered, for the subscriber to read. */
  final class DeliveryFailure extends RuntimeException {
    public DeliveryFailure(String message) {
      super(message);
    }
  }
}
