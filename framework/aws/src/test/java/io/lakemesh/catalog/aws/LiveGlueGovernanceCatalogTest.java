package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.GovernanceCatalogTests;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The catalog contract against real AWS; see {@link LiveAws} for when it runs. */
class LiveGlueGovernanceCatalogTest extends GovernanceCatalogTests {
  private Map<String, String> properties;

  /** Each test is skipped, with the reason, unless live AWS is set up. */
  @Override
  protected GovernanceCatalog newCatalog() {
    properties = LiveAws.isolated(LiveAws.requireConfigured());
    GlueGovernanceCatalog catalog = new GlueGovernanceCatalog();
    catalog.initialize("lakemesh-it", properties);
    return catalog;
  }

  @AfterEach
  void deleteWhatTheTestCreated() {
    if (properties != null) {
      LiveAws.cleanUp(properties);
    }
  }
}
