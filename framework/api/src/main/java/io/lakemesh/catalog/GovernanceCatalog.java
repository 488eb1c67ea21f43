package io.lakemesh.catalog;

import io.lakemesh.exceptions.NoSuchTableException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The governance catalog: metadata, quality history, lineage and run records for every account of
 * the mesh. It never holds data. Backends have a no-argument constructor and are set up by {@link
 * #initialize}; they are loaded by a short type name through {@link CatalogLoader}.
 */
public interface GovernanceCatalog extends AutoCloseable {

  void initialize(String name, Map<String, String> properties);

  String name();

  /** Creates the database when missing; returns true when it was created. */
  boolean ensureDatabase(DatabaseId database, Map<String, String> parameters);

  List<DatabaseId> listDatabases(String catalog);

  /** The current entry. */
  Optional<CatalogTable> findTable(TableId id);

  default CatalogTable loadTable(TableId id) {
    return findTable(id).orElseThrow(() -> new NoSuchTableException(id));
  }

  /** Tables of one catalog, or of every catalog when {@code catalog} is null. */
  List<CatalogTable> listTables(String catalog);

  /** Every version of the entry, oldest first. */
  List<CatalogTable> tableVersions(TableId id);

  /**
   * Applies a successful run atomically: new table version (unless the snapshot is already the
   * published one, in which case nothing changes), quality run, lineage event and run record.
   */
  void publish(Publication publication);

  /** Stores a quality run that did not lead to a publish (failed gates are kept too). */
  void recordQualityRun(QualityRun run);

  /** Quality runs of a table, newest first, at most {@code limit}. */
  List<QualityRun> qualityHistory(TableId table, int limit);

  /** Creates or replaces the record of a run (runs are updated as they move on). */
  void recordJobRun(JobRun run);

  Optional<JobRun> findJobRun(String runId);

  /** Runs, newest first; of one product when {@code product} is not null. */
  List<JobRun> listJobRuns(String product, int limit);

  /**
   * The newest runs of each of {@code products}, at most {@code limit} each, newest first: what a
   * page of discovery reads to tell each product's freshness. The default asks once a product; a
   * backend whose run records are read whole (one object each, as on S3) answers the page in one
   * read instead.
   */
  default Map<String, List<JobRun>> recentJobRuns(Collection<String> products, int limit) {
    Map<String, List<JobRun>> out = new LinkedHashMap<>();
    for (String product : products) {
      out.computeIfAbsent(product, p -> listJobRuns(p, limit));
    }
    return out;
  }

  /** Lineage events whose inputs or outputs name the dataset, newest first. */
  List<LineageEvent> lineage(String dataset, int limit);

  @Override
  void close();
}
