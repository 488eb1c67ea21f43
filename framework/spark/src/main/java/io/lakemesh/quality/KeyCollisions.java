package io.lakemesh.quality;

import java.util.List;

/** Whether some key of the new rows was already in the table before they were added. */
@FunctionalInterface
public interface KeyCollisions {
  /** For when nothing can be looked up: every key might collide. */
  KeyCollisions UNKNOWN = (columns, lows, highs) -> true;

  /**
   * @param lows the smallest value of each key column among the new rows: no key below it, in the
   *     table before, can collide
   * @param highs the largest value of each key column among the new rows
   */
  boolean any(List<String> columns, List<Object> lows, List<Object> highs);
}
