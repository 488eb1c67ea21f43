package io.lakemesh.quality;

import java.util.List;
import java.util.Objects;

/**
 * How the table a gate judges came from the last table it judged, which decides what the metrics
 * of the new rows alone can stand for.
 *
 * <ul>
 *   <li>{@code REPLACE}: the new rows are the whole table (an overwrite, or a first write).
 *   <li>{@code APPEND}: the table before plus the new rows. Each metric is Deequ's merge of the
 *       state stored for the table before with the new rows' state; a key is unique if it was,
 *       the new rows' keys are, and none of them was in the table before ({@link KeyCollisions}).
 *   <li>{@code MERGE}: the table before with the rows of matching keys replaced by the new ones.
 *       A replaced row's contribution cannot be taken out of a state, so metrics need a pass over
 *       the table; a key equal to the merge key stays unique if it was and the new rows' keys are.
 * </ul>
 *
 * @param before the states stored for the table before the change; empty for {@code REPLACE}
 */
public record TableChange(Kind kind, TableStates before, List<String> mergeKeys, KeyCollisions collisions) {
  public enum Kind {
    REPLACE,
    APPEND,
    MERGE
  }

  public TableChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(before, "before");
    mergeKeys = List.copyOf(mergeKeys);
  }

  public static TableChange replace() {
    return new TableChange(Kind.REPLACE, TableStates.empty(), List.of(), KeyCollisions.UNKNOWN);
  }

  public static TableChange append(TableStates before, KeyCollisions collisions) {
    return new TableChange(Kind.APPEND, before, List.of(), collisions);
  }

  public static TableChange merge(TableStates before, List<String> keys) {
    return new TableChange(Kind.MERGE, before, keys, KeyCollisions.UNKNOWN);
  }
}
