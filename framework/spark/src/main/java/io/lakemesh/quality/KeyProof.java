package io.lakemesh.quality;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What the new rows showed about one key, from the aggregates of {@link ScanPlan#keyAggregates}.
 *
 * @param rows rows with a value in some key column (Deequ's uniqueness counts only those)
 * @param partialNulls rows with a value in some key column and none in another
 * @param repeated hashes seen more than once; 0 proves the key unique among the new rows, {@link
 *     KeyHashes#UNKNOWN} when there were too many keys to hold
 * @param lows the smallest value of each key column, null when there is none
 * @param highs the largest value of each key column
 */
record KeyProof(
    List<String> columns,
    long rows,
    long partialNulls,
    long repeated,
    List<Object> lows,
    List<Object> highs) {

  /** Where a key's aggregates start in the aggregation's result. */
  record Plan(List<String> columns, int offset) {
    KeyProof read(Row result) {
      List<Object> lows = new ArrayList<>();
      List<Object> highs = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        lows.add(result.get(offset + 3 + 2 * i));
        highs.add(result.get(offset + 4 + 2 * i));
      }
      return new KeyProof(
          columns,
          longAt(result, offset),
          longAt(result, offset + 1),
          result.isNullAt(offset + 2) ? KeyHashes.UNKNOWN : result.getLong(offset + 2),
          lows,
          highs);
    }

    private static long longAt(Row result, int at) {
      return result.isNullAt(at) ? 0 : result.getLong(at);
    }
  }

  boolean unique() {
    return repeated == 0;
  }
}
