package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link FreshnessMonitorTest} on PostgreSQL. */
class FreshnessMonitorOnPostgresTest extends FreshnessMonitorTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
