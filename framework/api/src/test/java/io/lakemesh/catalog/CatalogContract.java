package io.lakemesh.catalog;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every catalog contract suite shares: a fresh catalog from the backend before each test,
 * closed after it.
 */
public abstract class CatalogContract {
  private GovernanceCatalog catalog;

  /** A fresh, empty, initialized catalog; the suite closes it after each test. */
  protected abstract GovernanceCatalog newCatalog();

  protected GovernanceCatalog catalog() {
    return catalog;
  }

  /** The catalog as a capability; a test of a capability the backend lacks is skipped. */
  protected <T> T capability(Class<T> type) {
    assumeTrue(type.isInstance(catalog), "backend does not implement " + type.getSimpleName());
    return type.cast(catalog);
  }

  @BeforeEach
  void openCatalog() {
    catalog = newCatalog();
  }

  @AfterEach
  void closeCatalog() {
    if (catalog != null) {
      catalog.close();
    }
  }
}
