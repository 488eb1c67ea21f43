package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DataFilterPredicateTest} on PostgreSQL. */
class DataFilterPredicateOnPostgresTest extends DataFilterPredicateTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
