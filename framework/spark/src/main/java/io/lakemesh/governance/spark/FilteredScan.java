package io.lakemesh.governance.spark;

import java.io.IOException;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BasePredicate;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * A producer's scan with a reader's {@link VisibleCells} applied to each row as it is read. It
 * offers Spark rows only (batches from a vectorised reader are taken apart row by row), no
 * statistics and no runtime filtering, so nothing downstream sees the scan's own rows.
 */
final class FilteredScan implements Scan, Batch {
  private final Scan delegate;
  private final StructType output;
  private final VisibleCells cells;
  private Batch batch;

  FilteredScan(Scan delegate, StructType output, VisibleCells cells) {
    this.delegate = delegate;
    this.output = output;
    this.cells = cells;
  }

  @Override
  public StructType readSchema() {
    return output;
  }

  @Override
  public String description() {
    return "filtered cells of " + delegate.description();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  private Batch delegateBatch() {
    if (batch == null) {
      batch = delegate.toBatch();
    }
    return batch;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    return delegateBatch().planInputPartitions();
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new Readers(delegateBatch().createReaderFactory(), cells);
  }

  private record Readers(PartitionReaderFactory delegate, VisibleCells cells)
      implements PartitionReaderFactory {
    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      return delegate.supportColumnarReads(partition)
          ? new Reader(null, delegate.createColumnarReader(partition), cells)
          : new Reader(delegate.createReader(partition), null, cells);
    }
  }

  /** The rows of one partition that pass, each with its hidden cells as null. */
  private static final class Reader implements PartitionReader<InternalRow> {
    private final PartitionReader<InternalRow> rows;
    private final PartitionReader<ColumnarBatch> batches;
    private final BasePredicate predicate;
    private final UnsafeProjection projection;
    private Iterator<InternalRow> batchRows;
    private InternalRow current;

    Reader(
        PartitionReader<InternalRow> rows,
        PartitionReader<ColumnarBatch> batches,
        VisibleCells cells) {
      this.rows = rows;
      this.batches = batches;
      this.predicate = cells.predicate();
      this.projection = cells.projection();
    }

    @Override
    public boolean next() throws IOException {
      InternalRow row;
      while ((row = read()) != null) {
        current = VisibleCells.apply(predicate, projection, row);
        if (current != null) {
          return true;
        }
      }
      return false;
    }

    private InternalRow read() throws IOException {
      if (rows != null) {
        return rows.next() ? rows.get() : null;
      }
      while (batchRows == null || !batchRows.hasNext()) {
        if (!batches.next()) {
          return null;
        }
        batchRows = batches.get().rowIterator();
      }
      return batchRows.next();
    }

    @Override
    public InternalRow get() {
      return current;
    }

    @Override
    public void close() throws IOException {
      if (rows != null) {
        rows.close();
      } else {
        batches.close();
      }
    }
  }
}
