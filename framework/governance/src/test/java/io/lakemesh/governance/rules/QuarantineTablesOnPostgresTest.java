package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link QuarantineTablesTest} on PostgreSQL. */
class QuarantineTablesOnPostgresTest extends QuarantineTablesTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
