package io.lakemesh.quality;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the table a gate judges came from the last table it judged, which decides what the metrics of
 * the new rows alone can stand for.
 *
 * <ul>
 *   <li>{@code REPLACE}: the new rows are the whole table (an overwrite, or a first write).
 *   <li>{@code APPEND}: the table before plus the new rows. Each metric is Deequ's merge of the
 *       state stored for the table before with the new rows' state; a key is unique if it was, the
 *       new rows' keys are, and none of them was in the table before ({@link KeyCollisions}).
 *   <li>{@code MERGE}: the table before with the rows of matching keys replaced by the new ones.
 *       Outside the batch's {@link KeyRange key range} nothing changed, so each metric is the state
 *       before, less the range's state before, plus the range's state after ({@link MergedState}),
 *       with the range read from both {@link Versions}, or less the state of the rows the merge
 *       replaced plus the batch's where the write marked them; what does not subtract takes a pass.
 *       A key equal to the merge key stays unique if it was and the new rows' are.
 * </ul>
 *
 * @param before the states stored for the table before the change; empty for {@code REPLACE}
 * @param versions the table before and after a merge; null when they cannot be read, and then a
 *     merge's metrics take a pass
 */
public record TableChange(
    Kind kind,
    TableStates before,
    List<String> mergeKeys,
    KeyCollisions collisions,
    Versions versions) {
  public enum Kind {
    REPLACE,
    APPEND,
    MERGE
  }

  /** The table as it was before a change and as it is after it. */
  public interface Versions {
    Dataset<Row> before();

    Dataset<Row> after();

    /**
     * The rows of {@link #before} the merge replaced, where the write marked them; null where it
     * did not, and the key range read in both versions stands in.
     */
    default Dataset<Row> replaced() {
      return null;
    }
  }

  public TableChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(before, "before");
    mergeKeys = List.copyOf(mergeKeys);
  }

  public static TableChange replace() {
    return new TableChange(
        Kind.REPLACE, TableStates.empty(), List.of(), KeyCollisions.UNKNOWN, null);
  }

  public static TableChange append(TableStates before, KeyCollisions collisions) {
    return new TableChange(Kind.APPEND, before, List.of(), collisions, null);
  }

  /** A merge whose table versions cannot be read: its metrics take a pass. */
  public static TableChange merge(TableStates before, List<String> keys) {
    return merge(before, keys, null);
  }

  public static TableChange merge(TableStates before, List<String> keys, Versions versions) {
    return new TableChange(Kind.MERGE, before, keys, KeyCollisions.UNKNOWN, versions);
  }
}
