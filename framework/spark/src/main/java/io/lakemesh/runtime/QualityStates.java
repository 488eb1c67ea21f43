package io.lakemesh.runtime;

import io.lakemesh.quality.TableStates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * The quality gate's analyzer states of a table, one small JSON file per snapshot in the table's
 * own metadata folder ({@code metadata/lakemesh-quality/SNAPSHOT.json}), written and read through
 * the table's FileIO, so they live wherever the table does (local disk, HDFS, S3) under the same
 * permissions.
 *
 * <p>A state is only ever an optimisation: a missing or unreadable file (never written, or removed
 * with the table's orphan files) makes the next gate measure the whole table once and write the
 * state again.
 */
final class QualityStates {
  private static final String FOLDER = "lakemesh-quality";

  private final Table table;

  QualityStates(Table table) {
    this.table = table;
  }

  private String location(long snapshotId) {
    return folder() + "/" + snapshotId + ".json";
  }

  private String folder() {
    if (table instanceof HasTableOperations ops) {
      return ops.operations().metadataFileLocation(FOLDER);
    }
    return table.location() + "/metadata/" + FOLDER;
  }

  Optional<TableStates> load(long snapshotId) {
    InputFile file = table.io().newInputFile(location(snapshotId));
    try (InputStream in = file.newStream()) {
      return Optional.of(
          TableStates.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) { // missing, or unreadable: measured afresh
      return Optional.empty();
    }
  }

  void save(long snapshotId, TableStates states) {
    try (OutputStream out = table.io().newOutputFile(location(snapshotId)).createOrOverwrite()) {
      out.write(states.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the quality state of " + table.name(), e);
    }
  }

  /**
   * Removes the states of every other snapshot: earlier ones are superseded, and those of rejected
   * batches never became the table. Without prefix listing they are left in place.
   */
  void keepOnly(long snapshotId) {
    if (!(table.io() instanceof SupportsPrefixOperations io)) {
      return;
    }
    String keep = location(snapshotId);
    try {
      for (FileInfo f : io.listPrefix(folder())) {
        if (!f.location().endsWith("/" + snapshotId + ".json") && !f.location().equals(keep)) {
          io.deleteFile(f.location());
        }
      }
    } catch (RuntimeException e) {
      // Stale states cost a few bytes; failing a published run over them would cost more.
    }
  }
}
