package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.GovernanceCatalogTests;
import org.junit.jupiter.api.AfterEach;

/** The catalog contract against real AWS; see {@link LiveAws} for when it runs. */
class LiveGlueGovernanceCatalogTest extends GovernanceCatalogTests {
  private final LiveAws live = new LiveAws();

  @Override
  protected GovernanceCatalog newCatalog() {
    return live.newCatalog();
  }

  @AfterEach
  void deleteWhatTheTestCreated() {
    live.cleanUp();
  }
}
