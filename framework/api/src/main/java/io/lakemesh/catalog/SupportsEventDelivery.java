package io.lakemesh.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A catalog that keeps subscriptions to the event stream and the state of each delivery, so that
 * deliveries are drained by whichever process runs next ({@code serve}, {@code events deliver}) and
 * a retry survives a restart. Delivery never touches a job run: runs only append to the stream.
 */
public interface SupportsEventDelivery {

  /** Stores a new subscription under the next number; returns it numbered. */
  EventSubscription addSubscription(EventSubscription draft);

  Optional<EventSubscription> findSubscription(long id);

  /** Every subscription, by number. */
  List<EventSubscription> listSubscriptions();

  /** Removes the subscription and the state of its deliveries; false when there was none. */
  boolean removeSubscription(long id);

  /** Records that the subscription has looked at the stream up to {@code seq} (never backwards). */
  void advanceCursor(long id, long seq);

  /** Stores the delivery, replacing the one of the same subscription and event. */
  void saveDelivery(EventDelivery delivery);

  /** The subscription's deliveries in these states (every state when empty), oldest event first. */
  List<EventDelivery> deliveries(long subscription, Set<EventDelivery.State> states);
}
