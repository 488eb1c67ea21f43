package io.lakemesh.governance.spark;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.config.MeshHome;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.service.GovernanceServices;
import io.lakemesh.runtime.Warehouse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A consumer's catalog in Spark: names resolve through resource links, every load checks SELECT for
 * the configured principal, columns that were not granted are not there, and a read through data
 * filters returns only the rows and cells they select ({@link GovernedTable}). Read-only: consumers
 * write through producer jobs of their own.
 *
 * <pre>
 * spark.sql.catalog.marketing           = io.lakemesh.governance.spark.GovernedCatalog
 * spark.sql.catalog.marketing.principal = marketing:analyst
 * spark.sql.catalog.marketing.config    = /etc/lakemesh/lakemesh.conf   (optional: the mesh's config)
 * spark.sql.catalog.marketing.home      = /data/mesh                     (optional: lakemesh.home)
 * spark.sql.catalog.marketing.topology  = federated                      (optional: overrides the config's)
 * </pre>
 *
 * <p>A consumer's own Spark job names the mesh config (or nothing, for the defaults and {@code
 * $LAKEMESH_HOME}); lakemesh's own commands register the governance they already hold under {@code
 * access} (a key from {@link #register}) instead.
 */
public final class GovernedCatalog implements TableCatalog, SupportsNamespaces {
  public static final String PRINCIPAL = "principal";
  public static final String ACCESS = "access";
  public static final String CONFIG = "config";
  public static final String HOME = "home";
  public static final String TOPOLOGY = "topology";

  private static final Map<String, Registration> REGISTRY = new ConcurrentHashMap<>();

  private record Registration(TableAccess access, Warehouse warehouse) {}

  private final Map<String, SparkCatalog> producers = new ConcurrentHashMap<>();
  private String name;
  private String principal;
  private Registration registration;
  private SparkSession predicateSession;

  /** Makes governance and storage known to catalogs created in this JVM; returns the key. */
  public static String register(TableAccess access, Warehouse warehouse) {
    String key = UUID.randomUUID().toString();
    REGISTRY.put(key, new Registration(access, warehouse));
    return key;
  }

  public static void unregister(String key) {
    REGISTRY.remove(key);
  }

  @Override
  public void initialize(String catalogName, CaseInsensitiveStringMap options) {
    this.name = catalogName;
    this.principal = options.get(PRINCIPAL);
    if (principal == null || principal.isBlank()) {
      throw new InvalidConfigException(
          "spark.sql.catalog." + catalogName + "." + PRINCIPAL,
          "the governed catalog " + catalogName + " needs the principal it acts as");
    }
    if (options.get(ACCESS) == null) {
      this.registration = fromConfig(options);
      return;
    }
    this.registration = REGISTRY.get(options.get(ACCESS));
    if (registration == null) {
      throw new InvalidConfigException(
          "spark.sql.catalog." + catalogName + "." + ACCESS,
          "the governed catalog "
              + catalogName
              + " has no governance registered under '"
              + options.get(ACCESS)
              + "'");
    }
  }

  /**
   * Governance over the mesh a config describes, one per config, home and topology in a JVM, so
   * that every catalog of a job shares its connection to the governance catalog.
   */
  private static Registration fromConfig(CaseInsensitiveStringMap options) {
    String config = options.get(CONFIG);
    String home = options.get(HOME);
    String topology = options.get(TOPOLOGY);
    String key = "config:" + config + "|" + home + "|" + topology;
    return REGISTRY.computeIfAbsent(
        key,
        k -> {
          // A home that records its mesh is read as the CLI reads it.
          MeshHome recorded = MeshHome.locate(home == null ? null : Path.of(home), Path.of(""));
          LakemeshConfig c =
              recorded.isRecorded()
                  ? recorded.load(config == null ? null : Path.of(config), topology, config != null)
                  : LakemeshConfig.load(
                      config == null ? null : Path.of(config), home == null ? null : Path.of(home));
          GovernanceService governance =
              GovernanceServices.of(
                  c,
                  c.mesh(topology == null ? null : Topology.parse(topology)),
                  () -> CatalogLoader.load(c.catalogType(), "lakemesh", c.catalogProperties()));
          return new Registration(new GovernanceTableAccess(governance), c.warehouse());
        });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    if (ident.namespace().length != 1) {
      throw new NoSuchTableException(ident);
    }
    TableAccess.Resolved resolved =
        registration.access().resolveForRead(principal, ident.namespace()[0], ident.name());
    String account = resolved.target().catalog();
    SparkCatalog producer = producers.computeIfAbsent(account, this::producerCatalog);
    Table table =
        producer.loadTable(
            Identifier.of(new String[] {resolved.target().database()}, resolved.target().table()));
    // Taken here, on the thread that analyses the query, where the reader's session is active.
    SparkSession predicates = resolved.filtered() ? predicateSession() : null;
    return new GovernedTable(name + "." + ident, (SupportsRead) table, resolved, predicates);
  }

  /**
   * The session data filters' predicates are resolved in: a new session of the reader's Spark,
   * holding the built-in functions only, so that a temporary function the reader registers under a
   * built-in's name cannot change what a producer's filter keeps.
   */
  private synchronized SparkSession predicateSession() {
    if (predicateSession == null) {
      predicateSession = SparkSession.active().newSession();
    }
    return predicateSession;
  }

  private SparkCatalog producerCatalog(String account) {
    String reader = Principal.parse(principal).account();
    Map<String, String> props =
        new HashMap<>(registration.warehouse().icebergProperties(account, reader));
    SparkCatalog catalog = new SparkCatalog();
    catalog.initialize(Warehouse.sparkCatalog(account), new CaseInsensitiveStringMap(props));
    return catalog;
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length != 1) {
      throw new NoSuchNamespaceException(namespace);
    }
    return registration.access().tables(principal, namespace[0]).stream()
        .map(t -> Identifier.of(namespace, t))
        .toArray(Identifier[]::new);
  }

  @Override
  public String[][] listNamespaces() {
    return registration.access().databases(principal).stream()
        .map(d -> new String[] {d})
        .toArray(String[][]::new);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return listNamespaces();
    }
    if (namespaceExists(namespace)) {
      return new String[0][];
    }
    throw new NoSuchNamespaceException(namespace);
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    return namespace.length == 1
        && registration.access().databases(principal).contains(namespace[0]);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace)
      throws NoSuchNamespaceException {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return Map.of();
  }

  @Override
  public Table createTable(
      Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties) {
    throw readOnly("create " + ident);
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    throw readOnly("alter " + ident);
  }

  @Override
  public boolean dropTable(Identifier ident) {
    throw readOnly("drop " + ident);
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw readOnly("rename " + oldIdent);
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) {
    throw readOnly("create database " + String.join(".", namespace));
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw readOnly("alter database " + String.join(".", namespace));
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade) {
    throw readOnly("drop database " + String.join(".", namespace));
  }

  private UnsupportedOperationException readOnly(String what) {
    return new UnsupportedOperationException(
        "cannot "
            + what
            + " in "
            + name
            + ": a consumer catalog is read-only; data changes go through the producer's job");
  }
}
