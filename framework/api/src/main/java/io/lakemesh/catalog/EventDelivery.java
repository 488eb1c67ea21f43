package io.lakemesh.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One event on its way to one subscription: every attempt to send it, and where it stands. Kept in
 * the catalog, so that retries survive a restart and a subscriber can read its dead letters.
 *
 * @param subscription the subscription's number
 * @param seq the event's number in the stream
 * @param eventId the event's own id
 * @param state where the delivery stands
 * @param attempts when it was sent, oldest first (empty for one skipped or not yet tried)
 * @param nextAttempt when it is due to be sent again; null unless {@link State#PENDING}
 * @param lastError what the last failed attempt got, for the subscriber (a status code, a refused
 *     connection); empty when none failed
 */
public record EventDelivery(
    long subscription,
    long seq,
    String eventId,
    State state,
    List<Instant> attempts,
    Instant nextAttempt,
    String lastError) {

  public enum State {
    /** Waiting to be sent, for the first time or again. */
    PENDING,
    /** The endpoint acknowledged it. */
    DELIVERED,
    /** Not sent: the subscriber may no longer describe the product, or the event is not its. */
    SKIPPED,
    /** Every attempt failed: kept in the dead-letter list until retried. */
    DEAD
  }

  public EventDelivery {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(state, "state");
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
    lastError = lastError == null ? "" : lastError;
    if ((state == State.PENDING) != (nextAttempt != null)) {
      throw new IllegalArgumentException("a pending delivery, and only one, has a next attempt");
    }
  }

  /** A delivery not tried yet, due at {@code due}. */
  public static EventDelivery pending(long subscription, MeshEvent event, Instant due) {
    return new EventDelivery(
        subscription, event.seq(), event.id(), State.PENDING, List.of(), due, "");
  }

  /** An event the subscription asked for that was not sent to it (see {@link State#SKIPPED}). */
  public static EventDelivery skipped(long subscription, MeshEvent event, String why) {
    return new EventDelivery(
        subscription, event.seq(), event.id(), State.SKIPPED, List.of(), null, why);
  }

  /**
   * The id every attempt of this delivery carries, the same on each retry and different for each
   * subscription: a receiver de-duplicates on it.
   */
  public String deliveryId() {
    return deliveryId(eventId, subscription);
  }

  public static String deliveryId(String eventId, long subscription) {
    return eventId + "." + subscription;
  }

  /** The delivery after one more attempt that {@code state} ended, due again at {@code next}. */
  public EventDelivery attempted(Instant at, State outcome, Instant next, String error) {
    List<Instant> all = new ArrayList<>(attempts);
    all.add(at);
    return new EventDelivery(subscription, seq, eventId, outcome, all, next, error);
  }

  /** The delivery taken out of the dead-letter list, due at {@code due}, its attempts kept. */
  public EventDelivery retried(Instant due) {
    return new EventDelivery(subscription, seq, eventId, State.PENDING, attempts, due, lastError);
  }
}
