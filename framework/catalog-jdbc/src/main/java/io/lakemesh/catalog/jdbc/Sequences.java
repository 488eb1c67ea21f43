package io.lakemesh.catalog.jdbc;

import org.jdbi.v3.core.Handle;

/** Ids from {@code lm_sequences}, in the portable way: increment a counter row, then read it. */
final class Sequences {
  static final String GRANTS = "grant";
  static final String REQUESTS = "request";

  private static final String CREATE_IF_MISSING =
      "INSERT INTO lm_sequences (sequence_name, last_value) VALUES (:sequence_name, 0)"
          + " ON CONFLICT DO NOTHING";
  // The increment locks the row until commit, so two transactions never read the same value.
  private static final String INCREMENT =
      "UPDATE lm_sequences SET last_value = last_value + 1 WHERE sequence_name = :sequence_name";
  private static final String READ =
      "SELECT last_value FROM lm_sequences WHERE sequence_name = :sequence_name";

  private Sequences() {}

  /** The next id of the sequence. Must run inside a transaction. */
  static long next(Handle handle, String sequence) {
    handle.createUpdate(CREATE_IF_MISSING).bind("sequence_name", sequence).execute();
    handle.createUpdate(INCREMENT).bind("sequence_name", sequence).execute();
    return handle.createQuery(READ).bind("sequence_name", sequence).mapTo(Long.class).one();
  }
}
