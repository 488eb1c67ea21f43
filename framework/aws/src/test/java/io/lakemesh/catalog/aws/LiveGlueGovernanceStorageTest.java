package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.GovernanceStorageTests;
import org.junit.jupiter.api.AfterEach;

/** The governance storage contract against real AWS; see {@link LiveAws} for when it runs. */
class LiveGlueGovernanceStorageTest extends GovernanceStorageTests {
  private final LiveAws live = new LiveAws();

  @Override
  protected GovernanceCatalog newCatalog() {
    return live.newStorageCatalog();
  }

  @AfterEach
  void deleteWhatTheTestCreated() {
    live.cleanUp();
  }
}
