package io.lakemesh.catalog;

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
