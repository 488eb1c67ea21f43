package io.lakemesh.jobs;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.SpecLoader;
import io.lakemesh.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * A fresh mesh home for one test: the embedded catalog on SQLite and the accounts' warehouses in a
 * temp folder, the shipped product specs, and the JVM's one SparkContext.
 */
final class TestMesh implements AutoCloseable {
  static final Path REPO = Path.of("").toAbsolutePath().getParent();
  static final Path PRODUCTS = REPO.resolve("jobs/products");
  static final Path SAMPLE_ORDERS = REPO.resolve("jobs/data/sales/orders.csv");

  final Path home;
  final LakemeshConfig config;
  final GovernanceCatalog catalog;
  final SpecLoader specs;

  TestMesh(Path home, Path products) {
    this(home, products, null);
  }

  /** With the settings of {@code configFile} (null: the defaults). */
  TestMesh(Path home, Path products, Path configFile) {
    this.home = home;
    this.config = LakemeshConfig.load(configFile, home);
    this.catalog = CatalogLoader.load("jdbc", "lakemesh", config.catalogProperties());
    this.specs = new SpecLoader(products);
  }

  static TestMesh in(Path home) {
    return new TestMesh(home, PRODUCTS);
  }

  RunReport run(String product, Map<String, String> sources) {
    return run(specs.load(product), sources);
  }

  RunReport run(ProductSpec spec, Map<String, String> sources) {
    return new ProducerJob(config, catalog, SharedSpark.session(), null)
        .run(spec, new ProducerJob.Options(null, sources));
  }

  /**
   * The account's Iceberg table as Iceberg's own JDBC catalog sees it, without Spark or lakemesh.
   */
  Table icebergTable(String account, String qualifiedName) {
    try (JdbcCatalog iceberg = new JdbcCatalog()) {
      iceberg.initialize(account, config.warehouse().icebergProperties(account));
      return iceberg.loadTable(TableIdentifier.parse(qualifiedName));
    }
  }

  Long mainSnapshot(String account, String qualifiedName) {
    Snapshot s = icebergTable(account, qualifiedName).currentSnapshot();
    return s == null ? null : s.snapshotId();
  }

  /**
   * A product spec derived from a shipped one by HOCON include plus overrides, written into {@code
   * dir/DOMAIN/NAME.conf} next to a copy of the transform SQL.
   */
  static Path deriveSpec(
      Path productsDir, String base, String domain, String name, String overrides)
      throws IOException {
    String[] b = base.split("\\.");
    Path dir = Files.createDirectories(productsDir.resolve(domain));
    Path baseDir = PRODUCTS.resolve(b[0]);
    try (var files = Files.list(baseDir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.toString().endsWith(".sql")) {
          Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    String text =
        "include file(\""
            + baseDir.resolve(b[1] + ".conf")
            + "\")\n"
            + "domain = "
            + domain
            + "\nname = "
            + name
            + "\n"
            + overrides
            + "\n";
    return Files.writeString(dir.resolve(name + ".conf"), text);
  }

  @Override
  public void close() {
    catalog.close();
  }
}
