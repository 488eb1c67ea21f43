package io.lakemesh.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every browser test starts from: a {@link DemoCatalog} of {@link #products()} products,
 * served on loopback, and a fresh tab of the run's headless {@link Chromium} on its web UI. A test
 * class says how many products and what to record before the server starts; the server and the
 * catalog are closed after each test, in the reverse order, whatever of them started.
 */
@ExtendWith(Chromium.Shared.class)
abstract class BrowserTestBase {
  @TempDir Path dir;
  DemoCatalog demo;
  ServedCatalog served;
  UiBrowser ui;
  WebDriver browser;
  WebDriverWait wait;

  /** How many demo products the catalog holds. */
  abstract int products();

  /** What the test class records in the catalog before it is served. */
  void prepare(DemoCatalog catalog) throws Exception {}

  @BeforeEach
  final void startServedUi(Chromium chromium) throws Exception {
    demo = new DemoCatalog(dir).withProducts(products());
    prepare(demo);
    served = new ServedCatalog(demo.governance, demo.catalog);
    ui = new UiBrowser(served, chromium);
    browser = ui.driver;
    wait = ui.wait;
  }

  @AfterEach
  final void stopServedUi() throws Exception {
    for (AutoCloseable started : new AutoCloseable[] {served, demo}) {
      if (started != null) {
        started.close();
      }
    }
  }
}
