package io.lakemesh.runtime;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.SourceSpec;
import io.lakemesh.spec.TableSpec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.UncheckedSQLException;

/**
 * Recognises, before any Spark session exists, a run whose batch is published already. The batch
 * key is made as the job makes it (the spec, the transform's code, each input's fingerprint: the
 * file listing, the catalog's snapshot of a product read) and looked up in main's snapshot
 * summaries through Iceberg's Java API. Only a new batch, or one whose publish a crash cut short,
 * needs Spark; so a run over unchanged inputs costs a listing and a metadata read.
 */
final class PublishedBatch {
  /**
   * A batch on main whose publish is complete.
   *
   * @param committed the snapshot that committed it
   * @param mainSnapshot main's head now
   * @param catalogSnapshot the snapshot the catalog publishes (null: none)
   * @param droppedBranches audit branches of earlier runs, dropped as a run over the table does
   */
  record Found(
      Snapshot committed,
      long mainSnapshot,
      String catalogSnapshot,
      List<String> droppedBranches) {}

  private final Warehouse warehouse;
  private final Configuration hadoop;
  private final GovernanceCatalog catalog;
  private final BiFunction<String, String, String> productFingerprint;

  /**
   * @param sparkSettings the config's Spark settings, whose {@code spark.hadoop.*} list the files
   * @param productFingerprint a product source's fingerprint, from its name and {@code DOMAIN.NAME}
   */
  PublishedBatch(
      Warehouse warehouse,
      Map<String, String> sparkSettings,
      GovernanceCatalog catalog,
      BiFunction<String, String, String> productFingerprint) {
    this.warehouse = warehouse;
    this.hadoop = SourceFiles.hadoopConf(sparkSettings);
    this.catalog = catalog;
    this.productFingerprint = productFingerprint;
  }

  /**
   * What a run of {@code spec} finds before Spark starts.
   *
   * @param found the published batch these inputs make, if any
   * @param bytesToRead the bytes the run reads: its file sources, and for a merge the table's data
   *     files; empty when not known without Spark (a JDBC or product source, a remote file source
   *     Hadoop could not list here)
   */
  record Lookup(Optional<Found> found, OptionalLong bytesToRead) {}

  /**
   * The published batch these inputs make, if any, and the bytes the run would read. No batch as
   * well when it cannot be told without Spark: a JDBC source (its result has no fingerprint short
   * of running the query) or a remote file source Hadoop could not list here. A local file source
   * that is missing, or a product that is not readable, fails here, before anything starts.
   */
  Lookup lookup(ProductSpec spec, String transform, Path specDir) {
    Listing listing = list(spec, specDir);
    if (listing.fingerprints().isEmpty()) {
      return new Lookup(Optional.empty(), listing.bytes());
    }
    String key = BatchKeys.of(spec, transform, listing.fingerprints().get());
    Catalog iceberg;
    try {
      iceberg =
          CatalogUtil.buildIcebergCatalog(
              Warehouse.sparkCatalog(spec.account()),
              warehouse.icebergProperties(spec.account()),
              hadoop);
    } catch (UncheckedSQLException e) {
      // A first run's mesh home (where the warehouse catalog's database lives) is made when Spark
      // starts: a catalog that cannot be opened yet holds no published batch (nor a table to
      // read), and the Spark path opens it, or says what is wrong with it.
      return new Lookup(Optional.empty(), listing.bytes());
    }
    try {
      TableIdentifier id = TableIdentifier.of(spec.table().database(), spec.table().name());
      if (!iceberg.tableExists(id)) {
        return new Lookup(Optional.empty(), listing.bytes());
      }
      Table table = iceberg.loadTable(id);
      OptionalLong bytes =
          spec.table().mode() == TableSpec.WriteMode.MERGE
              ? plus(listing.bytes(), dataBytes(table))
              : listing.bytes();
      return new Lookup(find(spec, key, iceberg, table), bytes);
    } finally {
      close(iceberg);
    }
  }

  private Optional<Found> find(ProductSpec spec, String key, Catalog iceberg, Table table) {
    TableIdentifier quarantine =
        TableIdentifier.of(spec.table().database(), spec.table().name() + QuarantineStage.SUFFIX);
    // A quarantine rule added since the batch was published makes its table on the next run.
    if (!spec.quarantineRules().isEmpty() && !iceberg.tableExists(quarantine)) {
      return Optional.empty();
    }
    Optional<Snapshot> committed = TableHistory.committedBatch(table, key);
    String published =
        catalog
            .findTable(spec.tableId())
            .flatMap(t -> t.parameter(TableParameters.SNAPSHOT_ID))
            .orElse(null);
    if (committed.isEmpty() || !isPublished(table, committed.get(), published)) {
      return Optional.empty();
    }
    List<String> dropped = TableHistory.dropStaleAuditBranches(table);
    return Optional.of(
        new Found(committed.get(), table.currentSnapshot().snapshotId(), published, dropped));
  }

  /** The size of main's data files, as its snapshot's summary counts them (empty: none kept). */
  private static OptionalLong dataBytes(Table table) {
    Snapshot main = table.currentSnapshot();
    if (main == null) {
      return OptionalLong.of(0);
    }
    String size = main.summary().get(SnapshotSummary.TOTAL_FILE_SIZE_PROP);
    return size == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(size));
  }

  private static OptionalLong plus(OptionalLong a, OptionalLong b) {
    return a.isPresent() && b.isPresent()
        ? OptionalLong.of(a.getAsLong() + b.getAsLong())
        : OptionalLong.empty();
  }

  /**
   * Whether a batch committed on main needs no more publishing: the catalog publishes it, or main
   * has moved past it (a later batch published since, and this one's inputs came back).
   */
  static boolean isPublished(Table table, Snapshot committed, String catalogSnapshot) {
    return Long.toString(committed.snapshotId()).equals(catalogSnapshot)
        || table.currentSnapshot().snapshotId() != committed.snapshotId();
  }

  /**
   * Each source's fingerprint (empty: one cannot be told without Spark) and the bytes of the file
   * sources (empty: a source that is not files, or not listed).
   */
  private record Listing(Optional<Map<String, String>> fingerprints, OptionalLong bytes) {}

  private Listing list(ProductSpec spec, Path specDir) {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    boolean known = true;
    OptionalLong bytes = OptionalLong.of(0);
    for (SourceSpec s : spec.sources().values()) {
      if (s instanceof SourceSpec.Files f) {
        Optional<List<FileStatus>> listed = listFiles(f, SourceFiles.location(f.path(), specDir));
        listed.ifPresent(files -> fingerprints.put(f.name(), SourceFiles.fingerprint(files)));
        known &= listed.isPresent();
        bytes =
            plus(
                bytes,
                listed
                    .map(
                        files ->
                            OptionalLong.of(files.stream().mapToLong(FileStatus::getLen).sum()))
                    .orElse(OptionalLong.empty()));
      } else if (s instanceof SourceSpec.Product p) {
        fingerprints.put(p.name(), productFingerprint.apply(p.name(), p.product()));
        bytes = OptionalLong.empty(); // the product's table, read through its grant
      } else {
        known = false; // a JDBC query: every run is a new batch
        bytes = OptionalLong.empty();
      }
    }
    return new Listing(known ? Optional.of(fingerprints) : Optional.empty(), bytes);
  }

  private Optional<List<FileStatus>> listFiles(SourceSpec.Files f, String location) {
    if (SourceFiles.isLocal(location)) {
      return Optional.of(SourceFiles.list(f.name(), location, hadoop));
    }
    try {
      return Optional.of(SourceFiles.list(f.name(), location, hadoop));
    } catch (RuntimeException e) {
      return Optional
          .empty(); // the job lists it again, with its session's file systems, and says why
    }
  }

  private static void close(Catalog iceberg) {
    if (iceberg instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        throw new ExternalServiceException(
            "cannot close the Iceberg catalog " + iceberg.name() + ": " + e.getMessage(), e);
      }
    }
  }
}
