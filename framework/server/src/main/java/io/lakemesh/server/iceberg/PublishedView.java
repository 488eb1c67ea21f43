package io.lakemesh.server.iceberg;

import java.util.List;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A producer table's metadata as a reader may see it: {@code main} and its history only. A producer
 * job stages each batch on an audit branch and publishes it by fast-forwarding main once the
 * quality gate passes, so a batch that failed (or is still being checked) lives on a branch and in
 * snapshots main never reached. Handing those to a reader's engine would let it read data the gate
 * rejected ({@code VERSION AS OF 'audit_...'}, or by snapshot id).
 */
final class PublishedView {
  private PublishedView() {}

  static TableMetadata of(TableMetadata metadata) {
    Snapshot main = metadata.currentSnapshot();
    Set<Long> published =
        main == null ? Set.of() : Set.copyOf(SnapshotUtil.ancestorIds(main, metadata::snapshot));
    List<Long> unpublished =
        metadata.snapshots().stream()
            .map(Snapshot::snapshotId)
            .filter(id -> !published.contains(id))
            .toList();
    boolean otherRefs =
        metadata.refs().keySet().stream().anyMatch(ref -> !SnapshotRef.MAIN_BRANCH.equals(ref));
    if (unpublished.isEmpty() && !otherRefs) {
      return metadata;
    }
    TableMetadata.Builder view = TableMetadata.buildFrom(metadata);
    metadata.refs().keySet().stream()
        .filter(ref -> !SnapshotRef.MAIN_BRANCH.equals(ref))
        .forEach(view::removeRef);
    view.removeSnapshots(unpublished);
    // Nothing is committed: the view keeps the file it was read from as its location.
    return view.discardChanges().withMetadataLocation(metadata.metadataFileLocation()).build();
  }
}
