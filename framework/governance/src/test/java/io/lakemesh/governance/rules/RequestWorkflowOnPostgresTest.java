package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RequestWorkflowTest} on PostgreSQL. */
class RequestWorkflowOnPostgresTest extends RequestWorkflowTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
