package io.lakemesh.quality;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection$;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.aggregate.ImperativeAggregate;
import org.apache.spark.sql.catalyst.expressions.aggregate.TypedImperativeAggregate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.IndexedSeq;
import scala.collection.Seq;

/**
 * Proves a key unique while the rows flow into a write, without grouping them: each row's key is
 * hashed to 64 bits, every task sorts its own hashes before sending them to the driver, the driver
 * merges the sorted runs, and distinct hashes mean distinct keys. The value is the number of hashes
 * seen more than once: 0 proves the key unique; anything else (a duplicate, or a 64-bit collision,
 * about 10^-6 likely at 5M keys) leaves the verdict to an exact grouping pass. Beyond {@code limit}
 * keys the proof is given up ({@link #UNKNOWN}), which bounds the driver's memory at 8 bytes a key.
 *
 * <p>Spark asks an observed metric for its value after every task (to show it with the task), so
 * the value is kept until more hashes arrive: the driver sorts each run of hashes once.
 *
 * <p>An expression of its own rather than a {@code functions.udaf}: Spark's wrapper for those keeps
 * generated projections in fields that an observed metric's accumulator then fails to send back
 * from the executors.
 */
final class KeyHashes extends TypedImperativeAggregate<KeyHashes.Buffer> implements Serializable {
  static final long UNKNOWN = -1;

  private final Expression child;
  private final int limit;
  private final int mutableAggBufferOffset;
  private final int inputAggBufferOffset;

  /** The hash as Spark's generated code computes it; made where the rows are, per task. */
  private transient UnsafeProjection hashing;

  KeyHashes(Expression child, int limit, int mutableAggBufferOffset, int inputAggBufferOffset) {
    this.child = child;
    this.limit = limit;
    this.mutableAggBufferOffset = mutableAggBufferOffset;
    this.inputAggBufferOffset = inputAggBufferOffset;
  }

  /** The aggregate over a column of 64-bit hashes; null hashes are not counted. */
  static Column of(Column hashes, int limit) {
    return new Column(new KeyHashes(hashes.expr(), limit, 0, 0).toAggregateExpression());
  }

  /** Hashes gathered so far, in chunks, so that merging the tasks' buffers copies nothing. */
  static final class Buffer {
    private static final int CHUNK = 1 << 16;

    private final List<long[]> full = new ArrayList<>();
    private long[] open = new long[CHUNK];
    private int used;
    private long count;
    private boolean overflow;

    /** {@link #repeated()} as last computed; -2 once hashes were added since. */
    private long repeated = -2;

    void add(long hash, int limit) {
      repeated = -2;
      if (overflow) {
        return;
      }
      if (++count > limit) {
        drop();
        return;
      }
      if (used == open.length) {
        full.add(open);
        open = new long[CHUNK];
        used = 0;
      }
      open[used++] = hash;
    }

    void addAll(Buffer other, int limit) {
      repeated = -2;
      if (overflow || other.overflow || count + other.count > limit) {
        drop();
        return;
      }
      full.addAll(other.full);
      if (other.used > 0) {
        full.add(
            other.used == other.open.length ? other.open : Arrays.copyOf(other.open, other.used));
      }
      count += other.count;
    }

    private void drop() {
      overflow = true;
      full.clear();
      open = new long[0];
      used = 0;
    }

    private long[] all() {
      long[] all = new long[Math.toIntExact(count)];
      int at = 0;
      for (long[] chunk : full) {
        System.arraycopy(chunk, 0, all, at, chunk.length);
        at += chunk.length;
      }
      System.arraycopy(open, 0, all, at, used);
      return all;
    }

    long repeated() {
      if (overflow) {
        return UNKNOWN;
      }
      if (repeated == -2) {
        // The tasks' runs arrive sorted; the sort merges them rather than sorting afresh.
        long[] all = sorted();
        long seen = 0;
        for (int i = 1; i < all.length; i++) {
          if (all[i] == all[i - 1]) {
            seen++;
          }
        }
        repeated = seen;
      }
      return repeated;
    }

    /** Every hash in order, kept as the one chunk so that it is not sorted again. */
    private long[] sorted() {
      long[] all = all();
      Arrays.sort(all);
      full.clear();
      open = all;
      used = all.length;
      return all;
    }

    /** Sorted on the way out of the task, where the executors share the work. */
    byte[] bytes() {
      if (overflow) {
        return new byte[] {1};
      }
      long[] all = sorted();
      ByteBuffer out = ByteBuffer.allocate(1 + 8 * all.length);
      out.put((byte) 0);
      out.asLongBuffer().put(all);
      return out.array();
    }

    static Buffer of(byte[] bytes) {
      Buffer buffer = new Buffer();
      if (bytes[0] == 1) {
        buffer.drop();
        return buffer;
      }
      long[] all = new long[(bytes.length - 1) / 8];
      ByteBuffer.wrap(bytes, 1, bytes.length - 1).asLongBuffer().get(all);
      buffer.open = all;
      buffer.used = all.length;
      buffer.count = all.length;
      return buffer;
    }
  }

  @Override
  public Buffer createAggregationBuffer() {
    return new Buffer();
  }

  @Override
  public Buffer update(Buffer buffer, InternalRow input) {
    if (hashing == null) {
      hashing = UnsafeProjection$.MODULE$.create(Scala.seq(List.of(child)));
    }
    UnsafeRow hash = hashing.apply(input);
    if (!hash.isNullAt(0)) {
      buffer.add(hash.getLong(0), limit);
    }
    return buffer;
  }

  @Override
  public Buffer merge(Buffer buffer, Buffer input) {
    buffer.addAll(input, limit);
    return buffer;
  }

  @Override
  public Object eval(Buffer buffer) {
    return buffer.repeated();
  }

  @Override
  public byte[] serialize(Buffer buffer) {
    return buffer.bytes();
  }

  @Override
  public Buffer deserialize(byte[] bytes) {
    return Buffer.of(bytes);
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public DataType dataType() {
    return DataTypes.LongType;
  }

  @Override
  public Seq<Expression> children() {
    return Scala.seq(List.of(child));
  }

  @Override
  public Expression withNewChildrenInternal(IndexedSeq<Expression> children) {
    return new KeyHashes(children.apply(0), limit, mutableAggBufferOffset, inputAggBufferOffset);
  }

  @Override
  public int mutableAggBufferOffset() {
    return mutableAggBufferOffset;
  }

  @Override
  public ImperativeAggregate withNewMutableAggBufferOffset(int offset) {
    return new KeyHashes(child, limit, offset, inputAggBufferOffset);
  }

  @Override
  public int inputAggBufferOffset() {
    return inputAggBufferOffset;
  }

  @Override
  public ImperativeAggregate withNewInputAggBufferOffset(int offset) {
    return new KeyHashes(child, limit, mutableAggBufferOffset, offset);
  }

  @Override
  public String prettyName() {
    return "lakemesh_key_hashes";
  }

  @Override
  public int productArity() {
    return 4;
  }

  @Override
  public Object productElement(int n) {
    return switch (n) {
      case 0 -> child;
      case 1 -> limit;
      case 2 -> mutableAggBufferOffset;
      case 3 -> inputAggBufferOffset;
      default -> throw new IndexOutOfBoundsException(n);
    };
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof KeyHashes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyHashes k
        && k.child.equals(child)
        && k.limit == limit
        && k.mutableAggBufferOffset == mutableAggBufferOffset
        && k.inputAggBufferOffset == inputAggBufferOffset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(child, limit, mutableAggBufferOffset, inputAggBufferOffset);
  }
}
