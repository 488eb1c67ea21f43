package io.lakemesh.catalog;

import java.util.List;
import java.util.Set;

/**
 * A catalog that keeps the mesh's event stream: the outbox that deliveries to subscribers drain.
 * Events are appended in the same unit of work as the change they tell of (see {@link
 * SupportsTransactions}), and never change once stored.
 */
public interface SupportsEvents {

  /**
   * Numbers the event after every event stored before and stores it; returns it numbered. An event
   * whose id is already stored is not stored again: the stored one is returned, so an append that
   * is retried after a crash does not tell the same thing twice.
   */
  MeshEvent appendEvent(MeshEvent event);

  /** Events numbered after {@code seq}, oldest first, at most {@code limit}. */
  List<MeshEvent> eventsAfter(long seq, int limit);

  /**
   * The number of the last event stored, 0 when there is none: where a new subscriber starts, so
   * that it is told what happens from now on. A backend with an index on the number answers without
   * reading the stream.
   */
  default long lastEventSeq() {
    long last = 0;
    for (List<MeshEvent> page = eventsAfter(0, 1000);
        !page.isEmpty();
        page = eventsAfter(last, 1000)) {
      last = page.get(page.size() - 1).seq();
    }
    return last;
  }

  /**
   * Events of one table of the given kinds (every kind when empty), newest first, at most {@code
   * limit}.
   */
  List<MeshEvent> tableEvents(TableId table, Set<MeshEvent.Kind> kinds, int limit);
}
