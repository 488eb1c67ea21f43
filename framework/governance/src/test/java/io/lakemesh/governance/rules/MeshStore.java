package io.lakemesh.governance.rules;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.TableId;
import org.junit.jupiter.api.Assumptions;

/**
 * One world's governance state on a backend: the catalog lakemesh works on, and what someone with
 * write access to the storage underneath can do behind lakemesh's back, so that the suites check
 * that lakemesh notices on every backend.
 */
interface MeshStore extends AutoCloseable {
  GovernanceCatalog catalog();

  /** Removes a table's entry from the catalog, as an operator would outside lakemesh. */
  void dropTableOutside(TableId table);

  /** Rewrites the stored "after" of one audit event, as a writer of the storage could. */
  void rewriteAuditAfter(String log, long seq, String after);

  /**
   * The JDBC URL of the catalog database, for a test that edits it with plain JDBC. Such a test is
   * reported as skipped, with this reason, on a backend without one; to make it run everywhere, add
   * the edit to this interface instead.
   */
  default String jdbcUri() {
    return Assumptions.abort(
        "the test edits the catalog database with plain JDBC, and "
            + getClass().getSimpleName()
            + " keeps no JDBC database");
  }

  @Override
  default void close() {
    catalog().close();
  }
}
