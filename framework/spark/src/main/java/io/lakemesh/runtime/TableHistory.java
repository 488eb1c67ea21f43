package io.lakemesh.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What a product table's refs say about earlier runs, read and tidied through Iceberg's Java API
 * alone (no Spark): the batches main holds, and the audit branches runs left behind.
 */
final class TableHistory {
  private static final int BATCH_KEY_LOOKBACK = 100;

  private TableHistory() {}

  /** The snapshot on main that committed this batch already, if any (a crash after publish). */
  static Optional<Snapshot> committedBatch(Table table, String batchKey) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    int seen = 0;
    for (Snapshot s : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      if (batchKey.equals(s.summary().get(IcebergTables.BATCH_KEY))) {
        return Optional.of(s);
      }
      if (++seen >= BATCH_KEY_LOOKBACK) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Drops audit branches of earlier runs (crashed, or rejected and kept for inspection). */
  static List<String> dropStaleAuditBranches(Table table) {
    List<String> dropped = new ArrayList<>();
    for (Map.Entry<String, SnapshotRef> ref : table.refs().entrySet()) {
      if (ref.getKey().startsWith(IcebergTables.AUDIT_PREFIX) && ref.getValue().isBranch()) {
        table.manageSnapshots().removeBranch(ref.getKey()).commit();
        dropped.add(ref.getKey());
      }
    }
    return dropped;
  }
}
