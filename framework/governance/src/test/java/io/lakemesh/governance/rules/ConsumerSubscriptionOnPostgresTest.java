package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConsumerSubscriptionTest} on PostgreSQL. */
class ConsumerSubscriptionOnPostgresTest extends ConsumerSubscriptionTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
