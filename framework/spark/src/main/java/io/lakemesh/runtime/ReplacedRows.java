package io.lakemesh.runtime;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows of the table a merge-on-read {@code MERGE} replaced, read from the table before it: the
 * rows its snapshot's position delete files mark. With them and the batch (every batch row is in
 * the table after a merge, as an update or an insert), the gate brings the stored states forward
 * from one read of the rows before the merge, where the key range needs a read before and one
 * after.
 */
final class ReplacedRows {
  private static final String FILE = MetadataColumns.FILE_PATH.name();
  private static final String POS = MetadataColumns.ROW_POSITION.name();

  /** Marked rows sent whole to every task: a data file's path and a position, some 100 bytes. */
  private static final long BROADCAST_POSITIONS = 500_000;

  private ReplacedRows() {}

  /**
   * Null where the snapshot does not tell its replaced rows by position deletes alone: it rewrote
   * data files (copy-on-write), or wrote equality deletes or deletion vectors.
   */
  static Dataset<Row> of(SparkSession spark, Table table, String name, long before, long staged) {
    Snapshot snapshot = table.snapshot(staged);
    if (snapshot == null
        || !Objects.equals(snapshot.parentId(), before)
        || snapshot.removedDataFiles(table.io()).iterator().hasNext()) {
      return null;
    }
    List<String> deletes = new ArrayList<>();
    long positions = 0;
    for (DeleteFile file : snapshot.addedDeleteFiles(table.io())) {
      if (file.content() != FileContent.POSITION_DELETES || file.format() != FileFormat.PARQUET) {
        return null;
      }
      deletes.add(file.location());
      positions += file.recordCount();
    }
    Dataset<Row> rows = spark.read().option("snapshot-id", before).table(name);
    if (deletes.isEmpty()) {
      return rows.where(lit(false)); // only inserts
    }
    // A delete file the snapshot replaced held positions already deleted before it: those rows
    // are not in the table before, so only the added files' positions can match.
    Dataset<Row> marked;
    try {
      marked = spark.read().parquet(deletes.toArray(String[]::new)).select("file_path", "pos");
    } catch (Exception e) { // Hadoop's IOException is checked to javac, though undeclared
      // Spark reads the files through Hadoop, Iceberg through its own FileIO: a warehouse Spark
      // has no file system for (s3:// outside EMR and Glue) keeps to the key range's two reads.
      return null;
    }
    if (positions <= BROADCAST_POSITIONS) {
      // Joined by a shuffle, every row of the range would move to meet a few marked ones.
      marked = broadcast(marked);
    }
    Dataset<Row> located =
        rows.select(
            Stream.concat(
                    Arrays.stream(rows.columns()).map(rows::col),
                    Stream.of(rows.col(FILE), rows.col(POS)))
                .toArray(Column[]::new));
    Column same =
        located
            .col(FILE)
            .equalTo(marked.col("file_path"))
            .and(located.col(POS).equalTo(marked.col("pos")));
    return located.join(marked, same, "left_semi").drop(FILE, POS);
  }
}
