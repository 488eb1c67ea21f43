package io.lakemesh.server.iceberg;

import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * A producer's table as a reader reaches it through a resource link: its published metadata ({@link
 * PublishedView}), files and history, and no commit. Iceberg's REST handlers commit through the
 * operations of the table the catalog loads, so refusing here is what keeps a link read-only
 * whatever the request asks.
 */
final class LinkedTableOperations implements TableOperations {
  private final TableOperations target;
  private final Runnable refuseCommit;

  /**
   * @param target the producer table's own operations
   * @param refuseCommit throws the refusal of a commit (and puts it on record)
   */
  LinkedTableOperations(TableOperations target, Runnable refuseCommit) {
    this.target = target;
    this.refuseCommit = refuseCommit;
  }

  @Override
  public TableMetadata current() {
    return PublishedView.of(target.current());
  }

  @Override
  public TableMetadata refresh() {
    return PublishedView.of(target.refresh());
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    refuseCommit.run();
    throw new IllegalStateException("a commit through a resource link was not refused");
  }

  @Override
  public FileIO io() {
    return target.io();
  }

  @Override
  public EncryptionManager encryption() {
    return target.encryption();
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return target.metadataFileLocation(fileName);
  }

  @Override
  public LocationProvider locationProvider() {
    return target.locationProvider();
  }
}
