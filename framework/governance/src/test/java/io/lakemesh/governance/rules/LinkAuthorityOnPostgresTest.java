package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LinkAuthorityTest} on PostgreSQL. */
class LinkAuthorityOnPostgresTest extends LinkAuthorityTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
