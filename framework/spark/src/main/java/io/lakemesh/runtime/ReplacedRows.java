package io.lakemesh.runtime;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * The rows of the table a merge-on-read {@code MERGE} replaced, read from the table before it. Such
 * a merge only adds files: data files holding exactly the batch's rows (each updates a row or is
 * inserted) and position delete files marking the rows replaced. Those are the rows of the table
 * before whose key one of the batch's equals, as {@code ON t.k = s.k} matched them (a null key
 * matches nothing). With them and the batch's own metrics, the gate brings the stored states
 * forward from one read of the table before the merge, where the key range needs a read before and
 * one after.
 */
final class ReplacedRows {
  /** Batch keys sent whole to every task, not shuffled with the table's rows. */
  private static final long BROADCAST_KEYS = 1_000_000;

  private ReplacedRows() {}

  /**
   * Null where the snapshot is not a merge-on-read merge of {@code before}: it rewrote data files
   * (copy-on-write), wrote equality deletes or deletion vectors, or its files cannot be read.
   */
  static Dataset<Row> of(
      SparkSession spark, Table table, String name, List<String> keys, long before, long staged) {
    Snapshot snapshot = table.snapshot(staged);
    if (snapshot == null
        || !Objects.equals(snapshot.parentId(), before)
        || snapshot.removedDataFiles(table.io()).iterator().hasNext()) {
      return null;
    }
    boolean replacedAny = false;
    for (DeleteFile file : snapshot.addedDeleteFiles(table.io())) {
      if (file.content() != FileContent.POSITION_DELETES || file.format() != FileFormat.PARQUET) {
        return null;
      }
      replacedAny = true;
    }
    Dataset<Row> rows = spark.read().option("snapshot-id", before).table(name);
    if (!replacedAny) {
      return rows.where(lit(false)); // only inserts
    }
    List<String> batch = new ArrayList<>();
    long batchRows = 0;
    for (DataFile file : snapshot.addedDataFiles(table.io())) {
      if (file.format() != FileFormat.PARQUET) {
        return null;
      }
      batch.add(file.location());
      batchRows += file.recordCount();
    }
    try {
      Dataset<Row> batchKeys =
          spark
              .read()
              .parquet(batch.toArray(String[]::new))
              .selectExpr(keys.toArray(String[]::new));
      if (batchRows <= BROADCAST_KEYS) {
        batchKeys = broadcast(batchKeys);
      }
      return rows.join(batchKeys, JavaConverters.asScalaBuffer(keys).toSeq(), "left_semi");
    } catch (Exception e) { // Spark's and Hadoop's are checked to javac, though undeclared
      // Spark reads the files through Hadoop, Iceberg through its own FileIO: a warehouse Spark
      // has no file system for (s3:// outside EMR and Glue), or a key type Parquet holds otherwise
      // than the table reads it (a UUID as bytes), keeps to the key range's two reads.
      return null;
    }
  }
}
